package io.atlasonboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.pki.CsrRequest;
import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.sim.AtlasSimulator;
import io.atlasonboard.sim.SimAccount;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.testing.ProcessRun;
import io.atlasonboard.testing.Secrets;

/** {@code provider add} without {@code --api-url} takes the administrator's preset URL (ATLAS_ONBOARD_PRESETS). */
class PresetsCliIT {
    private static final String KS_PASSWORD = "presets-ks-pass-77";
    private static final String PASSPHRASE = "presets passphrase for the it 9";
    private static AtlasSimulator sim;
    private static SimAccount account;

    @TempDir
    static Path dir;
    static Path keystore;
    static Path passphrase;
    static Path secretFile;
    static Path ksPasswordFile;
    static Path serverCa;

    @BeforeAll
    static void setUp() throws Exception {
        sim = AtlasSimulator.start(SimulatorConfig.defaults());
        account = sim.createAccount(100);
        KeyPair kp = Csrs.generateKey(2048);
        String csr = Csrs.toPem(Csrs.create(kp, new CsrRequest("presets.atlas.test", "DE", "Presets Test", List.of())));
        String certPem = sim.issueMtlsCertificate(account.apiKey(), csr, Duration.ofDays(30));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)));
        keystore = Files.write(dir.resolve("mtls.p12"), Pkcs12.write(kp.getPrivate(), List.of(cert),
                KS_PASSWORD.toCharArray(), "mtls", Pkcs12Profile.MODERN));
        passphrase = Files.writeString(dir.resolve("pass.txt"), PASSPHRASE + "\n");
        secretFile = Files.writeString(dir.resolve("secret.txt"), account.apiSecret() + "\n");
        ksPasswordFile = Files.writeString(dir.resolve("kspw.txt"), KS_PASSWORD + "\n");
        serverCa = Files.writeString(dir.resolve("server-ca.pem"), sim.serverCaPem());
    }

    @AfterAll
    static void tearDown() {
        if (sim != null) {
            sim.close();
        }
    }

    private static ProcessRun atlas(Path presets, Path home, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--passphrase-file",
                passphrase.toString()));
        all.addAll(List.of(args));
        ProcessRun r = ProcessRun.atlas(Map.of("ATLAS_ONBOARD_PRESETS", presets.toString()),
                all.toArray(new String[0]));
        Secrets.assertAbsent(r.out + r.err, "CLI output", account.apiSecret(), KS_PASSWORD, PASSPHRASE);
        return r;
    }

    private static List<String> addWithoutUrl(String name, String... extra) {
        List<String> a = new ArrayList<>(List.of("provider", "add", "--name", name, "--use", "TLS",
                "--api-key", account.apiKey(), "--api-secret-file", secretFile.toString(),
                "--keystore", keystore.toString(), "--keystore-password-file", ksPasswordFile.toString(),
                "--trust-pem", serverCa.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void providerAddWithoutApiUrlStoresThePresetUrl() throws Exception {
        // the preset is the simulator's base URL without /v2: it is normalised like --api-url
        Path presets = Files.writeString(dir.resolve("good.properties"),
                "# test presets\napi.url=" + sim.baseUrl().replaceAll("/v2$", "") + "\nlock.api.url=true\n");
        Path home = dir.resolve("home-good");
        ProcessRun add = atlas(presets, home, addWithoutUrl("Preset GS").toArray(new String[0]));
        assertThat(add.exit).as(add.toString()).isZero();
        assertThat(add.out).contains("Connection Status: Good");
        assertThat(add.err).doesNotContain("presets");
        ProcessRun list = atlas(presets, home, "provider", "list");
        assertThat(list.exit).as(list.toString()).isZero();
        assertThat(list.out).contains("Preset GS").contains(sim.baseUrl());

        // the help names the preset as the default
        ProcessRun help = atlas(presets, home, "provider", "add", "--help");
        assertThat(help.out.replaceAll("\\s+", "")).contains("(default:api.urloftheadministrator'spresets,else"
                + AtlasConnectionConfig.DEFAULT_API_URL + ")");
    }

    @Test
    void malformedPresetsAreReportedAndTheBuiltInDefaultIsStored() throws Exception {
        Path presets = Files.writeString(dir.resolve("bad.properties"),
                "api.url=" + sim.baseUrl() + "\nproxy.port=3128x\n");
        Path home = dir.resolve("home-bad");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        // the built-in URL is GlobalSign's: a proxy on a closed loopback port keeps the connection test local
        ProcessRun add = atlas(presets, home, addWithoutUrl("Default GS", "--proxy", "127.0.0.1:" + closedPort)
                .toArray(new String[0]));
        assertThat(add.err).contains("Warning: The administrator's presets in " + presets
                + " are ignored, built-in defaults apply: line 2 (proxy.port): expected a port number from 1 to "
                + "65535, e.g. 3128.");
        assertThat(add.out).as(add.toString()).contains("Saved provider 'Default GS'").contains("Bad");
        assertThat(add.exit).isEqualTo(1);
        ProcessRun list = atlas(presets, home, "provider", "list");
        assertThat(list.out).as(list.toString()).contains("Default GS")
                .contains(AtlasConnectionConfig.DEFAULT_API_URL).doesNotContain(sim.baseUrl());
    }
}
