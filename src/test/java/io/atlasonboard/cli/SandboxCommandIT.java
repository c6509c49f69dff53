package io.atlasonboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.testing.ProcessRun;

/** {@code sandbox} as a user runs it: the product jar as a process, then a real mTLS client against it. */
class SandboxCommandIT {
    @TempDir
    Path dir;

    @Test
    void startsWritesFilesPrintsTheUrlAcceptsALoginAndStopsCleanly() throws Exception {
        String jar = System.getProperty("atlas.test.jar", "target/atlas-onboard.jar");
        assertThat(Path.of(jar)).as("product jar (built by mvn package)").isRegularFile();
        // output to a file: Process.destroy() closes the parent's pipe ends, which would lose the shutdown lines
        Path log = Files.createTempFile("sandbox", ".out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-jar", jar, "sandbox", "--port", "0", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        List<String> lines = new ArrayList<>();
        try {
            String baseUrl = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Pattern url = Pattern.compile("Base URL:\\s+(https://127\\.0\\.0\\.1:\\d+/v2)");
            // the banner is printed line by line: wait for its last line, or a snapshot may end after "Base URL"
            while (System.nanoTime() < deadline && p.isAlive()
                    && lines.stream().noneMatch(l -> l.startsWith("Running until stopped"))) {
                Thread.sleep(100);
                lines = Files.readAllLines(log);
            }
            for (String l : lines) {
                Matcher m = url.matcher(l);
                if (m.find()) {
                    baseUrl = m.group(1);
                }
            }
            assertThat(baseUrl).as("base URL printed; output so far: %s", lines).isNotNull();
            assertThat(lines).contains("SANDBOX (simulated GlobalSign, not a real CA)");

            Path csv = dir.resolve("credentials.csv");
            Path ca = dir.resolve("server-ca.pem");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv))).isEqualTo("rw-------");
            List<String> rows = Files.readAllLines(csv);
            assertThat(rows.size()).as("lines in credentials.csv (content not printed: it holds the secret)")
                    .isEqualTo(2);
            assertThat(rows.get(0)).isEqualTo("api_key,api_secret");
            String[] cred = rows.get(1).split(",");
            assertThat(cred.length).as("fields in the credentials row").isEqualTo(2);
            assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");

