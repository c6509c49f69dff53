package io.atlasonboard.core.atlas;

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
 * Every diagnosis of the connection test against real peers on loopback: an HTTPS server that requires client
 * certificates, a port nothing listens on, a name under .invalid.
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
        return ConnectionTester.test(cfg, key, secret.toCharArray(), ProgressSink.NONE);
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
                AtlasFixture.KEY_A, AtlasFixture.SECRET_A.toCharArray(), sink);
        assertThat(r.status()).as(r.toText()).isEqualTo(ConnectionReport.Status.GOOD);
        assertThat(r.remainingQuota()).isEqualTo(999881L);
        assertThat(r.policySummary()).contains("RSA 2048 or 4096 bits", "Maximum validity: 90 days", "clientAuth");
        assertThat(r.checkedAt()).isNotNull();
        assertThat(r.toText()).startsWith("Connection Status: Good");
        assertThat(messages).anyMatch(m -> m.contains("TLS handshake")).anyMatch(m -> m.contains("POST /login"))
                .anyMatch(m -> m.contains("/validationpolicy")).anyMatch(m -> m.contains("/quotas/issuance"));
    }

    @Test
    void wrongSecretIsCredentialsRefused() {
        ConnectionReport r = run(fx.config(server.baseUrl(), fx.p12A, sleeper).build(), AtlasFixture.KEY_A,
                "not-the-secret");
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CREDENTIALS_REFUSED);
        assertThat(r.failedStep()).isEqualTo(ConnectionTester.STEP_LOGIN);
        assertThat(r.diagnosis()).contains("API key or API secret was refused").doesNotContain("not-the-secret");
    }

    @Test
    void certificateBoundToAnotherCredentialSetIsNotLinked() {
        ConnectionReport r = runA(fx.p12B);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CLIENT_CERT_NOT_LINKED);
        assertThat(r.failedStep()).isEqualTo(ConnectionTester.STEP_LOGIN);
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
    void untrustedServerCertificateNamesItsIssuer() {
        AtlasConnectionConfig cfg = AtlasConnectionConfig.builder(server.baseUrl())
                .pkcs12(fx.p12A, AtlasFixture.P12_PASSWORD.clone()).sleeper(sleeper).build();
        ConnectionReport r = run(cfg, AtlasFixture.KEY_A, AtlasFixture.SECRET_A);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.SERVER_CERT_UNTRUSTED);
        assertThat(r.diagnosis()).contains("Test Server CA").contains("TLS-inspecting proxy");
    }

    @Test
    void expiredClientCertificateIsCaughtLocally() {
        ConnectionReport r = runA(fx.p12Expired);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CLIENT_CERT_EXPIRED);
        assertThat(r.failedStep()).isEqualTo(ConnectionTester.STEP_LOCAL);
    }

    @Test
    void wrongKeystorePasswordIsItsOwnDiagnosis() {
        AtlasConnectionConfig cfg = fx.config(server.baseUrl(), null, sleeper)
                .pkcs12(fx.p12A, "not-the-password".toCharArray()).build();
        ConnectionReport r = run(cfg, AtlasFixture.KEY_A, AtlasFixture.SECRET_A);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.KEYSTORE_PASSWORD_WRONG);
        assertThat(r.failedStep()).isEqualTo(ConnectionTester.STEP_LOCAL);
    }

    @Test
    void rateLimitThatPersistsAfterRetriesIsReported() {
        server.fail(429, 429, 429, 429, 429, 429);
        ConnectionReport r = runA(fx.p12A);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.RATE_LIMITED);
        assertThat(sleeper.sleeps).hasSize(3);
        server.fail(429);
        ConnectionReport ok = runA(fx.p12A);
        assertThat(ok.good()).as(ok.toText()).isTrue();
    }

    @Test
    void slowServerHitsTheRequestTimeout() {
        server.delay = Duration.ofMillis(1500);
        AtlasConnectionConfig cfg = fx.config(server.baseUrl(), fx.p12A, sleeper)
                .requestTimeout(Duration.ofMillis(400)).build();
        ConnectionReport r = run(cfg, AtlasFixture.KEY_A, AtlasFixture.SECRET_A);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.REQUEST_TIMEOUT);
        assertThat(r.failedStep()).isEqualTo(ConnectionTester.STEP_LOGIN);
    }

    @Test
    void serverNotListeningIsConnectionRefused() throws Exception {
        int port = TinyProxy.freePort();
        ConnectionReport r = runA2("https://127.0.0.1:" + port);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CONNECTION_REFUSED);
        assertThat(r.diagnosis()).contains("refused");
    }

    @Test
    void unknownHostIsHostNotFound() {
        ConnectionReport r = runA2("https://atlas-onboard-test.invalid:8443/v2");
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.HOST_NOT_FOUND);
        assertThat(r.diagnosis()).contains("atlas-onboard-test.invalid");
    }

    private ConnectionReport runA2(String url) {
        return run(fx.config(url, fx.p12A, sleeper).build(), AtlasFixture.KEY_A, AtlasFixture.SECRET_A);
    }
}
