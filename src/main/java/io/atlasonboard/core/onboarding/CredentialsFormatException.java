package io.atlasonboard.core.onboarding;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.Msg;

/**
 * The credentials file is not in a layout we accept; the message says what was expected and never echoes a secret.
 * Built from a {@link Msg}, it is shown in the user's language and {@code getMessage()} is its English text.
 */
public final class CredentialsFormatException extends IllegalArgumentException implements Localized {
    private final transient Msg msg;

    public CredentialsFormatException(String message) {
        super(message);
        this.msg = null;
    }

    public CredentialsFormatException(Msg msg) {
        super(msg.english());
        this.msg = msg;
    }

    /** The message as key and arguments, or null where it was built as English text only. */
    @Override
    public Msg msg() {
        return msg;
    }
}
