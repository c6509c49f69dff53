package io.atlasonboard.core.claims;

import io.atlasonboard.testing.SimProviderFixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.Claim;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.PropagationReport;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.core.dns.TsigKey;
import io.atlasonboard.core.dns.TxtRecordPresentation;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.SimClock;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.BindServer;

/**
 * The claim flow end to end against the simulator resolving TXT records through a real BIND: PENDING, failed check
 * before publishing, RFC 2136 publish into BIND, propagation 1/1, verify (deferred check polled), VERIFIED; and the
 * expired claim: 424, reassert with a new token, publish, VERIFIED. Time runs on the simulator's clock; the service's
 * sleeper advances it, so polling takes no real time.
 */
class ClaimFlowBindTest {
    @TempDir
    static Path dir;
    static BindServer bind;
    static TsigKey key;
    static SimClock clock;
    static SimProviderFixture fx;
    static AtlasClient client;

    @BeforeAll
    static void start() throws Exception {
        BindServer.Key k = BindServer.Key.generate("atlas-claims");
        bind = BindServer.builder().address("127.0.0.1").zone("claims.test").key(k).start();
        key = new TsigKey(k.name(), k.algorithm(), Base64.getDecoder().decode(k.secretBase64()));
        clock = new SimClock(Instant.now());
        fx = SimProviderFixture.start(SimulatorConfig.defaults().clock(clock).dnsServer(bind.hostPort())
                        .dnsTimeout(Duration.ofSeconds(2)).claimCheckDelay(Duration.ofSeconds(30)),
                ValidationPolicies.tls(), IntendedUse.TLS, "bind-sim", dir);
        client = fx.client(2, null);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (fx != null) {
            fx.close();
        }
        if (bind != null) {
            bind.stop();
        }
    }

    ClaimService service() {
        return new ClaimService(fx.store(), fx.provider, client).clock(clock).sleeper(clock::advance)
                .pollInterval(Duration.ofSeconds(10))
                .propagationChecker(PropagationChecker.builder().bootstrap(ResolverSpec.parse(bind.hostPort()))
                        .authoritativePort(bind.port()).timeout(Duration.ofSeconds(1)).build());
    }

    ResolverSpec server() {
        return ResolverSpec.parse(bind.hostPort());
    }

    @Test
    void pendingPublishVerifyVerified() throws Exception {
        ClaimService svc = service();
        ClaimResult created = svc.claim("WWW.Claims.Test.");
        assertThat(created.created()).isTrue();
        DomainClaimRecord rec = created.claim();
        assertThat(rec.domain()).isEqualTo("www.claims.test");
        assertThat(rec.status()).isEqualTo("PENDING");
        assertThat(rec.token()).startsWith("globalsign-domain-verification=");
        assertThat(rec.assertBy()).isAfter(clock.instant().plus(Duration.ofDays(29)));
        assertThat(fx.store().domainClaims().findByClaimId(fx.provider.id(), rec.claimId())).isPresent();

        // claiming again reuses the claim, no duplicate on either side
        assertThat(svc.claim("www.claims.test").created()).isFalse();
        assertThat(fx.account.claimIds()).containsOnlyOnce(rec.claimId());

        TxtRecordPresentation txt = ClaimService.presentation(rec);
        assertThat(txt.host()).isEqualTo("www.claims.test.");
        assertThat(txt.value()).isEqualTo(rec.token());

        PropagationReport before = svc.checkPropagation(rec);
        assertThat(before.seen()).isZero();
        assertThat(before.total()).isEqualTo(1);

        // asking GlobalSign before publishing: the deferred check runs and fails, reported as ERROR
        Map<String, VerifyResult> early = svc.verify(List.of("www.claims.test"),
                ClaimService.VerifyOptions.waitFor(Duration.ofMinutes(2)), null);
        assertThat(early.get("www.claims.test").state()).isEqualTo(VerifyResult.State.ERROR);
        assertThat(early.get("www.claims.test").reason()).contains("no TXT record found");

        svc.publish(rec, server(), key);
        PropagationReport after = svc.checkPropagation(rec);
        assertThat(after.allSee()).as(after.describe()).isTrue();
        assertThat(after.summary()).contains("1");

        List<String> progress = new CopyOnWriteArrayList<>();
        Map<String, VerifyResult> res = svc.verify(List.of("www.claims.test"),
                new ClaimService.VerifyOptions(Duration.ofMinutes(5), (d, r) -> progress.add(d + " " + r.state())),
                null);
        assertThat(res.get("www.claims.test").state()).as(res.toString()).isEqualTo(VerifyResult.State.VERIFIED);
        assertThat(progress).containsExactly("www.claims.test VERIFIED");
        assertThat(svc.current("www.claims.test").orElseThrow().status()).isEqualTo("VERIFIED");
        Claim remote = client.getClaim(rec.claimId());
        assertThat(remote.status()).isEqualTo("VERIFIED");
        assertThat(remote.log()).anyMatch(e -> e.status().equals("SUCCESS"));

        // clean up the record by RFC 2136 as an admin would after verification
        svc.remove("www.claims.test", rec.token(), server(), key);
        assertThat(svc.checkPropagation(rec).seen()).isZero();
        // verifying a verified claim again confirms it with GlobalSign, without a new DNS check
        fx.sim.clearRequests();
        assertThat(svc.verify(List.of("www.claims.test"), null, null).get("www.claims.test").state())
                .isEqualTo(VerifyResult.State.VERIFIED);
        assertThat(fx.sim.requests()).noneMatch(q -> q.method().equals("POST") && q.path().endsWith("/dns"));
    }

