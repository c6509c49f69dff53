package io.atlasonboard.core.onboarding;

/** The credentials file is not in a layout we accept; the message says what was expected and never echoes a secret. */
public final class CredentialsFormatException extends IllegalArgumentException {
    public CredentialsFormatException(String message) {
        super(message);
    }
}
