package io.atlasonboard.core.handoff;

import io.atlasonboard.core.Msg;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.atlasonboard.core.pki.Passwords;

/**
 * GlobalSign's hvclient: {@code hvclient.json} with the fields its config package reads ({@code url},
 * {@code api_key}, {@code api_secret}, {@code cert_file}, {@code key_file}, {@code key_passphrase}, {@code timeout};
 * file paths absolute), the certificate chain PEM, the key as legacy-encrypted PEM (AES-256-CBC, generated
 * passphrase) or plain when chosen, the sandbox's server CA when the provider trusts an extra CA, and a README.
 */
final class HvclientFormat implements BundleFormat {
    static final String CONFIG = "hvclient.json";
    static final String CERT = "cert.pem";
    static final String KEY = "key.pem";
    static final String SERVER_CA = "server-ca.pem";
    static final String README = "README.txt";
    static final int TIMEOUT_SECONDS = 30;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    @Override
    public void plan(ExportMaterial m, ExportOptions o, Bundle b, List<String> warnings) {
        char[] passphrase = o.plainKey() ? new char[0] : Passwords.generate();
        try {
            JsonObject cfg = new JsonObject();
            cfg.addProperty("url", m.provider.apiUrl());
            cfg.addProperty("api_key", m.provider.apiKey());
            cfg.addProperty("api_secret", new String(m.apiSecret));
            cfg.addProperty("cert_file", ReadBack.path(b.path(CERT)));
            cfg.addProperty("key_file", ReadBack.path(b.path(KEY)));
            cfg.addProperty("key_passphrase", new String(passphrase));
            cfg.addProperty("timeout", TIMEOUT_SECONDS);
            b.addText(CONFIG, true, "hvclient configuration (holds the API secret and the key passphrase)",
                    GSON.toJson(cfg) + "\n");
            b.addText(CERT, false, "mTLS certificate chain, PEM", m.chainPem());
            if (o.plainKey()) {
                b.addText(KEY, true, "mTLS private key, PEM, NOT encrypted", PemKeys.plain(m.key));
                warnings.add("The hvclient key is not encrypted (as chosen): anyone who can read " + KEY
                        + " can use the API identity. Keep the folder owner-only and delete the bundle once installed.");
            } else {
                b.addText(KEY, true, "mTLS private key, legacy-encrypted PEM (" + PemKeys.LEGACY_CIPHER + ")",
                        PemKeys.legacyEncrypted(m.key, passphrase));
            }
            boolean extraCa = hasExtraTrust(m);
            if (extraCa) {
                b.addText(SERVER_CA, false, "the API server's CA (private CA, e.g. the sandbox)",
                        m.provider.extraTrustPem().strip() + "\n");
            }
            b.addText(README, false, "how to run hvclient with this bundle", readme(b, extraCa, m));
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    static boolean hasExtraTrust(ExportMaterial m) {
        return m.provider.extraTrustPem() != null && !m.provider.extraTrustPem().isBlank();
    }

    private static String readme(Bundle b, boolean extraCa, ExportMaterial m) {
        StringBuilder sb = new StringBuilder();
        sb.append("GlobalSign hvclient bundle for provider '").append(m.provider.name()).append("'")
                .append(m.provider.sandbox() ? " (SANDBOX)" : "").append("\n\n");
        sb.append(CONFIG).append(" names the certificate and key by absolute path; if you move this folder, edit "
                + "cert_file and key_file.\n");
        sb.append("Run hvclient with this configuration file, for example:\n\n");
        if (extraCa) {
            sb.append("  SSL_CERT_FILE=").append(ReadBack.path(b.path(SERVER_CA))).append(" \\\n  ");
        } else {
            sb.append("  ");
        }
        sb.append("hvclient -config ").append(ReadBack.path(b.path(CONFIG))).append(" -policy\n\n");
        if (extraCa) {
            sb.append("The API server uses a private CA (").append(SERVER_CA).append("): Go programs such as hvclient "
                    + "trust it when SSL_CERT_FILE points to that file.\n");
        }
        if (m.provider.hasProxy()) {
            sb.append("This provider uses the proxy ").append(m.provider.proxyHost()).append(':')
                    .append(m.provider.proxyPort()).append("; set HTTPS_PROXY for hvclient.\n");
        }
        sb.append(CONFIG).append(" and ").append(KEY).append(" are secret: keep them owner-only.\n");
        return sb.toString();
    }

    @Override
    public void check(ExportMaterial m, ExportOptions o, Path folder, List<String> checks) {
        byte[] raw = ReadBack.bytes(folder.resolve(CONFIG));
        JsonObject cfg;
        try {
            JsonElement e = JsonParser.parseString(new String(raw, java.nio.charset.StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw ExportException.of("core.handoff.json.notObject", CONFIG);
            }
            cfg = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ExportException(Msg.of("core.handoff.json.invalid", CONFIG), e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        for (String f : List.of("url", "api_key", "api_secret", "cert_file", "key_file", "key_passphrase", "timeout")) {
            if (!cfg.has(f) || !cfg.get(f).isJsonPrimitive()) {
                throw ExportException.of("core.handoff.json.lacksField", CONFIG, f);
            }
        }
        if (!cfg.get("url").getAsString().equals(m.provider.apiUrl())
                || !cfg.get("api_key").getAsString().equals(m.provider.apiKey())
                || !ReadBack.sameSecret(cfg.get("api_secret").getAsString().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), m.apiSecret)) {
            throw ExportException.of("core.handoff.config.mismatch", CONFIG);
        }
        X509Certificate cert = ReadBack.certificates(ReadBack.text(Path.of(cfg.get("cert_file").getAsString())),
                Msg.of("core.handoff.what.certificateFile")).get(0);
        String pass = cfg.get("key_passphrase").getAsString();
        PrivateKey key = ReadBack.key(ReadBack.text(Path.of(cfg.get("key_file").getAsString())),
                pass.isEmpty() ? null : pass.toCharArray(), Msg.of("core.handoff.what.keyFile"));
        ReadBack.identity(m, cert, key, Msg.of("core.handoff.what.configuredPair", CONFIG));
        checks.add(CONFIG + " parses as JSON with url, api_key, api_secret, cert_file, key_file, key_passphrase, "
                + "timeout");
        checks.add(KEY + (pass.isEmpty() ? " (plain)" : " decrypts with key_passphrase and") + " matches " + CERT);
    }
}
