package io.atlasonboard.core.atlas;

/** Something went wrong talking to the Atlas API. Messages never contain secrets. */
public class AtlasException extends RuntimeException {
    public AtlasException(String message) {
        super(message);
    }

    public AtlasException(String message, Throwable cause) {
        super(message, cause);
    }
}
