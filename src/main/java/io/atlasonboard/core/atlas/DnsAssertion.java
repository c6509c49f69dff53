package io.atlasonboard.core.atlas;

/** Outcome of {@code POST /claims/domains/{id}/dns}. */
public enum DnsAssertion {
    /** 204: control verified now. */
    VERIFIED,
    /** 201: the check was scheduled; poll the claim. */
    SCHEDULED,
    /** 202: a previous DNS check is still running; poll the claim. */
    ALREADY_PENDING
}
