package io.atlasonboard.core.onboarding;

import java.util.Arrays;

/**
 * An API key and its secret. The secret is a {@code char[]} the holder wipes ({@link #wipe()}) when done; it never
 * appears in {@link #toString()}.
 */
public record ApiCredentials(String apiKey, char[] apiSecret) {
    public ApiCredentials {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("The API key is empty.");
        }
        if (apiSecret == null || apiSecret.length == 0) {
            throw new IllegalArgumentException("The API secret is empty.");
        }
    }

    /** Overwrites the secret in memory. */
    public void wipe() {
        Arrays.fill(apiSecret, '\0');
    }

    @Override
    public String toString() {
        return "ApiCredentials[apiKey=" + apiKey + ", apiSecret=(hidden)]";
    }
}