    @Test
    void expiredClaimNeedsReassertThenVerifies() throws Exception {
        ClaimService svc = service();
        DomainClaimRecord rec = svc.claim("old.claims.test").claim();
        String oldToken = rec.token();
        clock.advance(Duration.ofDays(31));

        Map<String, VerifyResult> res = svc.verify(List.of("old.claims.test"),
                ClaimService.VerifyOptions.waitFor(Duration.ofMinutes(1)), null);
        VerifyResult r = res.get("old.claims.test");
        assertThat(r.state()).isEqualTo(VerifyResult.State.ERROR);
        assertThat(r.reassertNeeded()).isTrue();
        assertThat(r.reason()).contains("424").contains("Claim expired. Reassert first").contains("reassert");
        // nothing was reasserted silently
        assertThat(svc.current("old.claims.test").orElseThrow().token()).isEqualTo(oldToken);
        assertThat(client.getClaim(rec.claimId()).token()).isEqualTo(oldToken);

        DomainClaimRecord re = svc.reassert("old.claims.test");
        assertThat(re.token()).isNotEqualTo(oldToken).startsWith("globalsign-domain-verification=");
        assertThat(re.claimId()).isEqualTo(rec.claimId());
        assertThat(svc.current("old.claims.test").orElseThrow().token()).isEqualTo(re.token());
        assertThat(re.assertBy()).isAfter(clock.instant());

        svc.publish(re, server(), key);
        Map<String, VerifyResult> ok = svc.verify(List.of("old.claims.test"),
                ClaimService.VerifyOptions.waitFor(Duration.ofMinutes(5)), null);
        assertThat(ok.get("old.claims.test").state()).as(ok.toString()).isEqualTo(VerifyResult.State.VERIFIED);
        assertThat(client.getClaim(rec.claimId()).verified()).isTrue();
    }

    @Test
    void whenAskedAnExpiredClaimIsReassertedAndRepublishedByRfc2136() throws Exception {
        ClaimService svc = service();
        DomainClaimRecord rec = svc.claim("auto.claims.test").claim();
        svc.publish(rec, server(), key);
        clock.advance(Duration.ofDays(31));
        List<String> removed = new CopyOnWriteArrayList<>();
        ClaimService.Republisher viaTsig = (fresh, oldToken) -> {
            svc.publish(fresh, server(), key);
            svc.remove(fresh.domain(), oldToken, server(), key);
            removed.add(oldToken);
        };
        Map<String, VerifyResult> res = svc.verify(List.of("auto.claims.test"),
                new ClaimService.VerifyOptions(Duration.ofMinutes(5), null, viaTsig), null);
        assertThat(res.get("auto.claims.test").state()).as(res.toString()).isEqualTo(VerifyResult.State.VERIFIED);
        DomainClaimRecord now = svc.current("auto.claims.test").orElseThrow();
        assertThat(now.token()).isNotEqualTo(rec.token());
        assertThat(removed).containsExactly(rec.token());
        PropagationReport seen = svc.checkPropagation(now);
        assertThat(seen.allSee()).isTrue();
        assertThat(svc.checkPropagation(rec).seen()).as("old token removed").isZero();
    }

    @Test
    void publishesAndRemovesWithAStoredTsigKey() throws Exception {
        ClaimService svc = service();
        BindServer.Key k = bind.key();
        fx.store().tsigKeys().save(io.atlasonboard.core.store.TsigKeyRecord.of(fx.provider.id(), k.name(),
                k.algorithm(), bind.hostPort()), k.secretBase64().toCharArray());
        DomainClaimRecord rec = svc.claim("stored.claims.test").claim();
        svc.publish(rec, k.name(), null);
        assertThat(svc.checkPropagation(rec).allSee()).isTrue();
        svc.remove(rec.domain(), rec.token(), k.name(), null);
        assertThat(svc.checkPropagation(rec).seen()).isZero();
    }

    @Test
    void refreshAllAndDelete() {
        ClaimService svc = service();
        DomainClaimRecord rec = svc.claim("gone.claims.test").claim();
        List<DomainClaimRecord> all = svc.refreshAll();
        assertThat(all).extracting(DomainClaimRecord::claimId).contains(rec.claimId());
        svc.delete("gone.claims.test");
        assertThat(svc.current("gone.claims.test")).isEmpty();
        assertThat(fx.account.claimIds()).doesNotContain(rec.claimId());
    }
}
