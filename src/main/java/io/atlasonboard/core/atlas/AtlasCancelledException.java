package io.atlasonboard.core.atlas;

/** The call was cancelled (the calling thread was interrupted: Cancel in the UI, Ctrl-C on the command line). */
public final class AtlasCancelledException extends AtlasException {
    public AtlasCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
