package io.atlasonboard.core.pki;

/** The data is a key or keystore, but the password does not open it (distinct from "not a key"). */
public class WrongPasswordException extends PkiException {
    public WrongPasswordException(String message) {
        super(message);
    }

    public WrongPasswordException(String message, Throwable cause) {
        super(message, cause);
    }
}
