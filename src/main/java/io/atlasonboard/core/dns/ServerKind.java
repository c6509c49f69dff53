package io.atlasonboard.core.dns;

/** Which kind of server a propagation result is for. */
public enum ServerKind {
    /** One of the zone's name servers, asked directly with recursion off. */
    AUTHORITATIVE,
    /** A (recursive) resolver the user configured. */
    RESOLVER
}
