package io.atlasonboard.core.claims;

import io.atlasonboard.testing.SimProviderFixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.Claim;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.sim.RecordedRequest;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;

/**
 * Claims verified at once (204, no body) get GlobalSign's own {@code expires_at} and log in the store, read back for
 * the batch instead of one {@code GET /claims/domains/{id}} per claim: from the listing of verified claims when its
 * pages cost fewer requests than the GETs, else by GET. The simulator's claim lifetime is an odd one (123 days and
 * 4567 s), so an expiry guessed by the client would not match.
 */
class VerifiedReadBackTest {
    private static final Pattern ONE_CLAIM = Pattern.compile("/v2/claims/domains/[0-9A-Fa-f]{32}");
    private static final Duration ODD_LIFETIME = Duration.ofDays(123).plusSeconds(4567);

    @TempDir
    Path dir;

    @Test
    void aBatchReadsExpiriesFromTheListingWithoutAGetPerClaim() throws Exception {
        try (SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults().claimReusePeriod(ODD_LIFETIME),
                ValidationPolicies.tls(), IntendedUse.TLS, "readback", dir);
             AtlasClient client = fx.client(1, null)) {
            ClaimService svc = new ClaimService(fx.store(), fx.provider, client);
            List<String> domains = claimedAndPublished(fx, svc, "one", 150);
            fx.sim.clearRequests();
            Instant before = Instant.now();
            Map<String, VerifyResult> res = svc.verify(domains, ClaimService.VerifyOptions.waitFor(Duration.ZERO),
                    ProgressSink.NONE);
            assertThat(res.values()).allMatch(r -> r.state() == VerifyResult.State.VERIFIED);
            List<RecordedRequest> reqs = fx.sim.requests();
            assertThat(reqs.stream().filter(r -> r.method().equals("GET") && ONE_CLAIM.matcher(r.path()).matches()))
                    .as("no GET per claim").isEmpty();
            assertThat(reqs.stream().filter(r -> r.method().equals("GET") && r.path().equals("/v2/claims/domains")))
                    .as("one pass over the verified claims' listing: 150 claims, 2 pages").hasSize(2)
                    .allMatch(r -> r.query().contains("status=VERIFIED"));
            assertThat(reqs.stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/dns")))
                    .hasSize(150);
            assertStoredAsGlobalSignSays(fx, client, 150, before);
        }
    }

    /**
     * An account holding many verified claims: listing them all to find two costs more requests than their two GETs,
     * so the first page (which tells how many there are) and then the GETs.
     */
    @Test
    void aBigAccountCostsNoMoreThanAGetPerClaim() throws Exception {
        try (SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults().claimReusePeriod(ODD_LIFETIME),
                ValidationPolicies.tls(), IntendedUse.TLS, "readback", dir);
             AtlasClient client = fx.client(1, null)) {
            ClaimService svc = new ClaimService(fx.store(), fx.provider, client).concurrency(8);
            List<String> many = claimedAndPublished(fx, svc, "many", 310);
            assertThat(svc.verify(many, null, ProgressSink.NONE).values())
                    .allMatch(r -> r.state() == VerifyResult.State.VERIFIED);
            List<String> two = claimedAndPublished(fx, svc, "two", 2);
            fx.sim.clearRequests();
            Instant before = Instant.now();
            assertThat(svc.verify(two, null, ProgressSink.NONE).values())
                    .allMatch(r -> r.state() == VerifyResult.State.VERIFIED);
            List<RecordedRequest> reads = fx.sim.requests().stream().filter(r -> r.method().equals("GET")).toList();
            assertThat(reads).as("312 verified claims: one listing page, then the two claims' GETs, not 4 pages")
                    .hasSize(3);
            assertThat(reads.stream().filter(r -> ONE_CLAIM.matcher(r.path()).matches())).hasSize(2);
            assertStoredAsGlobalSignSays(fx, client, 312, before);
        }
    }

    private static List<String> claimedAndPublished(SimProviderFixture fx, ClaimService svc, String tag, int n) {
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            domains.add("d" + i + "." + tag + ".readback.test");
        }
        for (ClaimResult c : svc.claim(domains, ProgressSink.NONE)) {
            assertThat(c.ok()).as(c.domain()).isTrue();
            fx.sim.sandboxZone().publish(c.claim().domain(), c.claim().token());
        }
        return domains;
    }

    /** Every stored claim is VERIFIED with GlobalSign's expiry (its odd lifetime) and its log's SUCCESS entry. */
    private static void assertStoredAsGlobalSignSays(SimProviderFixture fx, AtlasClient client, int n,
            Instant verifiedAfter) {
        Map<String, Claim> remote = new java.util.HashMap<>();
        client.listAllClaims(null).forEach(c -> remote.put(c.id().toUpperCase(java.util.Locale.ROOT), c));
        List<DomainClaimRecord> stored = fx.store().domainClaims().list(fx.provider.id());
        assertThat(stored).hasSize(n);
        for (DomainClaimRecord r : stored) {
            Claim c = remote.get(r.claimId().toUpperCase(java.util.Locale.ROOT));
            assertThat(r.status()).as(r.domain()).isEqualTo("VERIFIED");
            assertThat(r.expiresAt()).as(r.domain() + ": GlobalSign's expires_at")
                    .isEqualTo(Instant.ofEpochSecond(c.expiresAt()));
            assertThat(r.expiresAt()).isAfterOrEqualTo(verifiedAfter.plus(ODD_LIFETIME).minusSeconds(400));
            assertThat(ClaimService.log(r)).as(r.domain() + ": the verification's log entry")
                    .anyMatch(e -> "SUCCESS".equals(e.status()));
        }
    }
}
