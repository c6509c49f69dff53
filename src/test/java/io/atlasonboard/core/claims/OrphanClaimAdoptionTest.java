package io.atlasonboard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.Claim;
import io.atlasonboard.core.atlas.ClaimToken;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.SimProviderFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim that exists at GlobalSign but not in the store (the process died between creating it and saving it) is
 * adopted by the next claim run, against the simulator over mTLS: no second claim is created.
 */
class OrphanClaimAdoptionTest {
    @TempDir
    static Path dir;
    static SimProviderFixture fx;
    static AtlasClient client;

    @BeforeAll
    static void start() throws Exception {
        fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(), IntendedUse.TLS, "orphans",
                dir);
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
    }

    @Test
    void aServerSideClaimMissingFromTheStoreIsAdoptedNotDuplicated() {
        ClaimToken orphan = client.createClaim("orphan.example.com"); // created, then "crashed" before saving
        ClaimService svc = new ClaimService(fx.store(), fx.provider, client);
        assertThat(svc.current("orphan.example.com")).isEmpty();

        ClaimResult r = svc.claim("orphan.example.com");

        assertThat(r.created()).as("adopted, not created").isFalse();
        assertThat(r.claim().claimId()).isEqualToIgnoringCase(orphan.id());
        assertThat(r.claim().token()).isEqualTo(orphan.token());
        List<Claim> atServer = client.listAllClaims(null).stream()
                .filter(c -> c.domain().replaceAll("\\.$", "").equals("orphan.example.com")).toList();
        assertThat(atServer).hasSize(1);
        assertThat(fx.store().domainClaims().adoptedAt(fx.provider.id(), r.claim().claimId()))
                .as("marked as adopted (dns status shows it)").isPresent();
        assertThat(fx.store().domainClaims().adopted(fx.provider.id())).containsKey(r.claim().claimId());
        // and a second run reuses the stored one
        assertThat(svc.claim("orphan.example.com").claim().claimId()).isEqualToIgnoringCase(orphan.id());
    }

    @Test
    void aDomainWithoutAnyClaimStillGetsANewOne() {
        ClaimService svc = new ClaimService(fx.store(), fx.provider, client);
        ClaimResult r = svc.claim("fresh.example.com");
        assertThat(r.created()).isTrue();
        assertThat(fx.store().domainClaims().adoptedAt(fx.provider.id(), r.claim().claimId()))
                .as("a claim this store created is not marked adopted").isEmpty();
    }
}
