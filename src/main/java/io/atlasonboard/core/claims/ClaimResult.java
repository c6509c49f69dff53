package io.atlasonboard.core.claims;

import io.atlasonboard.core.store.DomainClaimRecord;

/**
 * Outcome of claiming one domain: the stored claim ({@code created} false when an existing claim of this provider
 * was reused), or an error message (then {@code claim} is null).
 */
public record ClaimResult(String domain, DomainClaimRecord claim, boolean created, String error) {
    public boolean ok() {
        return claim != null;
    }
}
