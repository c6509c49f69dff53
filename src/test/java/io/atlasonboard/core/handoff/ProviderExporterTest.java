package io.atlasonboard.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.ProcessRun;
import io.atlasonboard.testing.Secrets;
import io.atlasonboard.testing.SimProviderFixture;

/**
 * Every export format written from a provider stored against the real simulator, then parsed back independently of
 * the product (Gson, SnakeYAML, openssl), permissions and replacing checked, no secret outside files marked secret,
 * and the hvclient bundle driving curl (an HTTP client reading the same files) to a successful login.
 */
class ProviderExporterTest {
    @TempDir
    static Path dir;
    static SimProviderFixture fx;
    static ProviderExporter exporter;
    static String apiSecret;
    static String keystorePassword;

    @BeforeAll
    static void start() throws Exception {
        fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(), IntendedUse.TLS,
                "GS Export", dir);
        exporter = new ProviderExporter(fx.store().providers());
        char[] s = fx.store().providers().apiSecret(fx.provider.id());
        char[] k = fx.store().providers().keystorePassword(fx.provider.id());
        apiSecret = new String(s);
        keystorePassword = new String(k);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static ExportResult export(ExportOptions o) {
        return exporter.export(fx.provider.id(), o);
    }

    static void assertOwnerOnlyAndSecretsMarked(ExportResult r, String... moreSecrets) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(r.folder()))).isEqualTo("rwx------");
        List<String> names = new ArrayList<>();
        try (var s = Files.list(r.folder())) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(r.files().stream().map(ExportedFile::name).toList());
        JsonObject manifest = JsonParser.parseString(Files.readString(r.folder().resolve("MANIFEST.json")))
                .getAsJsonObject();
        assertThat(manifest.getAsJsonArray("files")).hasSize(r.files().size());
        for (var e : manifest.getAsJsonArray("files")) {
            String name = e.getAsJsonObject().get("name").getAsString();
            boolean secret = e.getAsJsonObject().get("secret").getAsBoolean();
            Path f = r.folder().resolve(name);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(name).isEqualTo("rw-------");
            if (!secret) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                List<String> all = new ArrayList<>(List.of(apiSecret, keystorePassword));
                all.addAll(List.of(moreSecrets));
                Secrets.assertAbsent(text, "non-secret file " + name, all.toArray(String[]::new));
                assertThat(text).as(name).doesNotContain("PRIVATE KEY");
            }
        }
    }

    static ProcessRun openssl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        ProcessRun r = ProcessRun.of(cmd);
        assertThat(r.exit).as("openssl " + String.join(" ", args) + "\n" + r.err).isZero();
        return r;
    }

    /** SHA-256 of the public key (DER) of a certificate and of a private key, by openssl. */
    static void assertKeyMatchesCert(Path cert, Path key, Path passFile) {
        String certPub = openssl("x509", "-in", cert.toString(), "-noout", "-pubkey").out;
        List<String> args = new ArrayList<>(List.of("pkey", "-in", key.toString(), "-pubout"));
        if (passFile != null) {
            args.addAll(List.of("-passin", "file:" + passFile));
        }
        String keyPub = openssl(args.toArray(String[]::new)).out;
        assertThat(keyPub).isEqualTo(certPub);
    }

    static Path write(Path p, String text) throws Exception {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    @Test
    void hvclientBundleParsesDecryptsWithOpensslAndLogsInWithCurl() throws Exception {
        ExportResult r = export(ExportOptions.of(ExportFormat.HVCLIENT, dir.resolve("hv")));
        JsonObject cfg = JsonParser.parseString(Files.readString(r.folder().resolve("hvclient.json")))
                .getAsJsonObject();
        assertThat(cfg.keySet()).containsExactly("url", "api_key", "api_secret", "cert_file", "key_file",
                "key_passphrase", "timeout");
        assertThat(cfg.get("url").getAsString()).isEqualTo(fx.provider.apiUrl());
        Secrets.assertSameSecret(apiSecret, cfg.get("api_secret").getAsString(), "api_secret");
        String pass = cfg.get("key_passphrase").getAsString();
        assertThat(pass.length()).isGreaterThanOrEqualTo(20);
        Path key = Path.of(cfg.get("key_file").getAsString());
        Path cert = Path.of(cfg.get("cert_file").getAsString());
        String keyPem = Files.readString(key);
        assertThat(keyPem).startsWith("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,");
        Path passFile = write(dir.resolve("hv-pass.txt"), pass);
        assertKeyMatchesCert(cert, key, passFile);
        // a wrong passphrase is refused by openssl (the key really is encrypted)
        Path wrong = write(dir.resolve("hv-wrong.txt"), "not-the-passphrase");
        assertThat(ProcessRun.of("openssl", "pkey", "-in", key.toString(), "-passin", "file:" + wrong, "-noout")
                .exit).isNotZero();
        assertOwnerOnlyAndSecretsMarked(r, pass);
        assertThat(r.files()).filteredOn(f -> f.name().equals("hvclient.json") || f.name().equals("key.pem"))
                .allMatch(ExportedFile::secret);
        assertThat(Files.readString(r.folder().resolve("README.txt"))).contains("SSL_CERT_FILE=");

        // curl reads the same files: certificate, encrypted key with the passphrase, server CA; POST /login works
        Path login = write(dir.resolve("login.json"), "{\"api_key\":\"" + cfg.get("api_key").getAsString()
                + "\",\"api_secret\":\"" + cfg.get("api_secret").getAsString() + "\"}");
        Path curlCfg = write(dir.resolve("curl.cfg"), "pass = \"" + pass + "\"\n");
        Path body = dir.resolve("login-answer.json");
        ProcessRun c = ProcessRun.of("curl", "-sS", "-K", curlCfg.toString(), "--cert", cert.toString(), "--key",
                key.toString(), "--cacert", r.folder().resolve("server-ca.pem").toString(), "-H",
                "Content-Type: application/json;charset=utf-8", "--data-binary", "@" + login, "-o", body.toString(),
                "-w", "%{http_code}", cfg.get("url").getAsString() + "/login");
        assertThat(c.exit).as(c.err).isZero();
        assertThat(c.out).isEqualTo("200");
        assertThat(JsonParser.parseString(Files.readString(body)).getAsJsonObject().has("access_token")).isTrue();
    }

    @Test
    void plainHvclientKeyIsReadWithoutPassphraseAndWarned() throws Exception {
        ExportResult r = export(new ExportOptions(ExportFormat.HVCLIENT, dir.resolve("hv-plain"), false, null, true,
                false, null, null, null));
        JsonObject cfg = JsonParser.parseString(Files.readString(r.folder().resolve("hvclient.json")))
                .getAsJsonObject();
        assertThat(cfg.get("key_passphrase").getAsString()).isEmpty();
        assertThat(Files.readString(r.folder().resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertKeyMatchesCert(r.folder().resolve("cert.pem"), r.folder().resolve("key.pem"), null);
        assertThat(r.warnings()).anyMatch(w -> w.contains("not encrypted"));
    }

    @Test
    void mtgClmKeystoreOpensWithItsPasswordFileAndSheetListsTheFormFieldsInOrder() throws Exception {
        ExportResult r = export(ExportOptions.of(ExportFormat.MTG_CLM, dir.resolve("mtg")));
        Path p12 = r.folder().resolve("client.p12");
        Path pw = r.folder().resolve("keystore-password.txt");
        Secrets.assertSameSecret(keystorePassword, Files.readString(pw), "keystore password file");
        Secrets.assertSameSecret(apiSecret, Files.readString(r.folder().resolve("api-secret.txt")), "API secret file");
        String info = openssl("pkcs12", "-in", p12.toString(), "-passin", "file:" + pw, "-info", "-noout").err;
        assertThat(info).contains("AES-256-CBC").contains("sha256");
        String html = Files.readString(r.folder().resolve("mtg-clm-sheet.html"));
        List<String> order = List.of(">Type<", ">GlobalSign<", ">Name<", ">GS Export<", ">API URL<", ">Intended use<",
                ">SSL/TLS<", ">API key<", fx.provider.apiKey(), ">Keystore file<", "client.p12", ">Proxy host<",
                ">Proxy port<");
        int at = -1;
        for (String s : order) {
            int i = html.indexOf(s, at + 1);
            assertThat(i).as("'" + s + "' after position " + at).isGreaterThan(at);
            at = i;
        }
        assertOwnerOnlyAndSecretsMarked(r);
    }

    @Test
    void mtgClmCompatibilityKeystoreUsesLegacyAlgorithms() throws Exception {
        ExportResult r = export(new ExportOptions(ExportFormat.MTG_CLM, dir.resolve("mtg-compat"), false,
                Pkcs12Profile.COMPATIBILITY, false, false, null, null, null));
        String info = openssl("pkcs12", "-legacy", "-in", r.folder().resolve("client.p12").toString(), "-passin",
                "file:" + r.folder().resolve("keystore-password.txt"), "-info", "-noout").err;
        assertThat(info).contains("pbeWithSHA1And3-KeyTripleDES-CBC");
        assertThat(r.warnings()).anyMatch(w -> w.contains("Compatibility"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void certManagerSecretAndClusterIssuerParseAndCertMatchesCertkey() throws Exception {
        ExportResult r = export(new ExportOptions(ExportFormat.CERT_MANAGER, dir.resolve("cm"), false, null, false,
                true, "atlas-system", "gs-creds", "gs-issuer"));
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> secret = yaml.load(Files.readString(r.folder().resolve("secret.yaml")));
        Map<String, Object> issuer = yaml.load(Files.readString(r.folder().resolve("issuer.yaml")));
        assertThat(secret.get("kind")).isEqualTo("Secret");
        assertThat((Map<String, Object>) secret.get("metadata")).containsEntry("name", "gs-creds")
                .containsEntry("namespace", "atlas-system");
        Map<String, String> data = (Map<String, String>) secret.get("data");
        assertThat(data.keySet()).containsExactly("apikey", "apisecret", "cert", "certkey");
        Base64.Decoder d = Base64.getDecoder();
        assertThat(new String(d.decode(data.get("apikey")), StandardCharsets.UTF_8)).isEqualTo(fx.provider.apiKey());
        Secrets.assertSameSecret(apiSecret, new String(d.decode(data.get("apisecret")), StandardCharsets.UTF_8),
                "apisecret");
        Path cert = write(dir.resolve("cm-cert.pem"), new String(d.decode(data.get("cert")), StandardCharsets.US_ASCII));
        Path key = write(dir.resolve("cm-key.pem"), new String(d.decode(data.get("certkey")),
                StandardCharsets.US_ASCII));
        assertKeyMatchesCert(cert, key, null);
        assertThat(issuer.get("apiVersion")).isEqualTo("hvca.globalsign.com/v1alpha1");
        assertThat(issuer.get("kind")).isEqualTo("ClusterIssuer");
        assertThat((Map<String, Object>) issuer.get("metadata")).containsOnlyKeys("name").containsEntry("name",
                "gs-issuer");
        assertThat((Map<String, Object>) issuer.get("spec")).containsEntry("authSecretName", "gs-creds")
                .containsEntry("url", fx.provider.apiUrl());
        assertOwnerOnlyAndSecretsMarked(r);

        ExportResult ns = export(ExportOptions.of(ExportFormat.CERT_MANAGER, dir.resolve("cm-ns")));
        Map<String, Object> nsIssuer = yaml.load(Files.readString(ns.folder().resolve("issuer.yaml")));
        assertThat(nsIssuer.get("kind")).isEqualTo("Issuer");
        assertThat((Map<String, Object>) nsIssuer.get("metadata")).containsEntry("namespace", "default");
    }

    @Test
    void vaultScriptReadsEveryValueFromFilesNextToIt() throws Exception {
        ExportResult r = export(ExportOptions.of(ExportFormat.VAULT, dir.resolve("vault")));
        String script = Files.readString(r.folder().resolve("vault-config.sh"));
        assertThat(script).contains("vault secrets enable atlas").contains("vault write atlas/config/authn "
                + "api_key=@api_key.txt api_secret=@api_secret.txt api_cert=@api_cert.b64 "
                + "api_cert_key=@api_cert_key.b64");
        assertThat(ProcessRun.of("sh", "-n", r.folder().resolve("vault-config.sh").toString()).exit).isZero();
        Secrets.assertSameSecret(apiSecret, Files.readString(r.folder().resolve("api_secret.txt")), "api_secret");
        Base64.Decoder d = Base64.getDecoder();
        Path cert = write(dir.resolve("v-cert.pem"), new String(d.decode(Files.readString(
                r.folder().resolve("api_cert.b64"))), StandardCharsets.US_ASCII));
        Path key = write(dir.resolve("v-key.pem"), new String(d.decode(Files.readString(
                r.folder().resolve("api_cert_key.b64"))), StandardCharsets.US_ASCII));
        assertKeyMatchesCert(cert, key, null);
        assertOwnerOnlyAndSecretsMarked(r);
    }

    @Test
    void dotenvSourcesInAShellAndItsKeyDecrypts() throws Exception {
        ExportResult r = export(ExportOptions.of(ExportFormat.ENV, dir.resolve("env")));
        Path env = r.folder().resolve("atlas.env");
        // a POSIX shell reads it as it is; print only non-secret values and the passphrase into a file
        Path pass = dir.resolve("env-pass.txt");
        ProcessRun sh = ProcessRun.of("sh", "-c", "set -a; . \"$1\"; printf %s \"$ATLAS_KEY_PASSPHRASE\" > \"$2\"; "
                + "echo \"$ATLAS_API_URL|$ATLAS_CERT_FILE|$ATLAS_KEY_FILE\"", "sh", env.toString(), pass.toString());
        assertThat(sh.exit).as(sh.err).isZero();
        String[] v = sh.out.strip().split("\\|");
        assertThat(v[0]).isEqualTo(fx.provider.apiUrl());
        assertKeyMatchesCert(Path.of(v[1]), Path.of(v[2]), pass);
        assertOwnerOnlyAndSecretsMarked(r, Files.readString(pass));
    }

    @Test
    void anExistingBundleIsNotOverwrittenUnlessReplacingIsChosen() throws Exception {
        Path out = dir.resolve("again");
        export(ExportOptions.of(ExportFormat.HVCLIENT, out));
        byte[] before = Files.readAllBytes(out.resolve("key.pem"));
        assertThatThrownBy(() -> export(ExportOptions.of(ExportFormat.HVCLIENT, out)))
                .isInstanceOf(ExportException.class).hasMessageContaining("already holds")
                .hasMessageContaining("nothing was written");
        assertThat(Files.readAllBytes(out.resolve("key.pem"))).isEqualTo(before);
        export(ExportOptions.of(ExportFormat.HVCLIENT, out).replacing(true));
        assertThat(Files.readAllBytes(out.resolve("key.pem"))).isNotEqualTo(before);
    }

    @Test
    void aFolderOthersCanEnterIsRefused() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> export(ExportOptions.of(ExportFormat.ENV, open)))
                .isInstanceOf(ExportException.class).hasMessageContaining("other users");
        try (var s = Files.list(open)) {
            assertThat(s.count()).isZero();
        }
    }
}
