package io.atlasonboard.core.store;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PassphraseStrengthTest {
    private static PassphraseStrength of(String s) {
        return PassphraseStrength.assess(s.toCharArray());
    }

    @Test
    void tooShortIsNeverAcceptableAndSaysTheMinimum() {
        PassphraseStrength s = of("Xk9#mQ2!vL");
        assertThat(s.acceptable()).isFalse();
        assertThat(s.score()).isLessThanOrEqualTo(1);
        assertThat(s.hint()).contains("at least 12 characters (now 10)");
        assertThat(PassphraseStrength.assess(new char[0]).acceptable()).isFalse();
        assertThat(PassphraseStrength.assess(null).score()).isZero();
    }

    @Test
    void patternsAreRecognisedEvenWhenLong() {
        assertThat(of("aaaaaaaaaaaaaaaa").acceptable()).isFalse();
        assertThat(of("aaaaaaaaaaaaaaaa").hint()).contains("repeated");
        assertThat(of("abcdefghijklmnop").acceptable()).isFalse();
        assertThat(of("1234567890123").acceptable()).isFalse();
        assertThat(of("qwertyuiopasdf").acceptable()).isFalse();
        assertThat(of("Password12345").hint()).contains("common");
        assertThat(of("P@ssw0rdP@ssw0rd").acceptable()).isFalse();
    }

    @Test
    void goodPassphrasesScoreHighAndPass() {
        PassphraseStrength words = of("correct horse battery staple 42");
        assertThat(words.acceptable()).isTrue();
        assertThat(words.score()).isEqualTo(4);
        PassphraseStrength mixed = of("Tr0ub4dor&3x!");
        assertThat(mixed.acceptable()).isTrue();
        assertThat(mixed.score()).isGreaterThanOrEqualTo(3);
        assertThat(of("vkqmzrtwlpxs").acceptable()).isTrue(); // 12 random lower-case letters: fair
        assertThat(of("vkqmzrtwlpxs").score()).isEqualTo(2);
    }

    @Test
    void scoresGrowWithLengthAndVariety() {
        assertThat(of("vkqmzrtwlpxs").score()).isLessThan(of("vkqmzrtwlpxsVK9#").score());
        assertThat(of("vkqmzrtwlpxs").score()).isLessThanOrEqualTo(of("vkqmzrtwlpxsnbfhdjyc").score());
    }

    @Test
    void theHintNeverContainsThePassphrase() {
        for (String p : new String[] {"short", "aaaaaaaaaaaaaaaaa", "Password12345", "correct horse battery staple"}) {
            Secrets.assertAbsent(of(p).hint(), "strength hint", p);
            assertThat(of(p).label()).isNotBlank();
        }
    }
}
