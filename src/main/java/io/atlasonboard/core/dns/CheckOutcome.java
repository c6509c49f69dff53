package io.atlasonboard.core.dns;

/** What one server said about the expected TXT value. */
public enum CheckOutcome {
    /** The expected value is among the TXT records. */
    FOUND,
    /** No TXT record with that value, and none that looks like an attempt at it. */
    NOT_FOUND,
    /** A TXT record that looks like the verification record is there, but with another value. */
    WRONG_VALUE,
    /** The server could not be asked or did not give a usable answer (timeout, refused, SERVFAIL, ...). */
    ERROR
}
