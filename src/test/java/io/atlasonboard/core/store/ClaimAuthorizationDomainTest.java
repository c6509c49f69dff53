package io.atlasonboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V42: the authorization domain chosen for a claim is stored with it. A store at schema 41 (no column, no V42 in the
 * history) is migrated when opened, its claims kept; the choice survives upserts of the claim and a reopen.
 */
class ClaimAuthorizationDomainTest {
    @TempDir
    Path tmp;

    @Test
    void schema41IsMigratedAndTheChosenAdnSurvivesUpsertAndReopen() throws Exception {
        Path home = tmp.resolve("home");
        long pid;
        DomainClaimRecord claim;
        try (Store s = StoreTestSupport.newStore(home)) {
            pid = s.providers().save(ProviderRecord.builder().name("P").apiKey("k").build(), null).id();
            claim = s.domainClaims().upsert(DomainClaimRecord.of(pid, "01ADN", "www.example.test", "PENDING", "tok",
                    null, null));
            // as schema 41 left it: V42 and every later migration undone and out of the history
            s.db().tx(c -> {
                for (String sql : new String[] {"ALTER TABLE domain_claim DROP COLUMN authorization_domain",
                    "ALTER TABLE provider DROP COLUMN status_diagnosis_msg",
                    "ALTER TABLE provider DROP COLUMN status_summary_msg",
                    "ALTER TABLE onboarding DROP COLUMN api_key_enc",
                    "ALTER TABLE domain_claim DROP COLUMN adopted_at",
                    "DELETE FROM \"flyway_schema_history\" WHERE CAST(\"version\" AS INT) > 41"}) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.executeUpdate();
                    }
                }
                return null;
            });
            assertThat(columnExists(s)).isFalse();
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(columnExists(s)).isTrue();
            assertThat(s.domainClaims().findByClaimId(pid, "01ADN")).isPresent();
            assertThat(s.domainClaims().authorizationDomain(pid, "01ADN")).isEmpty();
            assertThat(s.domainClaims().setAuthorizationDomain(pid, "01ADN", "Example.TEST.")).isTrue();
            assertThat(s.domainClaims().setAuthorizationDomain(pid, "no-such-claim", "example.test")).isFalse();
            // refreshing the claim from the API (an upsert) keeps the choice
            s.domainClaims().upsert(claim.withStatus("VERIFIED"));
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.domainClaims().authorizationDomain(pid, "01ADN")).contains("example.test");
            assertThat(s.domainClaims().authorizationDomains(pid)).containsExactly(
                    java.util.Map.entry("www.example.test", "example.test"));
            assertThat(s.domainClaims().setAuthorizationDomain(pid, "01ADN", null)).isTrue();
            assertThat(s.domainClaims().authorizationDomains(pid)).isEmpty();
        }
    }

    private static boolean columnExists(Store s) {
        return s.db().tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS "
                    + "WHERE TABLE_NAME = 'DOMAIN_CLAIM' AND COLUMN_NAME = 'AUTHORIZATION_DOMAIN'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        });
    }
}
