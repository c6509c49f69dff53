package io.atlasonboard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.Claim;
import io.atlasonboard.core.atlas.ClaimToken;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.RecordedRequest;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.SimProviderFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listing of an account with several pages of claims (GET /claims/domains, 100 a page): pages after the first
 * are fetched at the same time, and the result is every claim once, in the server's order; a batch of claims for
 * names the account already holds adopts them from that listing (one listing, no second claim). Against the
 * simulator over mTLS.
 */
class ClaimListingPagesTest {
    @TempDir
    static Path dir;
    static SimProviderFixture fx;
    static AtlasClient client;
    static final List<ClaimToken> made = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(), IntendedUse.TLS, "pages",
                dir);
        client = fx.client(2, null);
        for (int i = 0; i < 430; i++) { // five pages, the last one partly filled
            made.add(client.createClaim("p" + i + ".pages.example.com"));
        }
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
    void everyPageIsListedOnceInOrder() {
        int before = listings();
        List<Claim> all = client.listAllClaims(null).stream()
                .filter(c -> c.domain().matches("p\\d+\\.pages\\.example\\.com\\.?")).toList(); // not the other test's
        assertThat(all).extracting(c -> c.id().toUpperCase(Locale.ROOT))
                .containsExactlyElementsOf(made.stream().map(t -> t.id().toUpperCase(Locale.ROOT)).toList());
        assertThat(all).extracting(Claim::token).containsExactlyElementsOf(made.stream().map(ClaimToken::token).toList());
        assertThat(listings() - before).as("one request per page").isEqualTo(5);
    }

    @Test
    void aBatchAdoptsWhatTheListingShowsWithOneListing() {
        ClaimService svc = new ClaimService(fx.store(), fx.provider, client);
        List<String> names = List.of("p3.pages.example.com", "p250.pages.example.com", "p429.pages.example.com",
                "new1.pages.example.com", "new2.pages.example.com");
        int before = listings();
        List<ClaimResult> r = svc.claim(names, null);
        assertThat(listings() - before).as("one listing of five pages for the batch").isEqualTo(5);
        assertThat(r).allMatch(ClaimResult::ok);
        assertThat(r.subList(0, 3)).noneMatch(ClaimResult::created);
        assertThat(r.get(0).claim().claimId()).isEqualToIgnoringCase(made.get(3).id());
        assertThat(r.get(1).claim().claimId()).isEqualToIgnoringCase(made.get(250).id());
        assertThat(r.get(2).claim().claimId()).isEqualToIgnoringCase(made.get(429).id());
        assertThat(r.subList(3, 5)).allMatch(ClaimResult::created);
        // saved: a second run finds all five in the store and lists nothing
        int again = listings();
        assertThat(svc.claim(names, null)).allMatch(x -> x.ok() && !x.created());
        assertThat(listings() - again).isZero();
    }

    private static int listings() {
        int n = 0;
        for (RecordedRequest q : fx.sim.requests()) {
            if (q.method().equals("GET") && q.path().endsWith("/claims/domains")) {
                n++;
            }
        }
        return n;
    }
}
