package io.atlasonboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.ProcessRun;
import io.atlasonboard.testing.SimProviderFixture;

/**
 * {@code dns verify} without {@code --auth-domain} uses the authorization domain stored with the claim (as the DNS
 * step stores it, V42): the record only on the parent, the claim for www.example.test verifies through it.
 */
class DnsVerifyStoredAdnCliIT {
    @TempDir
    Path dir;

    @Test
    void verifyDefaultsToTheStoredAuthorizationDomain() throws Exception {
        try (SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(),
                IntendedUse.TLS, "sim", dir)) {
            fx.closeStore();
            ProcessRun claim = atlas(fx, "dns", "claim", "--provider", "sim", "www.example.test");
            assertThat(claim.exit).as(claim.toString()).isZero();
            Matcher v = Pattern.compile("Value:\\s+(\\S+)").matcher(claim.out);
            assertThat(v.find()).as(claim.out).isTrue();
            fx.sim.sandboxZone().publish("example.test.", v.group(1)); // on the parent only

            // the choice as the DNS step stores it
            DomainClaimRecord rec = fx.store().domainClaims().findByDomain(fx.provider.id(), "www.example.test")
                    .get(0);
            assertThat(fx.store().domainClaims().setAuthorizationDomain(fx.provider.id(), rec.claimId(),
                    "example.test")).isTrue();
            fx.closeStore();

            ProcessRun verify = atlas(fx, "dns", "verify", "--provider", "sim", "www.example.test", "--wait", "10");
            assertThat(verify.exit).as(verify.toString()).isZero();
            assertThat(verify.out).contains("www.example.test: VERIFIED");
        }
    }

    @Test
    void claimWithAnAuthorizationDomainKeepsTheChoiceForVerify() throws Exception {
        try (SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(),
                IntendedUse.TLS, "sim", dir)) {
            fx.closeStore();
            ProcessRun claim = atlas(fx, "dns", "claim", "--provider", "sim", "--auth-domain", "example.test",
                    "www.example.test");
            assertThat(claim.exit).as(claim.toString()).isZero();
            assertThat(claim.out).contains("Authorization domain: example.test");
            Matcher v = Pattern.compile("Value:\\s+(\\S+)").matcher(claim.out);
            assertThat(v.find()).as(claim.out).isTrue();
            fx.sim.sandboxZone().publish("example.test.", v.group(1)); // on the parent only

            DomainClaimRecord rec = fx.store().domainClaims().findByDomain(fx.provider.id(), "www.example.test")
                    .get(0);
            assertThat(fx.store().domainClaims().authorizationDomain(fx.provider.id(), rec.claimId()))
                    .contains("example.test");
            fx.closeStore();

            ProcessRun verify = atlas(fx, "dns", "verify", "--provider", "sim", "www.example.test", "--wait", "10");
            assertThat(verify.exit).as(verify.toString()).isZero();
            assertThat(verify.out).contains("www.example.test: VERIFIED");
        }
    }

    private static ProcessRun atlas(SimProviderFixture fx, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", fx.home.toString(), "--passphrase-file",
                fx.passphraseFile.toString()));
        all.addAll(List.of(args));
        return ProcessRun.atlas(all.toArray(String[]::new));
    }
}
