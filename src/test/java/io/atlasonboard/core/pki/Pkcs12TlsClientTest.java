package io.atlasonboard.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The PKCS#12 we write works as a TLS client identity against a real {@code openssl s_server -Verify 1
 * -verify_return_error} on loopback that only trusts the test CA.
 */
class Pkcs12TlsClientTest {
    private static Process server;
    private static int port;
    private static Path serverLog;
    private static X509Certificate leaf;

    @BeforeAll
    static void startServer() throws Exception {
        Path dir = TestPki.dir();
        leaf = TestPki.cert(TestPki.signWithCa("tlsclient", TestPki.csrPem(TestPki.key()), "clientAuth"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        serverLog = Files.createTempFile(dir, "s_server", ".log");
        server = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-www",
                "-cert", dir.resolve("server.pem").toString(), "-key", dir.resolve("server.key").toString(),
                "-CAfile", dir.resolve("ca.pem").toString(), "-Verify", "1", "-verify_return_error")
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(serverLog).contains("ACCEPT")) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("openssl s_server did not start:\n" + Files.readString(serverLog));
            }
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(Pkcs12Profile.class)
    void clientAuthenticatesWithTheKeystore(Pkcs12Profile profile) throws Exception {
        char[] pw = Passwords.generate();
        byte[] p12 = Pkcs12.write(TestPki.key().getPrivate(), List.of(leaf, TestPki.caCert()), pw, "client", profile);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(p12), pw);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        String page = get(kmf);
        assertThat(page).startsWith("HTTP/1.0 200 ok");
        // s_server's -www page prints the client certificate it received and verified
        assertThat(page).contains("Client certificate");
        assertThat(page).contains(Pem.write(leaf).strip());
    }

    @Test
    void withoutTheClientIdentityTheServerRefuses() {
        assertThatThrownBy(() -> get(null)).isInstanceOf(IOException.class)
                .hasMessageMatching("(?s).*(certificate_required|bad_certificate|handshake_failure).*");
    }

    private static String get(KeyManagerFactory kmf) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", TestPki.caCert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
