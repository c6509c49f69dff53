package io.atlasonboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasonboard.core.pki.Countries;
import io.atlasonboard.core.pki.DomainNames;
import io.atlasonboard.core.pki.InvalidInputException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TextsTest {
    @Test
    void aValidationErrorIsEnglishForTheCommandLineAndGermanWhereAskedFor() {
        assertThatThrownBy(() -> Countries.normalize("Deutschland"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getMessage()).startsWith("'Deutschland' is not an ISO 3166");
                    assertThat(e.msg().render(Locale.GERMAN)).startsWith("„Deutschland“ ist kein ISO-3166");
                });
    }

    @Test
    void aWrappedMessageIsRenderedInTheSameLanguageAsItsParent() {
        assertThatThrownBy(() -> DomainNames.normalizeList(List.of("www.example.com", "a..b")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Entry 2: 'a..b' has an empty label");
                    assertThat(e.msg().render(Locale.GERMAN)).startsWith("Eintrag 2: „a..b“ enthält ein leeres Label");
                });
    }

    @Test
    void theDefaultLocaleNeverLeaksIntoEnglish() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Texts.render(Locale.ENGLISH, "core.pki.domain.empty")).startsWith("The domain name is empty");
            assertThat(Texts.render(Locale.forLanguageTag("de-AT"), "core.pki.domain.empty"))
                    .startsWith("Der Domänenname ist leer");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aPatternKeptAfterItsFirstUseStillRendersEachLocaleAndEachCallsArguments() {
        // Texts keeps each parsed pattern (issue 12): the kept one must not carry a locale or arguments over
        for (int round = 0; round < 3; round++) {
            assertThat(Texts.render(Locale.ENGLISH, "core.pki.input.certsMany", 1234)).startsWith("1,234 ");
            assertThat(Texts.render(Locale.GERMAN, "core.pki.input.certsMany", 1234)).startsWith("1.234 Zertifikate");
            assertThat(Texts.render(Locale.GERMAN, "core.pki.input.certsMany", 3)).startsWith("3 Zertifikate");
        }
    }

    @Test
    void aMissingKeyIsVisibleAsSuch() {
        assertThat(Texts.render(Locale.ENGLISH, "core.pki.no.such.key")).isEqualTo("!core.pki.no.such.key!");
        assertThat(Texts.exists(Locale.ENGLISH, "core.pki.no.such.key")).isFalse();
    }
}
