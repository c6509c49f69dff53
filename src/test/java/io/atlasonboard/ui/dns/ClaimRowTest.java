package io.atlasonboard.ui.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.ui.common.I18n;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A row's log text and last verification from the stored log, read once per record (issue 12). */
class ClaimRowTest {
    private final Instant now = Instant.parse("2026-12-03T10:00:00Z");

    @AfterEach
    void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    private DomainClaimRecord rec(String logJson) {
        return new DomainClaimRecord(1L, 1, "c1", "www.example.com", "VERIFIED", "tok", now.plusSeconds(3600),
                now.plusSeconds(30 * 86_400L), now, now, logJson, null);
    }

    @Test
    void logLinesAndLastVerificationComeFromTheStoredLog() {
        long verified = now.minusSeconds(86_400).getEpochSecond();
        ClaimRow row = new ClaimRow(rec("[{\"status\":\"PENDING\",\"description\":\"created\",\"timestamp\":"
                + (verified - 60) + "},{\"status\":\"SUCCESS\",\"description\":\"TXT record found\",\"timestamp\":"
                + verified + "},{\"status\":\"ERROR\"}]"));
        row.tick(now);
        assertThat(row.logProperty().get().lines()).hasSize(3);
        assertThat(row.logProperty().get().lines().toList().get(1))
                .isEqualTo(I18n.dateTime(Instant.ofEpochSecond(verified)) + "  SUCCESS  TXT record found");
        assertThat(row.logProperty().get().lines().toList().get(2)).isEqualTo("ERROR  ");
        assertThat(row.lastVerifiedProperty().get()).isEqualTo(I18n.date(Instant.ofEpochSecond(verified)));
        assertThat(row.dueProperty().get()).isNotEmpty();
    }

    @Test
    void aLogThatIsNotTheApisShapeIsShownAsStoredAndLosesNothing() {
        ClaimRow row = new ClaimRow(rec("{\"unexpected\":true}"));
        row.tick(now);
        assertThat(row.logProperty().get()).isEqualTo("{\"unexpected\":true}");
        assertThat(row.lastVerifiedProperty().get()).isEmpty();
        assertThat(row.domainProperty().get()).isEqualTo("www.example.com");
    }

    @Test
    void theCountdownAndDatesFollowTheLanguageWithCachedFormats() {
        ClaimRow row = new ClaimRow(rec(null).withStatus("PENDING"));
        row.tick(now);
        String en = row.countdownProperty().get();
        String dateEn = row.expiryProperty().get();
        assertThat(en).isEqualTo("01h 00m 00s left");
        assertThat(ClaimRow.countdown(now, now.plusSeconds(9))).isEqualTo("00h 00m 09s left");
        assertThat(ClaimRow.countdown(now, now.plusSeconds(10 * 86_400L + 5 * 3600 + 7 * 60))).startsWith("10")
                .contains("05").contains("07");
        I18n.setLocale(Locale.GERMAN);
        ClaimRow de = new ClaimRow(rec(null).withStatus("PENDING"));
        de.tick(now);
        assertThat(de.expiryProperty().get()).isNotEqualTo(dateEn); // "Jan 2, 2027" vs "02.01.2027"
        assertThat(I18n.date(now.plusSeconds(30 * 86_400L))).isEqualTo(de.expiryProperty().get());
    }

    @Test
    void valuesWorkedOutOnAWorkerShowTheSameRowWithoutATick() throws Exception {
        long verified = now.minusSeconds(86_400).getEpochSecond();
        DomainClaimRecord r = rec("[{\"status\":\"SUCCESS\",\"description\":\"TXT record found\",\"timestamp\":"
                + verified + "}]");
        AtomicReference<ClaimRow.Shown> made = new AtomicReference<>();
        Thread worker = new Thread(() -> made.set(ClaimRow.Shown.of(r, now)), "worker");
        worker.start();
        worker.join();
        ClaimRow fromWorker = new ClaimRow(made.get());
        ClaimRow here = new ClaimRow(r);
        here.tick(now);
        assertThat(fromWorker.lastVerifiedProperty().get()).isEqualTo(I18n.date(Instant.ofEpochSecond(verified)))
                .isEqualTo(here.lastVerifiedProperty().get());
        assertThat(fromWorker.dueProperty().get()).isNotEmpty().isEqualTo(here.dueProperty().get());
        assertThat(fromWorker.logProperty().get()).isEqualTo(here.logProperty().get());
        assertThat(fromWorker.statusProperty().get()).isEqualTo(here.statusProperty().get());
        assertThat(fromWorker.expiryProperty().get()).isEqualTo(here.expiryProperty().get());
        // an update with worked-out values keeps the replaced token, as an update from the record does
        fromWorker.update(ClaimRow.Shown.of(new DomainClaimRecord(1L, 1, "c1", "www.example.com", "PENDING", "tok2",
                now.plusSeconds(3600), now.plusSeconds(30 * 86_400L), now, now, null, null), now));
        assertThat(fromWorker.previousTokenProperty().get()).isEqualTo("tok");
        assertThat(fromWorker.lastVerifiedProperty().get()).isEmpty();
    }
}
