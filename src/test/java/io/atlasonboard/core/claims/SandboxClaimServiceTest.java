package io.atlasonboard.core.claims;

import io.atlasonboard.testing.SimProviderFixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.dns.CheckOutcome;
import io.atlasonboard.core.dns.PropagationReport;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.SandboxDnsServer;
import io.atlasonboard.sim.SandboxZone;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;

/**
 * The sandbox walk through {@link ClaimService}, as the application wires it for a sandbox provider: the propagation
 * check asks the sandbox's DNS server over the wire ("0 of 1", then "1 of 1"), and the simulator verifies the claim
 * through the same server.
 */
class SandboxClaimServiceTest {
    @TempDir
    static Path dir;
    static SandboxZone zone;
    static SandboxDnsServer dns;
    static SimProviderFixture fx;
    static AtlasClient client;

    @BeforeAll
    static void start() throws Exception {
        zone = new SandboxZone();
        dns = SandboxDnsServer.start(zone);
        fx = SimProviderFixture.start(SimulatorConfig.defaults().sandboxZone(zone).dnsServer(dns.hostPort()),
                ValidationPolicies.tls(), IntendedUse.TLS, "sandbox-dns", dir);
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
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void claimPropagatesInTheSandboxZoneAndVerifies() throws Exception {
        ClaimService svc = new ClaimService(fx.store(), fx.provider, client).pollInterval(Duration.ofMillis(200))
                .propagationChecker(dns.propagationChecker());
        DomainClaimRecord rec = svc.claim("shop.sandbox-walk.example").claim();

        PropagationReport before = svc.checkPropagation(rec);
        assertThat(before.zone()).isEqualTo("sandbox-walk.example.");
        assertThat(before.summary()).isEqualTo("0 of 1 server sees the record");
        assertThat(before.results().get(0).outcome()).isEqualTo(CheckOutcome.NOT_FOUND);

        // what "Publish in sandbox DNS" (Sandbox.publishTxt) and POST /portal/sandbox-dns do
        fx.sim.sandboxZone().publish(ClaimService.presentation(rec).host(), ClaimService.presentation(rec).value());
        assertThat(fx.sim.sandboxZone()).isSameAs(zone);
        PropagationReport after = svc.checkPropagation(rec);
        assertThat(after.summary()).as(after.describe()).isEqualTo("1 of 1 server sees the record");

        Map<String, VerifyResult> res = svc.verify(List.of("shop.sandbox-walk.example"),
                ClaimService.VerifyOptions.waitFor(Duration.ofMinutes(1)), null);
        assertThat(res.get("shop.sandbox-walk.example").state()).as(res.toString())
                .isEqualTo(VerifyResult.State.VERIFIED);
        assertThat(client.getClaim(rec.claimId()).status()).isEqualTo("VERIFIED");
    }
}
