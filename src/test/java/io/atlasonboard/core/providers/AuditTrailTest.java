package io.atlasonboard.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.atlas.AtlasApiException;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.store.AuditEntry;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.sim.RecordedRequest;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.Secrets;
import io.atlasonboard.testing.SimProviderFixture;

/**
 * Every API call of a stored provider lands in its audit trail (against the real simulator over mTLS): a failing call
 * with its status and problem+json id, retries as their own rows, connection tests too; neither the store's SQL dump
 * nor the CSV holds the API secret, the keystore password or a bearer token.
 */
class AuditTrailTest {
    @TempDir
    Path dir;

    @Test
    void recordsEveryCallWithStatusAndProblemIdAndNoSecret() throws Exception {
        try (SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(),
                IntendedUse.TLS, "GS Audit", dir)) {
            long id = fx.provider.id();
            String apiSecret = new String(fx.store().providers().apiSecret(id));
            String ksPassword = new String(fx.store().providers().keystorePassword(id));
            String problemId;
            int failedStatus;
            fx.sim.faults().busyNext(1, "/quotas");
            try (AtlasClient c = fx.client(2, null)) {
                assertThat(c.quotaIssuance()).isPositive();
                AtlasApiException e = (AtlasApiException) org.assertj.core.api.Assertions.catchThrowable(
                        () -> c.getCertificate("ABCDEF0123"));
                assertThat(e.status()).isBetween(400, 499);
                failedStatus = e.status();
                assertThat(e.id()).isNotBlank();
                problemId = e.id();
            }
            assertThat(new ProviderService(fx.store().providers()).test(id, null,
                    ConnectionListener.NONE).good()).isTrue();

            List<AuditEntry> log = fx.store().audit().list(id, null);
            assertThat(log).extracting(AuditEntry::method, AuditEntry::path, AuditEntry::status).startsWith(
                    org.assertj.core.groups.Tuple.tuple("POST", "/login", 200),
                    org.assertj.core.groups.Tuple.tuple("GET", "/quotas/issuance", 503),
                    org.assertj.core.groups.Tuple.tuple("GET", "/quotas/issuance", 200),
                    org.assertj.core.groups.Tuple.tuple("GET", "/certificates/ABCDEF0123", failedStatus));
            AuditEntry failed = log.get(3);
            assertThat(failed.problemId()).isEqualTo(problemId);
            assertThat(failed.duration().isNegative()).isFalse();
            assertThat(failed.at()).isBefore(Instant.now().plusSeconds(1));
            // the connection test's calls are recorded too
            assertThat(log.subList(4, log.size())).extracting(AuditEntry::path)
                    .contains("/login", "/validationpolicy", "/quotas/issuance");
            assertThat(AuditTrail.since(fx.store().audit(), id, Duration.ofHours(1),
                    Instant.now())).hasSize(log.size());
            assertThat(AuditTrail.since(fx.store().audit(), id, Duration.ofHours(1), Instant.now().plus(
                    Duration.ofHours(2)))).isEmpty();

            String csv = AuditTrail.csv(log);
            assertThat(csv).startsWith(AuditTrail.CSV_HEADER + "\r\n")
                    .contains(",GET,/certificates/ABCDEF0123," + failedStatus + ",").contains("," + problemId + ",");
            List<String> secrets = new ArrayList<>(List.of(apiSecret, ksPassword));
            for (RecordedRequest r : fx.sim.requests()) {
                String auth = r.header("Authorization");
                if (auth != null && auth.startsWith("Bearer ")) {
                    secrets.add(auth.substring(7));
                }
            }
            // (the simulator may keep tokens out of its request record; the words below must not appear either way)
            assertThat(csv).doesNotContain("Bearer").doesNotContain("access_token").doesNotContain("api_secret");
            Secrets.assertAbsent(csv, "audit CSV", secrets.toArray(String[]::new));
            fx.closeStore();
            Secrets.assertAbsent(sqlDump(fx.home), "store SQL dump", secrets.toArray(String[]::new));
        }
    }

    @Test
    void sinceDurationsParse() {
        assertThat(AuditTrail.parseDuration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(AuditTrail.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(AuditTrail.parseDuration("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> AuditTrail.parseDuration("soon")).hasMessageContaining("not a duration");
    }

    static String sqlDump(Path home) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + home.resolve(Store.DB_NAME)
                + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "atlas", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SCRIPT")) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append('\n');
            }
        }
        assertThat(sb.toString()).contains("PROVIDER_AUDIT").contains("/certificates/ABCDEF0123");
        return sb.toString();
    }
}