            // the portal issues an mTLS certificate for our CSR; then login over mTLS with the written credentials
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            String csr = pem(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=sandbox it"), kp.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
            X509Certificate caCert = cert(Files.readString(ca));
            HttpClient anonymous = HttpClient.newBuilder().sslContext(ssl(caCert, null, null)).build();
            String portal = baseUrl.replace("/v2", "/portal");
            HttpResponse<String> mtls = anonymous.send(HttpRequest.newBuilder(URI.create(portal + "/mtls?api_key=" + cred[0]))
                    .POST(HttpRequest.BodyPublishers.ofString(csr)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(mtls.statusCode()).isEqualTo(201);
            HttpClient client = HttpClient.newBuilder().sslContext(ssl(caCert, kp, cert(mtls.body()))).build();
            String login = "{\"api_key\":\"" + cred[0] + "\",\"api_secret\":\"" + cred[1] + "\"}";
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                    .header("Content-Type", "application/json;charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(login)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("access_token");

            // the sandbox's own DNS server: printed, serves what the portal publishes, seen by dig and dns check
            String dnsLine = lines.stream().filter(l -> l.startsWith("DNS server:")).findFirst().orElse(null);
            assertThat(dnsLine).as("DNS server line; output: %s", lines).isNotNull();
            Matcher dm = Pattern.compile("DNS server:\\s+(127\\.0\\.0\\.1):(\\d+)").matcher(dnsLine);
            assertThat(dm.find()).as(dnsLine).isTrue();
            String dnsPort = dm.group(2);
            assertThat(lines).contains("               dns check DOMAIN --expect TOKEN --bootstrap 127.0.0.1:"
                    + dnsPort + " --auth-port " + dnsPort, "               dns check --provider NAME DOMAIN "
                    + "--bootstrap 127.0.0.1:" + dnsPort + " --auth-port " + dnsPort);
            String value = "_globalsign-domain-verification=sandboxit0123456789abcdef";
            HttpResponse<String> pub = anonymous.send(HttpRequest.newBuilder(URI.create(portal + "/sandbox-dns"))
                    .header("Content-Type", "application/json;charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"sandbox-it.example.com\",\"value\":\""
                            + value + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pub.statusCode()).as(pub.body()).isEqualTo(204);
            ProcessRun dig = ProcessRun.of("dig", "@127.0.0.1", "-p", dnsPort, "TXT", "sandbox-it.example.com");
            assertThat(dig.exit).as("dig must be installed: %s", dig).isZero();
            assertThat(dig.out).contains("status: NOERROR").contains("\"" + value + "\"");
            ProcessRun check = ProcessRun.atlas("dns", "check", "sandbox-it.example.com", "--expect", value,
                    "--bootstrap", "127.0.0.1:" + dnsPort, "--auth-port", dnsPort);
            assertThat(check.exit).as("%s", check).isZero();
            assertThat(check.out).contains("1/1").contains("ns1.sandbox.invalid.");
            ProcessRun wrong = ProcessRun.atlas("dns", "check", "sandbox-it.example.com", "--expect",
                    "_globalsign-domain-verification=another", "--bootstrap", "127.0.0.1:" + dnsPort,
                    "--auth-port", dnsPort);
            assertThat(wrong.exit).as("%s", wrong).isEqualTo(1);
            assertThat(wrong.out).contains("0/1");

            // a second sandbox on the same folder while this one runs is refused
            ProcessRun again = ProcessRun.atlas("sandbox", "--port", "0", "--dir", dir.toString());
            assertThat(again.exit).as("%s", again).isEqualTo(1);
            assertThat(again.err).contains("in use by a running sandbox");

            int port = URI.create(baseUrl).getPort();
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("sandbox stops on SIGTERM").isTrue();
            lines = Files.readAllLines(log);
            assertThat(lines).as("exit %s", p.exitValue()).contains("Sandbox stopped.");
            boolean refused;
            try (Socket s = new Socket("127.0.0.1", port)) {
                refused = false;
            } catch (ConnectException e) {
                refused = true;
            }
            assertThat(refused).as("port closed after stop").isTrue();
            ProcessRun digAfter = ProcessRun.of("dig", "@127.0.0.1", "-p", dnsPort, "+tcp", "+tries=1", "+time=1",
                    "TXT", "sandbox-it.example.com");
            assertThat(digAfter.out).doesNotContain(value);

            // started again on the same folder and port it continues: same credentials and mTLS certificate log in
            Path log2 = Files.createTempFile("sandbox2", ".out");
            Process p2 = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.awt.headless=true", "-jar", jar, "sandbox", "--port", Integer.toString(port), "--dir",
                    dir.toString()).redirectErrorStream(true).redirectOutput(log2.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            try {
                List<String> lines2 = List.of();
                long deadline2 = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline2 && p2.isAlive()
                        && lines2.stream().noneMatch(l -> l.startsWith("Running until stopped"))) {
                    Thread.sleep(100);
                    lines2 = Files.readAllLines(log2);
                }
                assertThat(lines2).as("output: %s", lines2).contains("Base URL:      " + baseUrl);
                assertThat(lines2.stream().anyMatch(l -> l.startsWith("Continuing the sandbox kept in"))).isTrue();
                assertThat(Files.readAllLines(csv)).isEqualTo(rows);
                HttpResponse<String> r2 = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                        .header("Content-Type", "application/json;charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(login)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r2.statusCode()).isEqualTo(200);
            } finally {
                p2.destroy();
                p2.waitFor(20, TimeUnit.SECONDS);
                p2.destroyForcibly();
                Files.deleteIfExists(log2);
            }
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    @Test
    void withDnsLagASecondNameServerSeesThePortalRecordLater() throws Exception {
        String jar = System.getProperty("atlas.test.jar", "target/atlas-onboard.jar");
        Path log = Files.createTempFile("sandbox-lag", ".out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-jar", jar, "sandbox", "--port", "0", "--dir", dir.toString(),
                "--dns-lag", "10")
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            List<String> lines = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && p.isAlive()
                    && lines.stream().noneMatch(l -> l.startsWith("Running until stopped"))) {
                Thread.sleep(100);
                lines = Files.readAllLines(log);
            }
            String all = String.join("\n", lines);
            Matcher dm = Pattern.compile("DNS server:\\s+127\\.0\\.0\\.1:(\\d+)").matcher(all);
            assertThat(dm.find()).as(all).isTrue();
            String dnsPort = dm.group(1);
            assertThat(all).contains("Second NS:     127.0.0.2:" + dnsPort);
            Matcher um = Pattern.compile("Portal:\\s+(https://\\S+/portal)").matcher(all);
            assertThat(um.find()).as(all).isTrue();

            HttpClient anonymous = HttpClient.newBuilder()
                    .sslContext(ssl(cert(Files.readString(dir.resolve("server-ca.pem"))), null, null)).build();
            String value = "_globalsign-domain-verification=lagit0123456789abcdef";
            HttpResponse<String> pub = anonymous.send(HttpRequest.newBuilder(URI.create(um.group(1) + "/sandbox-dns"))
                    .header("Content-Type", "application/json;charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"lag-it.example.com\",\"value\":\""
                            + value + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pub.statusCode()).as(pub.body()).isEqualTo(204);
            ProcessRun early = ProcessRun.atlas("dns", "check", "lag-it.example.com", "--expect", value,
                    "--bootstrap", "127.0.0.1:" + dnsPort, "--auth-port", dnsPort);
            assertThat(early.exit).as("%s", early).isEqualTo(1);
            assertThat(early.out).contains("1/2").contains("ns2.sandbox.invalid.");
            ProcessRun waited = ProcessRun.atlas("dns", "check", "lag-it.example.com", "--expect", value,
                    "--bootstrap", "127.0.0.1:" + dnsPort, "--auth-port", dnsPort, "--wait", "60",
                    "--interval", "1");
            assertThat(waited.exit).as("%s", waited).isZero();
            assertThat(waited.out).contains("2/2");
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    static String pem(Object o) throws Exception {
        java.io.StringWriter sw = new java.io.StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        }
        return sw.toString();
    }

    static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    static SSLContext ssl(X509Certificate ca, KeyPair kp, X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (kp != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("me", kp.getPrivate(), "pw".toCharArray(), new X509Certificate[] {cert});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "pw".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
