package io.atlasonboard.core.providers;

import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.atlas.AtlasFixture;
import io.atlasonboard.core.atlas.LoopbackHvca;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.testing.TinyProxy;

/**
 * Connection test against a loopback HTTPS peer that <em>requires</em> a client certificate (need-client-auth, as the
 * real service presumably does), so a missing or foreign certificate fails in the TLS handshake with an alert. The
 * other diagnoses are tested against the product simulator in {@link SimulatorConnectionTest}.
 */
class ConnectionTesterTest {
    private static AtlasFixture fx;
    private static LoopbackHvca server;
    private AtlasFixture.RecordingSleeper sleeper;

    @BeforeAll
    static void startServer() throws Exception {
        fx = AtlasFixture.get();
        server = fx.startServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void reset() {
        sleeper = new AtlasFixture.RecordingSleeper();
        server.delay = Duration.ZERO;
    }

    private ConnectionReport run(AtlasConnectionConfig cfg, String key, String secret) {
        return ConnectionTester.test(cfg, key, secret.toCharArray(), ProgressSink.NONE, ConnectionListener.NONE);
    }

    private ConnectionReport runA(byte[] p12) {
        return run(fx.config(server.baseUrl(), p12, sleeper).build(), AtlasFixture.KEY_A, AtlasFixture.SECRET_A);
    }

    @Test
    void goodWithPolicySummaryQuotaAndProgress() {
        List<String> messages = new ArrayList<>();
        ProgressSink sink = new ProgressSink() {
            @Override
            public void update(double fraction, String message) {
                messages.add(message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        ConnectionReport r = ConnectionTester.test(fx.config(server.baseUrl() + "/", fx.p12A, sleeper).build(),
                AtlasFixture.KEY_A, AtlasFixture.SECRET_A.toCharArray(), sink, ConnectionListener.NONE);
        assertThat(r.status()).as(r.toText()).isEqualTo(ConnectionReport.Status.GOOD);
        assertThat(r.remainingQuota()).isEqualTo(999881L);
        assertThat(r.policySummary()).contains("RSA 2048 or 4096 bits", "Maximum validity: 90 days", "clientAuth");
        assertThat(r.checkedAt()).isNotNull();
        assertThat(r.toText()).startsWith("Connection Status: Good");
        assertThat(messages).anyMatch(m -> m.contains("TLS handshake")).anyMatch(m -> m.contains("POST /login"))
                .anyMatch(m -> m.contains("/validationpolicy")).anyMatch(m -> m.contains("/quotas/issuance"));
    }

    @Test
    void noClientCertificateIsRejectedInTheHandshake() {
        ConnectionReport r = runA(null);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CLIENT_CERT_REJECTED);
        assertThat(r.failedStep()).isEqualTo(ConnectionTester.STEP_TLS);
        assertThat(r.diagnosis()).contains("No client certificate was sent");
    }

    @Test
    void clientCertificateFromAnUnknownCaIsRejectedInTheHandshake() {
        ConnectionReport r = runA(fx.p12Rogue);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CLIENT_CERT_REJECTED);
        assertThat(r.failedStep()).isEqualTo(ConnectionTester.STEP_TLS);
    }

    @Test
    void wrongKeystorePasswordIsItsOwnDiagnosis() {
        AtlasConnectionConfig cfg = fx.config(server.baseUrl(), null, sleeper)
                .pkcs12(fx.p12A, "not-the-password".toCharArray()).build();
        ConnectionReport r = run(cfg, AtlasFixture.KEY_A, AtlasFixture.SECRET_A);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.KEYSTORE_PASSWORD_WRONG);
        assertThat(r.failedStep()).isEqualTo(ConnectionTester.STEP_LOCAL);
    }

    private ConnectionReport runA2(String url) {
        return run(fx.config(url, fx.p12A, sleeper).build(), AtlasFixture.KEY_A, AtlasFixture.SECRET_A);
    }
}
