package io.atlasonboard.core.store;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.Msg;
/**
 * Base of every failure the store reports. Messages are meant for the user: they say what and why, and never contain a
 * secret.
 */
public class StoreException extends RuntimeException implements Localized {
    private final transient Msg msg;

    public StoreException(String message) {
        super(message);
        this.msg = null;
    }

    /** A failure shown in the user's language; {@code getMessage()} is its English text. */
    public StoreException(Msg msg, Throwable cause) {
        super(msg.english(), cause);
        this.msg = msg;
    }

    @Override
    public Msg msg() {
        return msg;
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
        this.msg = null;
    }
}
