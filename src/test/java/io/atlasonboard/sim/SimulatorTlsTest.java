package io.atlasonboard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The listener's protocol behaviour as real clients meet it: TLS 1.3 by default, TLS 1.2 for a client that offers
 * only 1.2 (each with a full mTLS login), a rejected client certificate under TLS 1.3, keep-alive reuse and
 * TCP_NODELAY.
 */
class SimulatorTlsTest {
    static AtlasSimulator sim;
    static SimAccount account;
    static KeyPair key;
    static X509Certificate cert;

    @BeforeAll
    static void start() throws Exception {
        sim = AtlasSimulator.start(SimulatorConfig.defaults());
        account = sim.createAccount(10);
        key = SimTls.ec();
        cert = SimTls.parseCert(sim.issueMtlsCertificate(account.apiKey(), SimTls.csr(key, "CN=tls test"),
                Duration.ofDays(1)));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static HttpClient client(KeyPair k, X509Certificate c, String... protocols) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder().sslContext(SimTls.context(sim, k, c))
                .connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1);
        if (protocols.length > 0) {
            SSLParameters p = new SSLParameters();
            p.setProtocols(protocols);
            b.sslParameters(p);
        }
        return b.build();
    }

    static HttpResponse<String> login(HttpClient http) throws IOException, InterruptedException {
        String body = "{\"api_key\":\"" + account.apiKey() + "\",\"api_secret\":\"" + account.apiSecret() + "\"}";
        HttpRequest r = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/login")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tls13IsNegotiatedByDefaultAndTheMtlsLoginWorks() throws Exception {
        HttpResponse<String> r = login(client(key, cert));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.sslSession()).isPresent();
        assertThat(r.sslSession().get().getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void aClientOfferingOnlyTls12GetsTls12AndTheMtlsLoginWorks() throws Exception {
        HttpResponse<String> r = login(client(key, cert, "TLSv1.2"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.sslSession().get().getProtocol()).isEqualTo("TLSv1.2");
    }

    @Test
    void aServerPinnedToTls12RefusesATls13OnlyClient() throws Exception {
        try (AtlasSimulator tls12 = AtlasSimulator.start(SimulatorConfig.defaults().tlsProtocols("TLSv1.2"))) {
            HttpClient http = HttpClient.newBuilder().sslContext(SimTls.context(tls12, key, cert))
                    .sslParameters(new SSLParameters(null, new String[] {"TLSv1.3"})).build();
            HttpRequest r = HttpRequest.newBuilder(URI.create(tls12.baseUrl() + "/trustchain"))
                    .timeout(Duration.ofSeconds(20)).build();
            assertThatThrownBy(() -> http.send(r, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
            assertThat(tls12.requests()).isEmpty();
        }
    }

    /**
     * Under TLS 1.3 the client's handshake is complete before the server judges its certificate; the JDK's
     * HttpsServer then closes the connection without an alert, so the client's first read fails and the server never
     * reads an HTTP request. (The connection tester diagnoses this as a rejected client certificate.)
     */
    @Test
    void anUntrustedClientCertificateUnderTls13ClosesTheConnectionBeforeAnyRequest() throws Exception {
        KeyPair kp = SimTls.ec();
        int before = sim.requests().size();
        assertThatThrownBy(() -> login(client(kp, SimTls.selfSignedClientCert(kp))))
                .isInstanceOf(IOException.class);
        assertThat(sim.requests()).hasSize(before);
    }

    @Test
    void requestsFromOneClientShareOneKeptAliveConnection() throws Exception {
        HttpClient http = client(key, cert);
        sim.clearRequests();
        for (int i = 0; i < 5; i++) {
            assertThat(login(http).statusCode()).isEqualTo(200);
        }
        List<RecordedRequest> seen = sim.requests();
        assertThat(seen).hasSize(5);
        assertThat(seen.stream().map(RecordedRequest::clientPort).distinct()).hasSize(1);
        assertThat(seen.get(0).clientPort()).isPositive();
    }

    @Test
    void theServerIsSetUpWithoutNagleDelayAndWithLongIdleKeepAlive() {
        assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
        assertThat(Long.parseLong(System.getProperty("sun.net.httpserver.idleInterval")))
                .isGreaterThanOrEqualTo(AtlasSimulator.IDLE_SECONDS);
    }
}
