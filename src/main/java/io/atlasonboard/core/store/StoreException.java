package io.atlasonboard.core.store;

/**
 * Base of every failure the store reports. Messages are meant for the user: they say what and why, and never contain a
 * secret.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
