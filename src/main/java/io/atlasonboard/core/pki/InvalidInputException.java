package io.atlasonboard.core.pki;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.Msg;

/**
 * An input the user gave is not acceptable. The message says what is wrong and what is expected; built from a
 * {@link Msg}, it is shown in the user's language and {@code getMessage()} is its English text.
 */
public class InvalidInputException extends IllegalArgumentException implements Localized {
    private final transient Msg msg;

    public InvalidInputException(String message) {
        super(message);
        this.msg = null;
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
        this.msg = null;
    }

    public InvalidInputException(Msg msg) {
        super(msg.english());
        this.msg = msg;
    }

    public InvalidInputException(Msg msg, Throwable cause) {
        super(msg.english(), cause);
        this.msg = msg;
    }

    /** The message as key and arguments, or null where it was built as English text only. */
    @Override
    public Msg msg() {
        return msg;
    }

    /** The message of {@code e} as a {@link Msg} argument, so a wrapping message renders it in the same language. */
    static Object part(InvalidInputException e) {
        return e.msg != null ? e.msg : e.getMessage();
    }
}
