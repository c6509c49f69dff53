package io.atlasonboard.core.claims;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.atlasonboard.core.atlas.Claim;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.Store;

/**
 * What one batch of claims (or verifications) reads once instead of once per domain: the store's claims for the
 * batch's domains (one query per 100 domains) and GlobalSign's listing of claims, indexed by domain (listed on first
 * need, at most once per batch). Safe to use from the batch's workers.
 */
final class ClaimBatch {
    private final Map<String, List<DomainClaimRecord>> stored;
    private final Object listLock = new Object();
    private Map<String, List<Claim>> remote; // guarded by listLock; null until listed

    private ClaimBatch(Map<String, List<DomainClaimRecord>> stored) {
        this.stored = stored;
    }

    /** Reads the stored claims of {@code domains} (normalised names). */
    static ClaimBatch load(Store store, long providerId, Collection<String> domains) {
        return new ClaimBatch(store.domainClaims().findByDomains(providerId, domains));
    }

    /** The newest stored claim for the (normalised) domain that is not marked deleted, as the batch began. */
    Optional<DomainClaimRecord> current(String domain) {
        List<DomainClaimRecord> l = stored.get(domain);
        if (l == null) {
            return Optional.empty();
        }
        return l.stream().filter(r -> !ClaimService.STATUS_DELETED.equals(r.status())).findFirst();
    }

    /**
     * GlobalSign's live claims by domain, from {@code lister} the first time (a failure there is thrown and the next
     * call lists again).
     */
    Map<String, List<Claim>> remote(Supplier<List<Claim>> lister) {
        synchronized (listLock) {
            if (remote == null) {
                remote = index(lister.get());
            }
            return remote;
        }
    }

    /**
     * Live claims (an id and a domain, not deleted) by domain: lower case, no trailing dot; in the listing's order.
     */
    static Map<String, List<Claim>> index(List<Claim> listing) {
        Map<String, List<Claim>> out = new HashMap<>();
        for (Claim c : listing) {
            if (c.id() == null || c.domain() == null
                    || ClaimService.STATUS_DELETED.equalsIgnoreCase(String.valueOf(c.status()))) {
                continue;
            }
            out.computeIfAbsent(ClaimService.stripDot(c.domain().trim().toLowerCase(Locale.ROOT)),
                    k -> new ArrayList<>(1)).add(c);
        }
        return out;
    }
}
