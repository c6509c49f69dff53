package io.atlasonboard.core.pki;

/** A PKI operation failed for a reason the user can act on. Messages never contain secrets. */
public class PkiException extends RuntimeException {
    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
