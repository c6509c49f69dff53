package io.atlasonboard.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class TxtRecordPresentationTest {

    static final String TOKEN = "globalsign-domain-verification=2044275D87CE4115047E08E9B4076586";

    @Test
    void hostValueAndZoneFileLine() {
        TxtRecordPresentation p = TxtRecordPresentation.of("Example.COM", TOKEN, null, Duration.ofSeconds(300));
        assertThat(p.host()).isEqualTo("example.com.");
        assertThat(p.value()).isEqualTo(TOKEN);
        assertThat(p.zoneFileLine()).isEqualTo("example.com. 300 IN TXT \"" + TOKEN + "\"");
        assertThat(TxtRecordPresentation.of("www.example.com.", TOKEN, null, null).host()).isEqualTo("www.example.com.");
    }

    @Test
    void tokenIsKeptExactlyIncludingOldBareHexFormat() {
        String bare = "01b5c8bded51b4ab05d51cd8b85ba88e";
        assertThat(TxtRecordPresentation.of("a.example", bare, null, null).value()).isEqualTo(bare);
        assertThat(TxtRecordPresentation.of("a.example", TOKEN, null, null).value()).isEqualTo(TOKEN);
    }

    @Test
    void relativeNames() {
        assertThat(TxtRecordPresentation.of("example.com", TOKEN, null, null).relativeName("example.com.")).isEqualTo("@");
        assertThat(TxtRecordPresentation.of("www.example.com", TOKEN, null, null).relativeName("example.com"))
                .isEqualTo("www");
        assertThat(TxtRecordPresentation.of("a.b.example.com", TOKEN, null, null).relativeName("example.com"))
                .isEqualTo("a.b");
        assertThatThrownBy(() -> TxtRecordPresentation.of("www.example.org", TOKEN, null, null)
                .relativeName("example.com")).hasMessageContaining("not inside the zone");
        assertThatThrownBy(() -> TxtRecordPresentation.of("wwwexample.com", TOKEN, null, null)
                .relativeName("example.com")).hasMessageContaining("not inside the zone");
    }

    @Test
    void idnIsConvertedToALabels() {
        assertThat(TxtRecordPresentation.of("bücher.example", TOKEN, null, null).host())
                .isEqualTo("xn--bcher-kva.example.");
    }

    @Test
    void copyAllBlockHasNameTypeValueTtlAndUtcDeadline() {
        Instant deadline = Instant.parse("2026-12-27T10:15:30Z");
        String block = TxtRecordPresentation.of("www.example.com", TOKEN, deadline, Duration.ofMinutes(5))
                .copyAllBlock();
        assertThat(block).contains("Name:  www.example.com.\n").contains("Type:  TXT\n")
                .contains("Value: " + TOKEN + "\n").contains("TTL:   300")
                .contains("Publish before: 2026-12-27 10:15:30 UTC");
        assertThat(TxtRecordPresentation.of("x.example", TOKEN, Instant.EPOCH, null).copyAllBlock())
                .doesNotContain("Publish before"); // assert_by 0 means verified: no deadline
    }

    @Test
    void quotingNoteExplainsQuotes() {
        String note = TxtRecordPresentation.of("example.com", TOKEN, null, null).quotingNote();
        assertThat(note).contains("add the quotes themselves").contains("zone file").contains("Never split");
    }

    @Test
    void longValuesAreSplitIntoStringsOfAtMost255Bytes() {
        String v = "x".repeat(255) + "y".repeat(100);
        TxtRecordPresentation p = TxtRecordPresentation.of("example.com", v, null, null);
        assertThat(p.strings()).containsExactly("x".repeat(255), "y".repeat(100));
        assertThat(p.zoneFileLine()).isEqualTo("example.com. 300 IN TXT \"" + "x".repeat(255) + "\" \""
                + "y".repeat(100) + "\"");
        assertThat(p.quotingNote()).contains("2 quoted strings");
        // multi-byte characters are never cut
        String u = "é".repeat(200); // 400 bytes
        List<String> parts = TxtRecordPresentation.splitStrings(u);
        assertThat(String.join("", parts)).isEqualTo(u);
        assertThat(parts).allSatisfy(s -> assertThat(s.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255));
        assertThat(TxtRecordPresentation.splitStrings("x".repeat(255))).hasSize(1);
    }

    @Test
    void quotesAndBackslashesAreEscapedInZoneFiles() {
        assertThat(TxtRecordPresentation.of("e.example", "a\"b\\c", null, null).zoneFileLine())
                .endsWith("TXT \"a\\\"b\\\\c\"");
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> TxtRecordPresentation.of("", TOKEN, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TxtRecordPresentation.of("a.example", "", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBlockForTheDnsTeamIsInTheReadersLanguageWithTheValuesUnchanged() {
        TxtRecordPresentation p = TxtRecordPresentation.of("example.com", TOKEN, null, Duration.ofSeconds(300));
        assertThat(p.copyAllBlock()).contains("Type:  TXT", "TTL:   300 (suggested)", "Value: " + TOKEN);
        String de = p.copyAllBlock(java.util.Locale.GERMAN);
        assertThat(de).contains("Typ:   TXT", "TTL:   300 (empfohlen)", "Wert:  " + TOKEN,
                "Zonendatei-Zeile: " + p.zoneFileLine());
        assertThat(p.quotingNoteMsg().render(java.util.Locale.GERMAN)).startsWith("Die meisten DNS-Konsolen");
    }
}
