package io.atlasonboard.core.claims;

/** A claims or issuance operation failed; the message says what and why (from the API's description where any). */
public class DomainsException extends RuntimeException {
    public DomainsException(String message) {
        super(message);
    }

    public DomainsException(String message, Throwable cause) {
        super(message, cause);
    }
}
