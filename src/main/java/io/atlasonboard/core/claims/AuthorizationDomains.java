package io.atlasonboard.core.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.atlasonboard.core.atlas.AtlasApiException;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.PropagationReport;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.core.dns.TxtRecordPresentation;
import io.atlasonboard.core.store.DomainClaimRecord;

/**
 * Authorization Domain Names (ATLAS-API.md 4.9): one TXT record on a parent domain can prove control of a claimed
 * subdomain. GlobalSign lists the usable ADNs per claim ({@code GET /claims/domains/{id}/dns}); the TXT record then
 * goes on the chosen ADN, propagation is checked there, and the verification request names it.
 */
public final class AuthorizationDomains {
    private final AtlasClient client;

    public AuthorizationDomains(AtlasClient client) {
        this.client = Objects.requireNonNull(client);
    }

    /** The ADNs GlobalSign accepts for this claim, lower-case without trailing dot, as listed (claimed name first). */
    public List<String> usable(DomainClaimRecord claim) {
        List<String> out = new ArrayList<>();
        try {
            for (String a : client.claimAuthorizationDomains(claim.claimId())) {
                String n = strip(a);
                if (!n.isEmpty() && !out.contains(n)) {
                    out.add(n);
                }
            }
        } catch (AtlasApiException e) {
            throw new DomainsException("GlobalSign did not list the authorization domains of the claim for "
                    + claim.domain() + ": " + ClaimService.describe(e), e);
        }
        return out;
    }

    /**
     * The chosen ADN, normalised, after checking that GlobalSign lists it for the claim; the message names the
     * usable ones otherwise.
     */
    public String choose(DomainClaimRecord claim, String adn) {
        String want = strip(TxtRecordPresentation.fqdn(adn));
        List<String> usable = usable(claim);
        if (!usable.contains(want)) {
            throw new DomainsException(want + " is not an authorization domain of the claim for " + claim.domain()
                    + "; GlobalSign accepts: " + String.join(", ", usable));
        }
        return want;
    }

    /** The record to publish: the claim's token at the ADN (the claimed name when {@code adn} is null). */
    public static TxtRecordPresentation presentation(DomainClaimRecord claim, String adn) {
        return TxtRecordPresentation.of(adn == null ? claim.domain() : adn, claim.token(), claim.assertBy(), null);
    }

    /** Propagation of the claim's token at the ADN: its zone's authoritative servers and the given resolvers. */
    public static PropagationReport checkPropagation(PropagationChecker checker, DomainClaimRecord claim, String adn,
            List<ResolverSpec> resolvers) {
        return checker.check(adn == null ? claim.domain() : adn, claim.token(), resolvers);
    }

    static String strip(String d) {
        String s = d == null ? "" : d.trim().toLowerCase(java.util.Locale.ROOT);
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
