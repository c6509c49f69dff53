package io.atlasonboard.testing;

import java.util.Arrays;

/**
 * Assertions about secrets that never print the secret. AssertJ's {@code contains}/{@code doesNotContain}/
 * {@code isEqualTo} put the expected value (and the actual text) into the failure message, which would leak the
 * secret into test output. These helpers fail with a message naming only a label.
 */
public final class Secrets {

    private Secrets() {
    }

    /**
     * Fails if any of {@code secrets} occurs in {@code text}. The message names {@code label} and which secret (by
     * position), never the secret nor the text.
     */
    public static void assertAbsent(String text, String label, String... secrets) {
        if (text == null) {
            throw new AssertionError(label + ": text to check is null");
        }
        requireSecrets(label, secrets);
        for (int i = 0; i < secrets.length; i++) {
            if (text.contains(secrets[i])) {
                throw new AssertionError(label + ": secret #" + (i + 1) + " of " + secrets.length
                        + " found (values not printed)");
            }
        }
    }

    /** Fails unless every one of {@code secrets} occurs in {@code text}; never prints the secret nor the text. */
    public static void assertPresent(String text, String label, String... secrets) {
        if (text == null) {
            throw new AssertionError(label + ": text to check is null");
        }
        requireSecrets(label, secrets);
        for (int i = 0; i < secrets.length; i++) {
            if (!text.contains(secrets[i])) {
                throw new AssertionError(label + ": secret #" + (i + 1) + " of " + secrets.length
                        + " not found (values not printed)");
            }
        }
    }

    /** Fails unless {@code actual} holds exactly {@code expected}; the message names only {@code label}. */
    public static void assertSameSecret(char[] expected, char[] actual, String label) {
        if (expected == null) {
            throw new IllegalArgumentException(label + ": expected secret must not be null");
        }
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError(label + ": " + (actual == null ? "secret is null" : "secrets differ")
                    + " (values not printed)");
        }
    }

    /** String form of {@link #assertSameSecret(char[], char[], String)}. */
    public static void assertSameSecret(String expected, String actual, String label) {
        assertSameSecret(expected.toCharArray(), actual == null ? null : actual.toCharArray(), label);
    }

    /** Byte form (e.g. TSIG key material). */
    public static void assertSameSecret(byte[] expected, byte[] actual, String label) {
        if (expected == null) {
            throw new IllegalArgumentException(label + ": expected secret must not be null");
        }
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError(label + ": " + (actual == null ? "secret is null" : "secrets differ")
                    + " (values not printed)");
        }
    }

    /** Fails if {@code a} and {@code b} are the same secret; the message names only {@code label}. */
    public static void assertDifferentSecrets(String a, String b, String label) {
        if (a == null || b == null) {
            throw new AssertionError(label + ": a secret is null");
        }
        if (a.equals(b)) {
            throw new AssertionError(label + ": secrets are equal (values not printed)");
        }
    }

    private static void requireSecrets(String label, String... secrets) {
        if (secrets == null || secrets.length == 0) {
            throw new IllegalArgumentException(label + ": no secret given");
        }
        for (int i = 0; i < secrets.length; i++) {
            // an empty secret is "contained" in every text: such a check would be meaningless
            if (secrets[i] == null || secrets[i].isEmpty()) {
                throw new IllegalArgumentException(label + ": secret #" + (i + 1) + " is null or empty");
            }
        }
    }
}
