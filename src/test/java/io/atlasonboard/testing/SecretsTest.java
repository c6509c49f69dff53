package io.atlasonboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final String SECRET = "Sup3r-Secret-Value-42";
    private static final String TEXT = "Error: login refused for key k1 with secret " + SECRET + " at /login";

    @Test
    void assertAbsentFailsWhenTheSecretIsPresentWithoutPrintingIt() {
        AssertionError e = catchThrowableOfType(AssertionError.class,
                () -> Secrets.assertAbsent(TEXT, "CLI output", "other-secret", SECRET));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("CLI output").contains("secret #2 of 2 found");
        // plain boolean checks so that a failure here does not print the secret either
        assertThat(e.getMessage().contains(SECRET)).as("secret in the failure message").isFalse();
        assertThat(e.getMessage().contains("login refused")).as("checked text in the failure message").isFalse();
    }

    @Test
    void assertAbsentPassesWhenTheSecretIsAbsent() {
        Secrets.assertAbsent("Error: login refused for key k1", "CLI output", SECRET);
    }

    @Test
    void assertAbsentRefusesAnEmptySecret() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> Secrets.assertAbsent(TEXT, "CLI output", ""))).isNotNull();
    }

    @Test
    void assertPresentFailsWithoutPrintingTheSecret() {
        Secrets.assertPresent(TEXT, "CLI output", SECRET);
        AssertionError e = catchThrowableOfType(AssertionError.class,
                () -> Secrets.assertPresent("nothing here", "CLI output", SECRET));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("CLI output").contains("not found");
        assertThat(e.getMessage().contains(SECRET)).as("secret in the failure message").isFalse();
    }

    @Test
    void assertSameSecretFailsOnDifferentSecretsWithoutPrintingThem() {
        Secrets.assertSameSecret(SECRET.toCharArray(), SECRET.toCharArray(), "stored API secret");
        AssertionError e = catchThrowableOfType(AssertionError.class,
                () -> Secrets.assertSameSecret(SECRET.toCharArray(), "Sup3r-Secret-Value-43".toCharArray(),
                        "stored API secret"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("stored API secret").contains("differ");
        assertThat(e.getMessage().contains("Sup3r-Secret-Value-4")).as("a secret in the failure message").isFalse();
        assertThat(catchThrowableOfType(AssertionError.class,
                () -> Secrets.assertSameSecret(SECRET.toCharArray(), null, "stored API secret"))).isNotNull();
        assertThat(catchThrowableOfType(AssertionError.class,
                () -> Secrets.assertSameSecret(new byte[] {1, 2}, new byte[] {1, 3}, "tsig"))).isNotNull();
    }

    @Test
    void assertDifferentSecretsFailsOnEqualSecretsWithoutPrintingThem() {
        Secrets.assertDifferentSecrets("a-secret", "b-secret", "two accounts");
        AssertionError e = catchThrowableOfType(AssertionError.class,
                () -> Secrets.assertDifferentSecrets(SECRET, SECRET, "two accounts"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage().contains(SECRET)).as("secret in the failure message").isFalse();
    }
}
