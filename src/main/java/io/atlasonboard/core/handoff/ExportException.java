package io.atlasonboard.core.handoff;

/** An export that could not be written or did not pass its check; the message says why in domain terms. */
public final class ExportException extends RuntimeException {
    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
