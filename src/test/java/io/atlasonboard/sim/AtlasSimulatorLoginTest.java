package io.atlasonboard.sim;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Login, client certificates, tokens, request hygiene, error format and fault injection, over real HTTPS with client
 * certificates on loopback.
 */
class AtlasSimulatorLoginTest {
    static SimClock clock;
    static AtlasSimulator sim;
    static SimAccount alice;
    static SimAccount bob;
    static KeyPair aliceKey;
    static X509Certificate aliceCert;
    static SimTls.Client aliceClient;

    @BeforeAll
    static void start() throws Exception {
        clock = new SimClock();
        sim = AtlasSimulator.start(SimulatorConfig.defaults().clock(clock));
        alice = sim.createAccount(100);
        bob = sim.createAccount(100);
        aliceKey = SimTls.ec();
        aliceCert = SimTls.parseCert(sim.issueMtlsCertificate(alice.apiKey(),
                SimTls.csr(aliceKey, "CN=alice mtls"), Duration.ofDays(30)));
        aliceClient = new SimTls.Client(sim, aliceKey, aliceCert);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clean() {
        sim.faults().reset();
        aliceClient.token = null;
    }

    static void assertProblem(HttpResponse<String> r, int status, String descriptionContains) {
        assertThat(r.statusCode()).as("status of %s", r.uri()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=utf-8");
        JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
        assertThat(o.get("description").getAsString()).contains(descriptionContains);
        assertThat(o.get("id").getAsString()).isNotBlank();
    }

    @Test
    void serverCertificateIsForLoopbackAndApiKeysAreLongRandom() throws Exception {
        assertThat(sim.baseUrl()).isEqualTo("https://127.0.0.1:" + sim.port() + "/v2");
        assertThat(alice.apiKey()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(bob.apiKey());
        assertThat(alice.apiSecret().length()).as("API secret length").isGreaterThanOrEqualTo(32);
        Secrets.assertDifferentSecrets(alice.apiSecret(), bob.apiSecret(), "API secrets of alice and bob");
        X509Certificate mtls = aliceCert;
        assertThat(mtls.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
        assertThat(alice.boundCertificateSerials()).contains(mtls.getSerialNumber().toString(16).toUpperCase());
        assertThat(mtls.getIssuerX500Principal()).isEqualTo(SimTls.parseCert(sim.clientCaPem()).getSubjectX500Principal());
    }

    @Test
    void loginWithBoundCertificateAndRightSecretGivesAnOpaqueToken() throws Exception {
        HttpResponse<String> r = aliceClient.login(alice);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(aliceClient.token).hasSizeGreaterThan(20);
        HttpResponse<String> policy = aliceClient.get("/validationpolicy");
        assertThat(policy.statusCode()).isEqualTo(200);
        assertThat(JsonParser.parseString(policy.body())).isEqualTo(ValidationPolicies.tls());
    }

    @Test
    void wrongSecretIs401() throws Exception {
        HttpResponse<String> r = aliceClient.login(alice.apiKey(), alice.apiSecret() + "x");
        assertProblem(r, 401, "Unauthorized");
        assertThat(r.body()).doesNotContain("linked");
        assertProblem(aliceClient.login("no-such-key", "whatever"), 401, "Unauthorized");
    }

    @Test
    void certificateBoundToAnotherAccountIs401WithTheBindingReason() throws Exception {
        HttpResponse<String> r = aliceClient.login(bob);
        assertProblem(r, 401, "client certificate is not linked to this API key");
        assertThat(aliceClient.token).isNull();
    }

    @Test
    void missingLoginFieldsAre422() throws Exception {
        assertProblem(aliceClient.send("POST", "/login", "{\"api_key\":\"" + alice.apiKey() + "\"}"), 422,
                "Invalid login request");
        assertProblem(aliceClient.send("POST", "/login", "{}"), 422, "Invalid login request");
    }

    @Test
    void withoutClientCertificateV2Answers400ButThePortalWorks() throws Exception {
        SimTls.Client anonymous = new SimTls.Client(sim, null, null);
        assertProblem(anonymous.login(alice), 400, "No required SSL certificate was sent");
        // the unread body of a refused request is drained: the kept-alive connection serves the next request
        assertProblem(anonymous.login(alice), 400, "No required SSL certificate was sent");
        HttpResponse<String> creds = anonymous.send("POST", "/portal/credentials", null);
        assertThat(creds.statusCode()).isEqualTo(201);
        JsonObject c = SimTls.json(creds);
        String key = c.get("api_key").getAsString();
        assertThat(sim.account(key)).isNotNull();
        // portal mTLS issuance for that credential set, then login with it
        KeyPair kp = SimTls.ec();
        HttpResponse<String> pem = anonymous.send("POST", "/portal/mtls?api_key=" + key,
                SimTls.csr(kp, "CN=portal user"), "application/pkcs10");
        assertThat(pem.statusCode()).isEqualTo(201);
        assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----");
        SimTls.Client portalUser = new SimTls.Client(sim, kp, SimTls.parseCert(pem.body()));
        assertThat(portalUser.login(key, c.get("api_secret").getAsString()).statusCode()).isEqualTo(200);
        assertProblem(anonymous.send("POST", "/portal/mtls?api_key=unknown", SimTls.csr(kp, "CN=x"), "text/plain"),
                404, "No credential set");
    }

    /**
     * Pinned to TLS 1.2, a rejected client certificate fails the client's handshake itself. (Under TLS 1.3 the client
     * has finished when the server judges the certificate; see {@link SimulatorTlsTest}.)
     */
    @Test
    void expiredClientCertificateFailsTheTls12Handshake() throws Exception {
        try (AtlasSimulator tls12 = AtlasSimulator.start(SimulatorConfig.defaults().clock(clock)
                .tlsProtocols("TLSv1.2"))) {
            SimAccount carol = tls12.createAccount(10);
            KeyPair kp = SimTls.ec();
            Instant now = clock.instant();
            X509Certificate expired = SimTls.parseCert(tls12.issueMtlsCertificate(carol.apiKey(),
                    SimTls.csr(kp, "CN=expired"), now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
            SimTls.Client c = new SimTls.Client(tls12, kp, expired);
            assertThatThrownBy(() -> c.login(carol)).isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(messages(e)).contains("SSLHandshakeException"));
            assertThat(tls12.requests()).isEmpty(); // rejected before any HTTP request was read
        }
    }

    @Test
    void untrustedClientCertificateFailsTheTls12Handshake() throws Exception {
        try (AtlasSimulator tls12 = AtlasSimulator.start(SimulatorConfig.defaults().clock(clock)
                .tlsProtocols("TLSv1.2"))) {
            KeyPair kp = SimTls.ec();
            SimTls.Client c = new SimTls.Client(tls12, kp, SimTls.selfSignedClientCert(kp));
            assertThatThrownBy(() -> c.login(alice)).isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(messages(e)).contains("SSLHandshakeException"));
            assertThat(tls12.requests()).isEmpty();
        }
    }

    static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause()) {
            sb.append(x.getClass().getSimpleName()).append(": ").append(x.getMessage()).append(" / ");
        }
        return sb.toString();
    }

    @Test
    void tokenExpiresAfterTenMinutesOnTheClock() throws Exception {
        assertThat(aliceClient.login(alice).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(aliceClient.get("/quotas/issuance").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertProblem(aliceClient.get("/quotas/issuance"), 401, "expired");
        assertThat(aliceClient.login(alice).statusCode()).isEqualTo(200);
        assertThat(aliceClient.get("/quotas/issuance").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownMissingAndRevokedTokensAre401() throws Exception {
        aliceClient.token = "not-a-token";
        assertProblem(aliceClient.get("/validationpolicy"), 401, "Unauthorized");
        aliceClient.token = null;
        assertProblem(aliceClient.get("/validationpolicy"), 401, "Unauthorized");
        assertThat(aliceClient.login(alice).statusCode()).isEqualTo(200);
        sim.faults().revokeAllTokens();
        assertProblem(aliceClient.get("/validationpolicy"), 401, "Unauthorized");
    }

    @Test
    void wrongContentTypeIs415AndCaseAndSpacesAreTolerated() throws Exception {
        String body = "{\"api_key\":\"" + alice.apiKey() + "\",\"api_secret\":\"" + alice.apiSecret() + "\"}";
        assertProblem(aliceClient.send("POST", "/login", body, "text/plain"), 415, "Bad Content-Type");
        assertProblem(aliceClient.send("POST", "/login", body, "application/json"), 415, "Bad Content-Type");
        assertProblem(aliceClient.send("POST", "/login", body, "application/json;charset=iso-8859-1"), 415,
                "Bad Content-Type");
        assertThat(aliceClient.send("POST", "/login", body, "application/json; charset=UTF-8").statusCode())
                .isEqualTo(200);
        assertThat(aliceClient.send("POST", "/login", body, "Application/JSON;Charset=utf-8").statusCode())
                .isEqualTo(200);
    }

    @Test
    void badJsonIs400() throws Exception {
        assertProblem(aliceClient.send("POST", "/login", "{\"api_key\": "), 400, "not valid JSON");
        assertProblem(aliceClient.send("POST", "/login", "{api_key: 'x', api_secret: 'y'}"), 400, "not valid JSON");
        assertProblem(aliceClient.send("POST", "/login", "[1,2]"), 400, "JSON object");
        assertProblem(aliceClient.send("POST", "/login", "{} {}"), 400, "");
    }

    @Test
    void bodyWithoutContentLengthIs411() throws Exception {
        try (SSLSocket s = (SSLSocket) SimTls.context(sim, aliceKey, aliceCert).getSocketFactory()
                .createSocket("127.0.0.1", sim.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v2/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json;charset=utf-8\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertThat(status).startsWith("HTTP/1.1 411");
            StringBuilder rest = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString().toLowerCase()).contains("content-type: application/problem+json;charset=utf-8");
            assertThat(rest.toString()).contains("\"description\":\"Content-Length required\"");
        }
    }

    @Test
    void injectedRateLimitAndBusyAnswerWithProblemBodiesThenRecover() throws Exception {
        assertThat(aliceClient.login(alice).statusCode()).isEqualTo(200);
        sim.faults().rateLimitNext(2, "/claims").busyNext(1, "/quotas");
        assertThat(aliceClient.get("/validationpolicy").statusCode()).isEqualTo(200); // other prefix untouched
        assertProblem(aliceClient.get("/claims/domains"), 429, "Rate Limit Reached");
        assertProblem(aliceClient.get("/claims/domains"), 429, "Rate Limit Reached");
        assertThat(aliceClient.get("/claims/domains").statusCode()).isEqualTo(200);
        HttpResponse<String> busy = aliceClient.get("/quotas/issuance");
        assertProblem(busy, 503, "Service busy, please retry later");
        assertThat(aliceClient.get("/quotas/issuance").statusCode()).isEqualTo(200);
        sim.faults().busyNext(1);
        assertProblem(aliceClient.login(alice), 503, "Service busy");
    }

    @Test
    void slowResponsesAreDelayed() throws Exception {
        sim.faults().delayResponses(Duration.ofMillis(1500));
        var http = java.net.http.HttpClient.newBuilder().sslContext(SimTls.context(sim, aliceKey, aliceCert)).build();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "/trustchain"))
                .timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> http.send(req, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    @Test
    void requestLogRecordsMethodPathStatusAndNoAuthorization() throws Exception {
        sim.clearRequests();
        aliceClient.login(alice);
        aliceClient.get("/quotas/issuance");
        var log = sim.requests();
        assertThat(log).extracting(RecordedRequest::method, RecordedRequest::path, RecordedRequest::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/v2/login", 200),
                        org.assertj.core.groups.Tuple.tuple("GET", "/v2/quotas/issuance", 200));
        assertThat(log.get(1).headers()).doesNotContainKey("authorization");
        assertThat(log.get(0).header("Content-Type")).isEqualTo("application/json;charset=utf-8");
        assertThat(log.get(0).clientSerial()).isEqualTo(SimPki.serialHex(aliceCert.getSerialNumber()));
    }
}
