package io.atlasonboard.core.claims;

import io.atlasonboard.testing.SimProviderFixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

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
 * A 200-domain onboarding against the simulator (in-simulator zone) with many injected 429s: the client gives up
 * after one retry, so the service's scheduler must put domains back with the shared backoff. Every domain ends
 * claimed once and VERIFIED; counted on the simulator's side too.
 */
class ManyDomainsRateLimitTest {
    @TempDir
    Path dir;

    @Test
    void twoHundredDomainsClaimedAndVerifiedDespite429s() throws Exception {
        try (SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(),
                IntendedUse.TLS, "many", dir);
             AtlasClient client = fx.client(1, null)) {
            List<String> domains = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                domains.add("host" + i + ".many.test");
            }
            ClaimService svc = new ClaimService(fx.store(), fx.provider, client).concurrency(4)
                    .backoff(Duration.ofMillis(5), Duration.ofMillis(40), 100);
            AtomicInteger updates = new AtomicInteger();
            ProgressSink sink = new ProgressSink() {
                @Override
                public void update(double fraction, String message) {
                    updates.incrementAndGet();
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };

            fx.sim.faults().rateLimitNext(120, "/claims");
            List<ClaimResult> claimed = svc.claim(domains, sink);
            assertThat(svc.lastRequeues()).as("the scheduler had to put domains back").isPositive();
            assertThat(claimed).hasSize(200);
            assertThat(claimed).allMatch(ClaimResult::ok, "every domain claimed");
            assertThat(claimed).extracting(ClaimResult::domain).containsExactlyElementsOf(domains);
            Set<String> ids = new HashSet<>();
            claimed.forEach(c -> ids.add(c.claim().claimId()));
            assertThat(ids).hasSize(200);
            // simulator side: exactly 200 claims, one per domain
            assertThat(fx.account.claimIds()).hasSize(200).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(fx.store().domainClaims().list(fx.provider.id())).hasSize(200);

            for (ClaimResult c : claimed) {
                fx.sim.sandboxZone().publish(c.claim().domain(), c.claim().token());
            }

            fx.sim.clearRequests();
            fx.sim.faults().rateLimitNext(120, "/claims");
            Map<String, VerifyResult> res = svc.verify(domains, ClaimService.VerifyOptions.waitFor(Duration.ZERO),
                    sink);
            assertThat(svc.lastRequeues()).isPositive();
            assertThat(res).hasSize(200);
            assertThat(res.values()).allMatch(r -> r.state() == VerifyResult.State.VERIFIED, res.values().stream()
                    .filter(r -> r.state() != VerifyResult.State.VERIFIED).limit(3).toList().toString());
            assertThat(fx.store().domainClaims().list(fx.provider.id())).extracting(DomainClaimRecord::status)
                    .containsOnly("VERIFIED");
            // each domain's assertion succeeded exactly once at the simulator (no lost or doubled work)
            List<RecordedRequest> posts = fx.sim.requests().stream()
                    .filter(r -> r.method().equals("POST") && r.path().endsWith("/dns") && r.status() == 204).toList();
            assertThat(posts).hasSize(200);
            assertThat(posts.stream().map(RecordedRequest::path).distinct().count()).isEqualTo(200);

            fx.sim.faults().reset();
            List<Claim> verified = client.listAllClaims("VERIFIED");
            assertThat(verified).hasSize(200);
            assertThat(updates.get()).isGreaterThanOrEqualTo(400);
        }
    }

    /**
     * Without faults: the first domain runs alone (one login, one listing of the existing claims for the whole batch),
     * then four at a time over kept-alive connections: 200 claims and 200 verifications on at most four TCP
     * connections (the simulator records each request's client port).
     */
    @Test
    void oneLoginOneListingAndKeptAliveConnectionsForTwoHundredDomains() throws Exception {
        try (SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(),
                IntendedUse.TLS, "many", dir);
             AtlasClient client = fx.client(1, null)) {
            List<String> domains = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                domains.add("host" + i + ".kept.test");
            }
            ClaimService svc = new ClaimService(fx.store(), fx.provider, client).concurrency(4);
            fx.sim.clearRequests();
            List<ClaimResult> claimed = svc.claim(domains, ProgressSink.NONE);
            assertThat(claimed).allMatch(ClaimResult::ok, "every domain claimed");
            List<RecordedRequest> reqs = fx.sim.requests();
            assertThat(reqs.stream().filter(r -> r.path().endsWith("/login"))).hasSize(1);
            assertThat(reqs.stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/claims/domains")))
                    .as("the existing claims listed once per batch, not once per worker").hasSize(1);
            assertThat(reqs.stream().filter(r -> r.method().equals("POST"))).hasSize(201);
            for (ClaimResult c : claimed) {
                fx.sim.sandboxZone().publish(c.claim().domain(), c.claim().token());
            }
            Map<String, VerifyResult> res = svc.verify(domains, ClaimService.VerifyOptions.waitFor(Duration.ZERO),
                    ProgressSink.NONE);
            assertThat(res.values()).allMatch(r -> r.state() == VerifyResult.State.VERIFIED);
            List<RecordedRequest> all = fx.sim.requests();
            // login, listing, 200 creates, 200 assertions and the batch's read-back of the verified claims (2 pages)
            assertThat(all.size()).isGreaterThan(400);
            assertThat(all.stream().map(RecordedRequest::clientPort).distinct().count())
                    .as("connections for %d requests", all.size()).isBetween(1L, 4L);
        }
    }
}
