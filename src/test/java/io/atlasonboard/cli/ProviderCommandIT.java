package io.atlasonboard.cli;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.sim.AtlasSimulator;
import io.atlasonboard.sim.SimAccount;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.testing.ProcessRun;
import io.atlasonboard.testing.TinyProxy;

/** {@code provider add/list/test/delete} run as the product jar against a simulator (and a tinyproxy) on loopback. */
class ProviderCommandIT {
    private static final String KS_PASSWORD = "ks-pass-XYZ-123";
    private static final String PASSPHRASE = "correct horse battery staple 42";
    private static AtlasSimulator sim;
    private static SimAccount account;

    @TempDir
    static Path dir;
    static Path home;
    static Path passphrase;
    static Path secretFile;
    static Path wrongSecretFile;
    static Path ksPasswordFile;
    static Path keystore;
    static Path serverCa;

    @BeforeAll
    static void setUp() throws Exception {
        sim = AtlasSimulator.start(SimulatorConfig.defaults());
        account = sim.createAccount(1000);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair key = g.generateKeyPair();
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=cli-test"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(csr);
        }
        String certPem = sim.issueMtlsCertificate(account.apiKey(), w.toString(), Duration.ofDays(30));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("mtls", key.getPrivate(), KS_PASSWORD.toCharArray(), new X509Certificate[] {cert});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ks.store(bytes, KS_PASSWORD.toCharArray());
        home = dir.resolve("home");
        keystore = write("mtls.p12", bytes.toByteArray());
        passphrase = write("passphrase.txt", (PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8));
        secretFile = write("secret.txt", (account.apiSecret() + "\n").getBytes(StandardCharsets.UTF_8));
        wrongSecretFile = write("wrong-secret.txt", "not-the-secret\n".getBytes(StandardCharsets.UTF_8));
        ksPasswordFile = write("kspw.txt", (KS_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        serverCa = write("server-ca.pem", sim.serverCaPem().getBytes(StandardCharsets.US_ASCII));
    }

    @AfterAll
    static void tearDown() {
        if (sim != null) {
            sim.close();
        }
    }

    private static Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static ProcessRun atlas(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--passphrase-file",
                passphrase.toString()));
        all.addAll(List.of(args));
        ProcessRun r = ProcessRun.atlas(all.toArray(new String[0]));
        Secrets.assertAbsent(r.out + r.err, "CLI output of " + args[0] + " " + (args.length > 1 ? args[1] : ""),
                account.apiSecret(), KS_PASSWORD, PASSPHRASE);
        return r;
    }

    private static List<String> add(String name, Path secret, String... extra) {
        List<String> a = new ArrayList<>(List.of("provider", "add", "--name", name, "--api-url", sim.baseUrl() + "/",
                "--use", "TLS", "--api-key", account.apiKey(), "--api-secret-file", secret.toString(),
                "--keystore", keystore.toString(), "--keystore-password-file", ksPasswordFile.toString(),
                "--trust-pem", serverCa.toString(), "--sandbox"));
        a.addAll(List.of(extra));
        return a;
    }

    /**
     * One store, one sequence (each jar run unlocks the store with Argon2id, so runs are shared where they can be):
     * only {@code provider add} creates a store; good and bad providers; list, test, delete; a wrong passphrase.
     */
    @Test
    void addListTestDeleteWithGoodAndBadProviders() throws Exception {
        Path fresh = dir.resolve("no-store-yet");
        ProcessRun noStore = ProcessRun.atlas("--home", fresh.toString(), "--passphrase-file", passphrase.toString(),
                "provider", "list");
        assertThat(noStore.exit).as(noStore.toString()).isEqualTo(1);
        assertThat(noStore.err).contains("There is no store in " + fresh).contains("provider add");
        assertThat(fresh).doesNotExist();

        ProcessRun good = atlas(add("Sandbox TLS", secretFile).toArray(new String[0]));
        assertThat(good.exit).as(good.toString()).isEqualTo(0);
        assertThat(good.out).contains("Saved provider 'Sandbox TLS'", "Connection Status: Good",
                "Remaining issuance quota: 1000", "Keys: RSA");

        ProcessRun bad = atlas(add("Wrong Secret", wrongSecretFile).toArray(new String[0]));
        assertThat(bad.exit).as(bad.toString()).isEqualTo(1);
        assertThat(bad.out).contains("Connection Status: Bad", "Step: Login",
                "Reason: The API key or API secret was refused");

        ProcessRun list = atlas("provider", "list");
        assertThat(list.exit).as(list.toString()).isEqualTo(0);
        assertThat(list.out).containsPattern("Sandbox TLS \\[SANDBOX\\]\\s+TLS\\s+Good")
                .containsPattern("Wrong Secret \\[SANDBOX\\]\\s+TLS\\s+Bad");

        ProcessRun test = atlas("provider", "test", "Sandbox TLS");
        assertThat(test.exit).as(test.toString()).isEqualTo(0);
        assertThat(test.out).startsWith("Connection Status: Good");

        ProcessRun testBad = atlas("provider", "test", "wrong secret");
        assertThat(testBad.exit).as(testBad.toString()).isEqualTo(1);
        assertThat(testBad.out).contains("Connection Status: Bad", "Step: Login", "Reason: ");

        ProcessRun del = atlas("provider", "delete", "Wrong Secret");
        assertThat(del.exit).as(del.toString()).isEqualTo(0);
        assertThat(atlas("provider", "list").out).doesNotContain("Wrong Secret").contains("Sandbox TLS");

        assertNoSecretOnDisk();

        Path wrong = write("wrong-passphrase.txt", "a different passphrase 99\n".getBytes(StandardCharsets.UTF_8));
        ProcessRun r = ProcessRun.atlas("--home", home.toString(), "--passphrase-file", wrong.toString(),
                "provider", "list");
        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        assertThat(r.err).startsWith("Error: ").contains("The passphrase is not correct");
    }

    /**
     * The API key from a file and the API secret from standard input ({@code -}): nothing secret on the command line,
     * and neither the secret nor the key file's content is echoed to stdout or stderr.
     */
    @Test
    void apiKeyFromAFileAndApiSecretFromStandardInput() throws Exception {
        Path keyFile = write("api-key.txt", (account.apiKey() + "\n").getBytes(StandardCharsets.UTF_8));
        Path stdinHome = dir.resolve("home-stdin");
        List<String> args = new ArrayList<>(List.of("--home", stdinHome.toString(), "--passphrase-file",
                passphrase.toString(), "provider", "add", "--name", "From Stdin", "--api-url", sim.baseUrl() + "/",
                "--use", "TLS", "--api-key-file", keyFile.toString(), "--api-secret-file", "-",
                "--keystore", keystore.toString(), "--keystore-password-file", ksPasswordFile.toString(),
                "--trust-pem", serverCa.toString(), "--sandbox"));
        assertThat(String.join(" ", args)).doesNotContain(account.apiSecret()).doesNotContain(account.apiKey());
        ProcessRun r = atlasWithStdin(account.apiSecret() + "\n", args);
        Secrets.assertAbsent(r.out + r.err, "provider add with the secret on stdin", account.apiSecret(), KS_PASSWORD,
                PASSPHRASE);
        assertThat(r.exit).as(r.toString()).isEqualTo(0);
        assertThat(r.out).contains("Saved provider 'From Stdin'", "Connection Status: Good");

        List<String> neither = new ArrayList<>(args);
        int i = neither.indexOf("--api-key-file");
        neither.remove(i + 1);
        neither.remove(i);
        ProcessRun none = atlasWithStdin(account.apiSecret() + "\n", neither);
        assertThat(none.exit).as(none.toString()).isEqualTo(1);
        assertThat(none.err).contains("--api-key-file");
        Secrets.assertAbsent(none.out + none.err, "provider add without a key", account.apiSecret());

        Path emptyKey = write("empty-key.txt", new byte[0]);
        List<String> empty = new ArrayList<>(args);
        empty.set(empty.indexOf(keyFile.toString()), emptyKey.toString());
        empty.set(empty.indexOf("From Stdin"), "Empty Key");
        ProcessRun e = atlasWithStdin(account.apiSecret() + "\n", empty);
        assertThat(e.exit).as(e.toString()).isEqualTo(1);
        assertThat(e.err).contains("API key (--api-key-file)", "is empty");
        Secrets.assertAbsent(e.out + e.err, "provider add with an empty key file", account.apiSecret());
    }

    private static ProcessRun atlasWithStdin(String stdin, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                System.getProperty("atlas.test.jar", "target/atlas-onboard.jar")));
        cmd.addAll(args);
        return ProcessRun.of(cmd, java.util.Map.of(), stdin, 180);
    }

    @Test
    void addThroughTinyproxyWithBasicAuthentication() throws Exception {
        Path proxyPw = write("proxy-pw.txt", "proxy-Pw-77\n".getBytes(StandardCharsets.UTF_8));
        Path wrongProxyPw = write("proxy-pw-wrong.txt", "nope-nope\n".getBytes(StandardCharsets.UTF_8));
        try (TinyProxy proxy = TinyProxy.start("cliuser", "proxy-Pw-77")) {
            ProcessRun r = atlas(add("Via Proxy", secretFile, "--proxy", proxy.host() + ":" + proxy.port(),
                    "--proxy-user", "cliuser", "--proxy-password-file", proxyPw.toString()).toArray(new String[0]));
            assertThat(r.exit).as(r.toString()).isEqualTo(0);
            assertThat(r.out).contains("Connection Status: Good");
            assertThat(proxy.log()).contains("CONNECT 127.0.0.1:" + sim.port());
            Secrets.assertAbsent(r.out + r.err, "CLI output of provider add via proxy", "proxy-Pw-77");

            ProcessRun w = atlas(add("Via Proxy Wrong", secretFile, "--proxy", proxy.host() + ":" + proxy.port(),
                    "--proxy-user", "cliuser", "--proxy-password-file", wrongProxyPw.toString())
                    .toArray(new String[0]));
            assertThat(w.exit).as(w.toString()).isEqualTo(1);
            assertThat(w.out).contains("Connection Status: Bad", "Reason: The proxy");
        }
        assertNoSecretOnDisk("proxy-Pw-77");
    }

    /**
     * Why Launcher re-enables Basic for tunnels: with the JDK default ({@code disabledSchemes=Basic}, set explicitly
     * here through JAVA_TOOL_OPTIONS, which Launcher respects) java.net.http strips the proxy credentials from its
     * CONNECT and the same provider fails; the diagnosis names the setting.
     */
    @Test
    void withTheJdkDefaultBasicProxyAuthForTunnelsIsRefusedAndTheDiagnosisSaysWhy() throws Exception {
        Path proxyPw = write("proxy-pw2.txt", "proxy-Pw-78\n".getBytes(StandardCharsets.UTF_8));
        try (TinyProxy proxy = TinyProxy.start("cliuser", "proxy-Pw-78")) {
            List<String> args = new ArrayList<>(List.of("--home", dir.resolve("home-jdk-default").toString(),
                    "--passphrase-file", passphrase.toString()));
            args.addAll(add("JDK default", secretFile, "--proxy", proxy.host() + ":" + proxy.port(),
                    "--proxy-user", "cliuser", "--proxy-password-file", proxyPw.toString()));
            ProcessRun r = ProcessRun.atlas(java.util.Map.of("JAVA_TOOL_OPTIONS",
                    "-Djdk.http.auth.tunneling.disabledSchemes=Basic"), args.toArray(new String[0]));
            assertThat(r.exit).as(r.toString()).isEqualTo(1);
            assertThat(r.out).contains("Connection Status: Bad", "Step: Login",
                    "jdk.http.auth.tunneling.disabledSchemes");
        }
    }

    private static void assertNoSecretOnDisk(String... more) throws IOException {
        List<String> secrets = new ArrayList<>(List.of(account.apiSecret(), KS_PASSWORD, PASSPHRASE));
        secrets.addAll(List.of(more));
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                for (String s : secrets) {
                    assertThat(indexOf(content, s.getBytes(StandardCharsets.UTF_8)))
                            .as("a secret in clear text in " + f.getFileName()).isEqualTo(-1);
                    assertThat(indexOf(content, s.getBytes(StandardCharsets.UTF_16BE)))
                            .as("a secret (UTF-16) in " + f.getFileName()).isEqualTo(-1);
                }
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
