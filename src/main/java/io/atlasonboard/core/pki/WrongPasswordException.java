package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;

/** The data is a key or keystore, but the password does not open it (distinct from "not a key"). */
public class WrongPasswordException extends PkiException {
    public WrongPasswordException(String message) {
        super(message);
    }

    public WrongPasswordException(String message, Throwable cause) {
        super(message, cause);
    }

    public WrongPasswordException(Msg msg) {
        super(msg);
    }

    public WrongPasswordException(Msg msg, Throwable cause) {
        super(msg, cause);
    }
}
