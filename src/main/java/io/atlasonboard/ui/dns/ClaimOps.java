package io.atlasonboard.ui.dns;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.atlasonboard.core.claims.HandoffSheet;
import io.atlasonboard.core.claims.PreflightReport;
import io.atlasonboard.core.claims.VerifyResult;
import io.atlasonboard.core.tasks.ProgressSink;

import io.atlasonboard.core.atlas.DnsAssertion;
import io.atlasonboard.core.store.DomainClaimRecord;

/**
 * What the DNS view needs from the claim flow (blocking calls: run them on background jobs only). Every method
 * returns the claim as now stored. {@link ClaimServiceOps} implements it over {@code core.claims.ClaimService}.
 */
public interface ClaimOps {
    /** Claims of the provider as stored (no network). */
    List<DomainClaimRecord> stored(long providerId);

    /** {@code POST /claims/domains/{domain}}, then reads the claim; stored. */
    DomainClaimRecord create(long providerId, String domain);

    /** {@code GET /claims/domains/{id}}; stored. */
    DomainClaimRecord refresh(long providerId, String claimId);

    /** {@code POST /claims/domains/{id}/dns}. */
    DnsAssertion assertDns(long providerId, String claimId);

    /** {@code POST /claims/domains/{id}/reassert}: a new token and deadline replace the old ones; stored. */
    DomainClaimRecord reassert(long providerId, String claimId);

    /** {@code DELETE /claims/domains/{id}} and removal from the store. */
    void delete(long providerId, String claimId);

    /** True when {@link #verify} does the whole verification (bounded concurrency, rate-limit backoff). */
    default boolean verifiesInBatches() {
        return false;
    }

    /**
     * Asks GlobalSign to verify the domains and polls until VERIFIED or {@code maxWait}; {@code listener} gets each
     * domain's outcome as it is known (on a worker thread).
     */
    default Map<String, VerifyResult> verify(long providerId, List<String> domains, java.time.Duration maxWait,
            BiConsumer<String, VerifyResult> listener, ProgressSink sink) {
        throw new UnsupportedOperationException("batch verification is not offered"); // not user-visible
    }

    /**
     * CAA, DNSSEC, delegation and wildcard findings for the names (no claim needed): what would make issuance fail
     * although the claim verifies.
     */
    default PreflightReport preflight(long providerId, List<String> domains) {
        throw new UnsupportedOperationException("preflight is not offered"); // not user-visible
    }

    /** {@code GET /claims/domains/{id}/dns}: the authorization domains GlobalSign accepts (claimed name first). */
    default List<String> authorizationDomains(long providerId, String claimId) {
        return List.of();
    }

    /**
     * Checks {@code adn} against GlobalSign's list and stores it with the claim (null or the claimed name itself:
     * none); returns what is stored (null: the claimed name).
     */
    default String chooseAuthorizationDomain(long providerId, String claimId, String adn) {
        throw new UnsupportedOperationException("authorization domains are not offered"); // not user-visible
    }

    /** The stored authorization domains: claimed domain to ADN (no network). */
    default Map<String, String> storedAuthorizationDomains(long providerId) {
        return Map.of();
    }

    /** The sheet for the DNS team for the claims of these domains (looks up name servers and CAA). */
    default HandoffSheet handoff(long providerId, List<String> domains) {
        throw new UnsupportedOperationException("the hand-off sheet is not offered"); // not user-visible
    }
}
