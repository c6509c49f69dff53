package io.atlasonboard.core.handoff;

import io.atlasonboard.core.Msg;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atlasonboard.core.pki.Passwords;

/**
 * A dotenv file for scripts ({@code atlas.env}: {@code KEY='value'} lines, also valid for {@code set -a; . atlas.env}
 * in a POSIX shell) with the certificate chain and the legacy-encrypted key next to it (curl, openssl and Go read it).
 */
final class EnvFormat implements BundleFormat {
    static final String ENV = "atlas.env";
    static final String CERT = "cert.pem";
    static final String KEY = "key.pem";
    static final String SERVER_CA = "server-ca.pem";

    @Override
    public void plan(ExportMaterial m, ExportOptions o, Bundle b, List<String> warnings) {
        char[] passphrase = Passwords.generate();
        try {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("ATLAS_API_URL", m.provider.apiUrl());
            v.put("ATLAS_API_KEY", m.provider.apiKey());
            v.put("ATLAS_API_SECRET", new String(m.apiSecret));
            v.put("ATLAS_CERT_FILE", ReadBack.path(b.path(CERT)));
            v.put("ATLAS_KEY_FILE", ReadBack.path(b.path(KEY)));
            v.put("ATLAS_KEY_PASSPHRASE", new String(passphrase));
            if (HvclientFormat.hasExtraTrust(m)) {
                v.put("ATLAS_CA_FILE", ReadBack.path(b.path(SERVER_CA)));
            }
            if (m.provider.hasProxy()) {
                v.put("HTTPS_PROXY", "http://" + m.provider.proxyHost() + ":" + m.provider.proxyPort());
            }
            StringBuilder sb = new StringBuilder("# Atlas provider '").append(m.provider.name().replace('\n', ' '))
                    .append("'").append(m.provider.sandbox() ? " (SANDBOX)" : "").append(". Secret: owner-only.\n");
            for (Map.Entry<String, String> e : v.entrySet()) {
                sb.append(e.getKey()).append("=").append(quote(e.getKey(), e.getValue())).append('\n');
            }
            b.addText(ENV, true, "dotenv: API URL, key, secret, certificate/key files, key passphrase", sb.toString());
            b.addText(CERT, false, "mTLS certificate chain, PEM", m.chainPem());
            b.addText(KEY, true, "mTLS private key, legacy-encrypted PEM (" + PemKeys.LEGACY_CIPHER + ")",
                    PemKeys.legacyEncrypted(m.key, passphrase));
            if (HvclientFormat.hasExtraTrust(m)) {
                b.addText(SERVER_CA, false, "the API server's CA (private CA, e.g. the sandbox)",
                        m.provider.extraTrustPem().strip() + "\n");
            }
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static String quote(String name, String value) {
        if (value.indexOf('\'') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw ExportException.of("core.handoff.env.unquotable", name);
        }
        return "'" + value + "'";
    }

    /** Parses the dotenv lines written above (comments and blank lines skipped, values single-quoted). */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.substring(0, eq).matches("[A-Z_][A-Z0-9_]*")) {
                throw ExportException.of("core.handoff.env.badLine", ENV);
            }
            String v = line.substring(eq + 1);
            if (v.length() < 2 || v.charAt(0) != '\'' || v.charAt(v.length() - 1) != '\''
                    || v.substring(1, v.length() - 1).indexOf('\'') >= 0) {
                throw ExportException.of("core.handoff.env.notQuoted", ENV, line.substring(0, eq));
            }
            out.put(line.substring(0, eq), v.substring(1, v.length() - 1));
        }
        return out;
    }

    @Override
    public void check(ExportMaterial m, ExportOptions o, Path folder, List<String> checks) {
        Map<String, String> v = parse(ReadBack.text(folder.resolve(ENV)));
        for (String k : List.of("ATLAS_API_URL", "ATLAS_API_KEY", "ATLAS_API_SECRET", "ATLAS_CERT_FILE",
                "ATLAS_KEY_FILE", "ATLAS_KEY_PASSPHRASE")) {
            if (!v.containsKey(k)) {
                throw ExportException.of("core.handoff.env.lacks", ENV, k);
            }
        }
        if (!v.get("ATLAS_API_URL").equals(m.provider.apiUrl()) || !v.get("ATLAS_API_KEY").equals(m.provider.apiKey())
                || !ReadBack.sameSecret(v.get("ATLAS_API_SECRET").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        m.apiSecret)) {
            throw ExportException.of("core.handoff.config.mismatch", ENV);
        }
        var cert = ReadBack.certificates(ReadBack.text(Path.of(v.get("ATLAS_CERT_FILE"))), CERT).get(0);
        var key = ReadBack.key(ReadBack.text(Path.of(v.get("ATLAS_KEY_FILE"))),
                v.get("ATLAS_KEY_PASSPHRASE").toCharArray(), Msg.of("core.handoff.what.keyWithPassphrase", KEY));
        ReadBack.identity(m, cert, key, Msg.of("core.handoff.what.pair", CERT, KEY));
        checks.add(ENV + " parses; " + KEY + " decrypts with ATLAS_KEY_PASSPHRASE and matches " + CERT);
    }
}
