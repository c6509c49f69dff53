package io.atlasonboard.core.dns;

/** A dynamic update failed; the message says why in words an admin can act on and never contains key material. */
public final class DnsUpdateException extends Exception {

    public enum Reason {
        /** BADKEY, BADSIG, BADTIME or NOTAUTH: the server did not accept the TSIG key. */
        TSIG_REFUSED,
        /** REFUSED: updates not allowed for this zone/key. */
        REFUSED,
        /** NOTAUTH from a server that accepted the key: it does not serve the zone. */
        NOT_AUTHORITATIVE,
        /** NOTZONE: the name is not inside the zone. */
        NOTZONE,
        /** No answer in time. */
        TIMEOUT,
        /** Connection refused, unknown host, ... */
        NETWORK,
        /** The zone of the name could not be found. */
        ZONE_NOT_FOUND,
        /** Any other error code (SERVFAIL, NOTIMP, FORMERR, ...), or a bad answer signature. */
        SERVER_ERROR
    }

    private final Reason reason;

    public DnsUpdateException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
