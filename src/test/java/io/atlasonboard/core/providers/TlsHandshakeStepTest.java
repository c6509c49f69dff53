package io.atlasonboard.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.atlas.AtlasFixture;
import io.atlasonboard.core.atlas.TestPki;
import io.atlasonboard.core.tasks.ProgressSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The connection test's handshake step against real {@code openssl s_server -tls1_3} and {@code -tls1_2} on loopback
 * that require a client certificate from the test client CA: accepted, rejected, and none sent. Under TLS 1.3 the
 * step ends on the server's first post-handshake record (its session ticket) instead of waiting out a read timeout.
 */
class TlsHandshakeStepTest {

    @TempDir
    static Path dir;
    static AtlasFixture fx;
    static Process tls13;
    static Process tls12;
    static int port13;
    static int port12;

    @BeforeAll
    static void start() throws Exception {
        fx = AtlasFixture.get();
        Path cert = Files.writeString(dir.resolve("server.pem"), TestPki.pem(fx.serverCert));
        Path key = Files.writeString(dir.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(fx.serverKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Path ca = Files.writeString(dir.resolve("client-ca.pem"), TestPki.pem(fx.clientCa.cert()));
        port13 = freePort();
        tls13 = sServer("-tls1_3", port13, cert, key, ca);
        port12 = freePort();
        tls12 = sServer("-tls1_2", port12, cert, key, ca);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : new Process[] {tls13, tls12}) {
            if (p != null) {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Process sServer(String version, int port, Path cert, Path key, Path ca) throws Exception {
        Path log = dir.resolve("s_server" + version + ".log");
        Process p = new ProcessBuilder("openssl", "s_server", version, "-accept", "127.0.0.1:" + port, "-www",
                "-cert", cert.toString(), "-key", key.toString(), "-CAfile", ca.toString(), "-Verify", "1",
                "-verify_return_error").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(log).contains("ACCEPT")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("openssl s_server " + version + " did not start:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return p;
    }

    private static ConnectionReport run(int port, byte[] p12) {
        AtlasConnectionConfig cfg = fx.config("https://127.0.0.1:" + port + "/v2", p12,
                new AtlasFixture.RecordingSleeper()).maxRetries(0).build();
        return ConnectionTester.test(cfg, AtlasFixture.KEY_A, AtlasFixture.SECRET_A.toCharArray(), ProgressSink.NONE,
                ConnectionListener.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.3", "1.2"})
    void acceptedCertificatePassesTheHandshakeStep(String version) {
        ConnectionReport r = run(version.equals("1.3") ? port13 : port12, fx.p12A);
        // s_server is no HVCA API: the test goes on to the login and fails there, after the handshake
        assertThat(r.failedStep()).as(r.toText()).isNotEqualTo(ConnectionTester.STEP_TLS)
                .isEqualTo(ConnectionTester.STEP_LOGIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.3", "1.2"})
    void foreignCertificateAndNoCertificateAreRejectedInTheHandshakeStep(String version) {
        int port = version.equals("1.3") ? port13 : port12;
        ConnectionReport rogue = run(port, fx.p12Rogue);
        assertThat(rogue.failedStep()).as(rogue.toText()).isEqualTo(ConnectionTester.STEP_TLS);
        assertThat(rogue.code()).as(rogue.toText()).isEqualTo(Diagnosis.CLIENT_CERT_REJECTED);
        ConnectionReport none = run(port, null);
        assertThat(none.failedStep()).as(none.toText()).isEqualTo(ConnectionTester.STEP_TLS);
        assertThat(none.code()).as(none.toText()).isEqualTo(Diagnosis.CLIENT_CERT_REJECTED);
    }

    @org.junit.jupiter.api.Test
    void afterATls13HandshakeTheWatchEndsTheReadOnTheSessionTicket() throws Exception {
        KeyStore ks = TestPki.keyStore(fx.clientKey.getPrivate(), AtlasFixture.P12_PASSWORD, fx.clientA,
                fx.clientCa.cert());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, AtlasFixture.P12_PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", fx.serverCa.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        try (PostHandshakeWatch raw = new PostHandshakeWatch()) {
            raw.connect(new InetSocketAddress("127.0.0.1", port13), 5000);
            SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "127.0.0.1", port13, true);
            ssl.setSSLParameters(ssl.getSSLParameters());
            ssl.startHandshake();
            assertThat(ssl.getSession().getProtocol()).isEqualTo("TLSv1.3");
            raw.watchFromNow();
            ssl.setSoTimeout(60_000); // a plain timeout would be another exception type: this one is the watch's
            assertThatThrownBy(() -> ssl.getInputStream().read()).isInstanceOf(PostHandshakeWatch.RecordSeen.class);
            ssl.close();
        }
        assertThat(List.of(port13, port12)).doesNotHaveDuplicates();
    }
}
