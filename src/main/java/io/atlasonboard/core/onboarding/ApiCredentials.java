package io.atlasonboard.core.onboarding;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.pki.InvalidInputException;

import java.util.Arrays;

/**
 * An API key and its secret. The secret is a {@code char[]} the holder wipes ({@link #wipe()}) when done; it never
 * appears in {@link #toString()}.
 */
public record ApiCredentials(String apiKey, char[] apiSecret) {
    public ApiCredentials {
        if (apiKey == null || apiKey.isBlank()) {
            throw new InvalidInputException(Msg.of("core.onboarding.credentials.keyEmpty"));
        }
        if (apiSecret == null || apiSecret.length == 0) {
            throw new InvalidInputException(Msg.of("core.onboarding.credentials.secretEmpty"));
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
