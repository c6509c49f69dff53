package io.atlasonboard.core.store;

import java.time.Instant;

/**
 * A domain claim of a provider as last seen from the API. {@code status} is the API's text (e.g. PENDING, VERIFIED);
 * {@code token} the TXT value exactly as returned; {@code logJson} the claim log as JSON. {@code id},
 * {@code createdAt} and {@code updatedAt} are set by the store.
 */
public record DomainClaimRecord(Long id, long providerId, String claimId, String domain, String status, String token,
                                Instant assertBy, Instant expiresAt, Instant createdAt, Instant updatedAt,
                                String logJson, Instant lastCheckedAt) {

    /** A new (unsaved) claim. */
    public static DomainClaimRecord of(long providerId, String claimId, String domain, String status, String token,
                                       Instant assertBy, Instant expiresAt) {
        return new DomainClaimRecord(null, providerId, claimId, domain, status, token, assertBy, expiresAt, null, null,
                null, null);
    }

    public DomainClaimRecord withStatus(String newStatus) {
        return new DomainClaimRecord(id, providerId, claimId, domain, newStatus, token, assertBy, expiresAt, createdAt,
                updatedAt, logJson, lastCheckedAt);
    }

    public DomainClaimRecord withToken(String newToken, Instant newAssertBy) {
        return new DomainClaimRecord(id, providerId, claimId, domain, status, newToken, newAssertBy, expiresAt,
                createdAt, updatedAt, logJson, lastCheckedAt);
    }

    public DomainClaimRecord withLog(String newLogJson) {
        return new DomainClaimRecord(id, providerId, claimId, domain, status, token, assertBy, expiresAt, createdAt,
                updatedAt, newLogJson, lastCheckedAt);
    }

    public DomainClaimRecord withLastCheckedAt(Instant when) {
        return new DomainClaimRecord(id, providerId, claimId, domain, status, token, assertBy, expiresAt, createdAt,
                updatedAt, logJson, when);
    }

    public DomainClaimRecord withExpiresAt(Instant when) {
        return new DomainClaimRecord(id, providerId, claimId, domain, status, token, assertBy, when, createdAt,
                updatedAt, logJson, lastCheckedAt);
    }
}
