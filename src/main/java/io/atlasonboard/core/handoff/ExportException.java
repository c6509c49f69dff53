package io.atlasonboard.core.handoff;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.Msg;

/**
 * An export that could not be written or did not pass its check; the message says why in domain terms. Built from a
 * {@link Msg}, it is shown in the user's language and {@code getMessage()} is its English text.
 */
public final class ExportException extends RuntimeException implements Localized {
    private final transient Msg msg;

    public ExportException(String message) {
        super(message);
        this.msg = null;
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
        this.msg = null;
    }

    public ExportException(Msg msg) {
        super(msg.english());
        this.msg = msg;
    }

    public ExportException(Msg msg, Throwable cause) {
        super(msg.english(), cause);
        this.msg = msg;
    }

    /** Shorthand: {@code new ExportException(Msg.of(key, args))}. */
    static ExportException of(String key, Object... args) {
        return new ExportException(Msg.of(key, args));
    }

    /** The message as key and arguments, or null where it was built as English text only. */
    @Override
    public Msg msg() {
        return msg;
    }

    /** The message of {@code e} as an argument: its {@link Msg} when it has one, so it renders in the same language. */
    static Object part(Throwable e) {
        return e instanceof Localized l && l.msg() != null ? l.msg() : e.getMessage();
    }
}
