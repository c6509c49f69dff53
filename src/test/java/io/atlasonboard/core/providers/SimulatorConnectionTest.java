package io.atlasonboard.core.providers;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.atlas.AtlasFixture;
import io.atlasonboard.core.atlas.AtlasTransportException;
import io.atlasonboard.core.atlas.ProxySettings;
import io.atlasonboard.core.atlas.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.sim.AtlasSimulator;
import io.atlasonboard.sim.RecordedRequest;
import io.atlasonboard.sim.SimAccount;
import io.atlasonboard.sim.SimClock;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.testing.TinyProxy;

/**
 * The connection test and client against the product's HVCA simulator over real mutual TLS on loopback: mTLS
 * certificates issued by the simulator's portal function for a CSR, bound to credential sets; the simulator's clock
 * drives token expiry.
 */
class SimulatorConnectionTest {
    private static final char[] PW = "p12-password".toCharArray();
    private static SimClock clock;
    private static AtlasSimulator sim;
    private static SimAccount accountA;
    private static SimAccount accountB;
    private static X509Certificate serverCa;
    private static byte[] p12A;
    private static byte[] p12B;
    private static byte[] p12Expired;
    private static byte[] p12Rogue;
    private AtlasFixture.RecordingSleeper sleeper;

    @BeforeAll
    static void start() throws Exception {
        clock = new SimClock();
        sim = AtlasSimulator.start(SimulatorConfig.defaults().clock(clock));
        accountA = sim.createAccount(4242);
        accountB = sim.createAccount(10);
        serverCa = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(sim.serverCaPem().getBytes(StandardCharsets.US_ASCII)));
        KeyPair key = TestPki.rsa();
        String csr = csr(key);
        p12A = p12(key, sim.issueMtlsCertificate(accountA.apiKey(), csr, Duration.ofDays(90)));
        p12B = p12(key, sim.issueMtlsCertificate(accountB.apiKey(), csr, Duration.ofDays(90)));
        Instant now = clock.instant();
        p12Expired = p12(key, sim.issueMtlsCertificate(accountA.apiKey(), csr, now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(10))));
        TestPki.Issued rogueCa = TestPki.ca("Rogue CA", TestPki.ec());
        p12Rogue = TestPki.pkcs12(key.getPrivate(), PW,
                TestPki.validLeaf(rogueCa, key.getPublic(), "atlas-onboard-test", false));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.faults().reset();
        sleeper = new AtlasFixture.RecordingSleeper();
    }

    private static String csr(KeyPair key) throws Exception {
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=atlas-onboard-test"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(csr);
        }
        return w.toString();
    }

    private static byte[] p12(KeyPair key, String certPem) throws Exception {
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)));
        return TestPki.pkcs12(key.getPrivate(), PW, c);
    }

    private AtlasConnectionConfig.Builder cfg(byte[] p12) {
        AtlasConnectionConfig.Builder b = AtlasConnectionConfig.builder(sim.baseUrl()).trust(List.of(serverCa))
                .clock(clock).sleeper(sleeper).maxRetries(3).requestTimeout(Duration.ofSeconds(10));
        if (p12 != null) {
            b.pkcs12(p12, PW.clone());
        }
        return b;
    }

    private static ConnectionReport test(AtlasConnectionConfig c, SimAccount a) {
        return test(c, a.apiKey(), a.apiSecret());
    }

    private static ConnectionReport test(AtlasConnectionConfig c, String key, String secret) {
        return ConnectionTester.test(c, key, secret.toCharArray(), ProgressSink.NONE, ConnectionListener.NONE);
    }

    private static List<String> names(List<ConnectionEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName() + " " + e.step()).toList();
    }

    @Test
    void goodReportsEachCheckStartedThenPassedInOrder() {
        List<ConnectionEvent> events = new ArrayList<>();
        ConnectionReport r = ConnectionTester.test(cfg(p12A).build(), accountA.apiKey(),
                accountA.apiSecret().toCharArray(), ProgressSink.NONE, events::add);
        assertThat(r.good()).as(r.toText()).isTrue();
        assertThat(names(events)).containsExactly("Started LOCAL", "Passed LOCAL", "Started TLS", "Passed TLS",
                "Started LOGIN", "Passed LOGIN", "Started POLICY", "Passed POLICY", "Started QUOTA", "Passed QUOTA");
        assertThat(((ConnectionEvent.Started) events.get(2)).detail())
                .isEqualTo("TLS handshake with 127.0.0.1:" + sim.port());
    }

    @Test
    void badAtLoginReportsTheFailedCheckAndStartsNoLaterOne() {
        List<ConnectionEvent> events = new ArrayList<>();
        ConnectionReport r = ConnectionTester.test(cfg(p12A).build(), accountA.apiKey(),
                "definitely-wrong".toCharArray(), ProgressSink.NONE, events::add);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CREDENTIALS_REFUSED);
        assertThat(names(events)).containsExactly("Started LOCAL", "Passed LOCAL", "Started TLS", "Passed TLS",
                "Started LOGIN", "Failed LOGIN");
        ConnectionEvent.Failed failed = (ConnectionEvent.Failed) events.get(events.size() - 1);
        assertThat(failed.code()).isEqualTo(Diagnosis.CREDENTIALS_REFUSED);
        assertThat(failed.diagnosis()).isEqualTo(r.diagnosis());
        assertThat(ConnectionStep.ofLabel(r.failedStep())).contains(ConnectionStep.LOGIN);
    }

    @Test
    void badInTheHandshakeFailsTheTlsCheck() {
        List<ConnectionEvent> events = new ArrayList<>();
        ConnectionReport r = ConnectionTester.test(cfg(p12Rogue).build(), accountA.apiKey(),
                accountA.apiSecret().toCharArray(), ProgressSink.NONE, events::add);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CLIENT_CERT_REJECTED);
        assertThat(names(events)).containsExactly("Started LOCAL", "Passed LOCAL", "Started TLS", "Failed TLS");
    }

    @Test
    void cancelledBetweenChecksStopsWithoutFurtherEvents() {
        List<ConnectionEvent> events = new ArrayList<>();
        ProgressSink cancelAfterTls = new ProgressSink() {
            @Override
            public void update(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return events.stream().anyMatch(e -> e.step() == ConnectionStep.TLS);
            }
        };
        assertThatThrownBy(() -> ConnectionTester.test(cfg(p12A).build(), accountA.apiKey(),
                accountA.apiSecret().toCharArray(), cancelAfterTls, events::add))
                .isInstanceOf(CancellationException.class);
        assertThat(names(events)).containsExactly("Started LOCAL", "Passed LOCAL", "Started TLS");
    }

    @Test
    void good() {
        ConnectionReport r = test(cfg(p12A).build(), accountA);
        assertThat(r.status()).as(r.toText()).isEqualTo(ConnectionReport.Status.GOOD);
        assertThat(r.remainingQuota()).isEqualTo(4242L);
        assertThat(r.policySummary()).contains("Keys: RSA", "Maximum validity:", "DNS names:");
        List<RecordedRequest> log = sim.requests();
        assertThat(log).extracting(q -> q.method() + " " + q.path())
                .contains("POST /v2/login", "GET /v2/validationpolicy", "GET /v2/quotas/issuance");
        RecordedRequest login = log.stream().filter(q -> q.path().equals("/v2/login")).reduce((a, b) -> b).get();
        assertThat(login.header("content-type")).isEqualTo(AtlasClient.JSON_UTF8);
        assertThat(login.header("content-length")).isNotNull();
        assertThat(login.header("transfer-encoding")).isNull();
    }

    @Test
    void wrongSecret() {
        ConnectionReport r = test(cfg(p12A).build(), accountA.apiKey(), "definitely-wrong");
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CREDENTIALS_REFUSED);
        assertThat(r.failedStep()).isEqualTo(ConnectionTester.STEP_LOGIN);
    }

    @Test
    void certificateBoundToAnotherCredentialSet() {
        ConnectionReport r = test(cfg(p12B).build(), accountA);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CLIENT_CERT_NOT_LINKED);
        assertThat(r.diagnosis()).contains("not linked to this API key");
    }

    @Test
    void noClientCertificate() {
        ConnectionReport r = test(cfg(null).build(), accountA);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CLIENT_CERT_REJECTED);
        assertThat(r.diagnosis()).contains("No client certificate was sent");
    }

    @Test
    void clientCertificateNotFromTheSimulatorsCaIsRejectedInTheHandshake() {
        ConnectionReport r = test(cfg(p12Rogue).build(), accountA);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CLIENT_CERT_REJECTED);
        assertThat(r.failedStep()).isEqualTo(ConnectionTester.STEP_TLS);
    }

    @Test
    void untrustedServerCertificate() {
        AtlasConnectionConfig c = AtlasConnectionConfig.builder(sim.baseUrl()).pkcs12(p12A, PW.clone())
                .clock(clock).sleeper(sleeper).build();
        ConnectionReport r = test(c, accountA);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.SERVER_CERT_UNTRUSTED);
        assertThat(r.diagnosis()).contains(serverCa.getSubjectX500Principal().getName());
    }

    @Test
    void expiredClientCertificateLocallyAndAtTheServer() {
        ConnectionReport r = test(cfg(p12Expired).build(), accountA);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CLIENT_CERT_EXPIRED);
        assertThat(r.failedStep()).isEqualTo(ConnectionTester.STEP_LOCAL);
        // without the local pre-check, the server itself refuses it in the handshake
        try (AtlasClient c = new AtlasClient(cfg(p12Expired).build(), accountA.apiKey(),
                accountA.apiSecret().toCharArray())) {
            AtlasTransportException e = catchThrowableOfType(AtlasTransportException.class, c::login);
            assertThat(e).isNotNull();
        }
    }

    @Test
    void keystorePasswordWrong() {
        ConnectionReport r = test(cfg(null).pkcs12(p12A, "wrong".toCharArray()).build(), accountA);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.KEYSTORE_PASSWORD_WRONG);
    }

    @Test
    void rateLimitedThenSuccess() {
        sim.faults().rateLimitNext(2, "/quotas");
        ConnectionReport r = test(cfg(p12A).build(), accountA);
        assertThat(r.good()).as(r.toText()).isTrue();
        assertThat(sleeper.sleeps).hasSize(2);
        sim.faults().rateLimitNext(10, "/login");
        ConnectionReport bad = test(cfg(p12A).build(), accountA);
        assertThat(bad.code()).as(bad.toText()).isEqualTo(Diagnosis.RATE_LIMITED);
    }

    @Test
    void serviceBusyIsRetried() {
        sim.faults().busyNext(2, "/validationpolicy");
        ConnectionReport r = test(cfg(p12A).build(), accountA);
        assertThat(r.good()).as(r.toText()).isTrue();
        assertThat(sleeper.sleeps).hasSize(2);
        sim.faults().busyNext(10, "/");
        ConnectionReport bad = test(cfg(p12A).build(), accountA);
        assertThat(bad.code()).as(bad.toText()).isEqualTo(Diagnosis.SERVICE_BUSY);
        assertThat(bad.diagnosis()).contains("busy");
    }

    @Test
    void tokenExpiryIsHandledByTheClock() {
        try (AtlasClient c = new AtlasClient(cfg(p12A).build(), accountA.apiKey(),
                accountA.apiSecret().toCharArray())) {
            assertThat(c.quotaIssuance()).isEqualTo(4242L);
            clock.advance(Duration.ofMinutes(9).plusSeconds(30));
            assertThat(c.validationPolicy()).isNotNull();
            assertThat(c.loginCount()).isEqualTo(2);
            clock.advance(Duration.ofMinutes(30));
            assertThat(c.countIssued()).isGreaterThanOrEqualTo(0);
            assertThat(c.loginCount()).isEqualTo(3);
            // tokens revoked server-side: one 401, one re-login, retried, no error for the user
            sim.faults().revokeAllTokens();
            assertThat(c.quotaIssuance()).isEqualTo(4242L);
            assertThat(c.loginCount()).isEqualTo(4);
        }
    }

    @Test
    void slowServerHitsTheRequestTimeout() {
        sim.faults().delayResponses(Duration.ofMillis(1500));
        ConnectionReport r = test(cfg(p12A).requestTimeout(Duration.ofMillis(400)).build(), accountA);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.REQUEST_TIMEOUT);
    }

    @Test
    void serverNotListening() throws Exception {
        int port = TinyProxy.freePort();
        AtlasConnectionConfig c = AtlasConnectionConfig.builder("https://127.0.0.1:" + port).pkcs12(p12A, PW.clone())
                .trust(List.of(serverCa)).clock(clock).sleeper(sleeper).build();
        ConnectionReport r = test(c, accountA);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.CONNECTION_REFUSED);
    }

    @Test
    void hostNotFound() {
        AtlasConnectionConfig c = AtlasConnectionConfig.builder("https://hvca.atlas-onboard.invalid:8443")
                .pkcs12(p12A, PW.clone()).trust(List.of(serverCa)).clock(clock).sleeper(sleeper).build();
        ConnectionReport r = test(c, accountA);
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.HOST_NOT_FOUND);
    }

    @Test
    void goodThroughTinyproxyWithAuthenticationAndTheSimulatorSeesTheSameCertificate() {
        try (TinyProxy proxy = TinyProxy.start("u1", "proxy-secret-9")) {
            sim.clearRequests();
            ConnectionReport r = test(cfg(p12A).proxy(new ProxySettings(proxy.host(), proxy.port(), "u1",
                    "proxy-secret-9".toCharArray())).build(), accountA);
            assertThat(r.good()).as(r.toText()).isTrue();
            assertThat(proxy.log()).contains("CONNECT 127.0.0.1:" + sim.port());
            assertThat(sim.requests()).isNotEmpty().allSatisfy(q -> {
                assertThat(q.clientSerial()).isNotNull();
                assertThat(q.header("proxy-authorization")).isNull();
            });
        }
    }
}
