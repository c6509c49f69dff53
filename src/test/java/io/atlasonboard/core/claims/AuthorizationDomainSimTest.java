package io.atlasonboard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.Claim;
import io.atlasonboard.core.dns.PropagationReport;
import io.atlasonboard.core.dns.TxtRecordPresentation;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.SandboxDnsServer;
import io.atlasonboard.sim.SandboxZone;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.SimProviderFixture;

/**
 * A claim for www.example.test proven through its parent example.test (an Authorization Domain Name): the usable ADNs
 * come from the simulator, the TXT record is shown and checked at the ADN (sandbox DNS server over the wire), and the
 * simulator verifies by looking there; a name that is not an ADN of the claim is refused before asking.
 */
class AuthorizationDomainSimTest {
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
                ValidationPolicies.tls(), IntendedUse.TLS, "adn", dir);
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
    void subdomainClaimValidatedThroughTheParent() {
        ClaimService svc = new ClaimService(fx.store(), fx.provider, client).pollInterval(Duration.ofMillis(100));
        DomainClaimRecord rec = svc.claim("www.example.test").claim();
        AuthorizationDomains adns = new AuthorizationDomains(client);
        assertThat(adns.usable(rec)).containsExactly("www.example.test", "example.test");
        assertThatThrownBy(() -> adns.choose(rec, "other.test")).isInstanceOf(DomainsException.class)
                .hasMessage("other.test is not an authorization domain of the claim for www.example.test; "
                        + "GlobalSign accepts: www.example.test, example.test");
        String adn = adns.choose(rec, "Example.TEST.");
        assertThat(adn).isEqualTo("example.test");

        TxtRecordPresentation p = AuthorizationDomains.presentation(rec, adn);
        assertThat(p.host()).isEqualTo("example.test.");
        assertThat(p.value()).isEqualTo(rec.token());

        // the record on the claimed name itself does not count when the ADN is named
        zone.publish("www.example.test.", rec.token());
        Map<String, VerifyResult> wrong = svc.verify(List.of("www.example.test"),
                ClaimService.VerifyOptions.waitFor(Duration.ofSeconds(5)).withAuthorizationDomains(
                        Map.of("www.example.test", adn)), null);
        assertThat(wrong.get("www.example.test").state()).isEqualTo(VerifyResult.State.ERROR);
        assertThat(wrong.get("www.example.test").reason()).contains("example.test.");

        PropagationReport before = AuthorizationDomains.checkPropagation(dns.propagationChecker(), rec, adn, List.of());
        assertThat(before.summary()).isEqualTo("0 of 1 server sees the record");
        zone.publish(p.host(), p.value());
        PropagationReport after = AuthorizationDomains.checkPropagation(dns.propagationChecker(), rec, adn, List.of());
        assertThat(after.summary()).as(after.describe()).isEqualTo("1 of 1 server sees the record");

        Map<String, VerifyResult> res = svc.verify(List.of("www.example.test"),
                ClaimService.VerifyOptions.waitFor(Duration.ofSeconds(5)).withAuthorizationDomains(
                        Map.of("www.example.test", adn)), null);
        assertThat(res.get("www.example.test").state()).as(res.toString()).isEqualTo(VerifyResult.State.VERIFIED);
        Claim c = client.getClaim(rec.claimId());
        assertThat(c.status()).isEqualTo("VERIFIED");
        // the stored log was refreshed after the immediate 204: it ends with the success, not the earlier error
        List<Claim.LogEntry> log = ClaimService.log(svc.current("www.example.test").orElseThrow());
        assertThat(log).isNotEmpty();
        assertThat(log.get(log.size() - 1).status()).isEqualTo("SUCCESS");
        assertThat(log.get(log.size() - 1).description()).contains("example.test.");
        assertThat(svc.current("www.example.test").orElseThrow().expiresAt()).isNotNull();
    }
}
