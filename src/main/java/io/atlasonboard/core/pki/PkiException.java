package io.atlasonboard.core.pki;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.Msg;

/**
 * A PKI operation failed for a reason the user can act on. Messages never contain secrets. Built from a {@link Msg},
 * it is shown in the user's language and {@code getMessage()} is its English text.
 */
public class PkiException extends RuntimeException implements Localized {
    private final transient Msg msg;

    public PkiException(String message) {
        super(message);
        this.msg = null;
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
        this.msg = null;
    }

    public PkiException(Msg msg) {
        super(msg.english());
        this.msg = msg;
    }

    public PkiException(Msg msg, Throwable cause) {
        super(msg.english(), cause);
        this.msg = msg;
    }

    /** The message as key and arguments, or null where it was built as English text only. */
    @Override
    public Msg msg() {
        return msg;
    }
}
