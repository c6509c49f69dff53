package io.atlasonboard.core.handoff;

import io.atlasonboard.core.Msg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * GlobalSign's Atlas secrets engine for HashiCorp Vault: {@code vault-config.sh} runs {@code vault secrets enable
 * atlas} (unless mounted) and {@code vault write atlas/config/authn} with every value read by Vault from a file next
 * to the script ({@code key=@file}), so no secret is on a command line: {@code api_key.txt}, {@code api_secret.txt},
 * {@code api_cert.b64} (base64 of the certificate PEM), {@code api_cert_key.b64} (base64 of the unencrypted key PEM:
 * the engine needs it so).
 */
final class VaultFormat implements BundleFormat {
    static final String SCRIPT = "vault-config.sh";
    static final String API_KEY = "api_key.txt";
    static final String API_SECRET = "api_secret.txt";
    static final String CERT = "api_cert.b64";
    static final String KEY = "api_cert_key.b64";

    @Override
    public void plan(ExportMaterial m, ExportOptions o, Bundle b, List<String> warnings) {
        Base64.Encoder e = Base64.getEncoder();
        b.addText(SCRIPT, false, "configures the Vault Atlas secrets engine from the files next to it", script(m));
        b.addText(API_KEY, false, "API key", m.provider.apiKey());
        b.addSecret(API_SECRET, "API secret", m.apiSecret);
        b.addText(CERT, false, "mTLS certificate PEM, base64", e.encodeToString(
                m.chainPem().getBytes(StandardCharsets.US_ASCII)));
        b.addText(KEY, true, "mTLS private key PEM (unencrypted), base64", e.encodeToString(
                PemKeys.plain(m.key).getBytes(StandardCharsets.US_ASCII)));
        warnings.add("The Vault engine needs the mTLS key unencrypted (" + KEY + "): run " + SCRIPT
                + " and then delete the bundle.");
    }

    private static String script(ExportMaterial m) {
        return "#!/bin/sh\n"
                + "# GlobalSign Atlas secrets engine for provider '" + m.provider.name().replace('\n', ' ') + "'"
                + (m.provider.sandbox() ? " (SANDBOX)" : "") + ".\n"
                + "# Run with VAULT_ADDR and VAULT_TOKEN set, after registering the atlas plugin: sh " + SCRIPT + "\n"
                + "# Vault reads each value from the file named after '@', so no secret is on a command line.\n"
                + "set -eu\n"
                + "cd \"$(dirname \"$0\")\"\n"
                + "vault secrets list -format=json | grep -q '\"atlas/\"' || vault secrets enable atlas\n"
                + "vault write atlas/config/authn api_key=@" + API_KEY + " api_secret=@" + API_SECRET
                + " api_cert=@" + CERT + " api_cert_key=@" + KEY + "\n";
    }

    @Override
    public void check(ExportMaterial m, ExportOptions o, Path folder, List<String> checks) {
        String s = ReadBack.text(folder.resolve(SCRIPT));
        for (String f : List.of(API_KEY, API_SECRET, CERT, KEY)) {
            if (!s.contains("=@" + f)) {
                throw ExportException.of("core.handoff.vault.doesNotRead", SCRIPT, f);
            }
        }
        if (!s.contains("vault secrets enable atlas") || !s.contains("vault write atlas/config/authn")) {
            throw ExportException.of("core.handoff.vault.incomplete", SCRIPT);
        }
        if (!ReadBack.text(folder.resolve(API_KEY)).equals(m.provider.apiKey())) {
            throw ExportException.of("core.handoff.vault.apiKeyMismatch", API_KEY);
        }
        ReadBack.secretFile(folder.resolve(API_SECRET), m.apiSecret, Msg.of("core.handoff.what.apiSecret"));
        Base64.Decoder d = Base64.getDecoder();
        var cert = ReadBack.certificates(new String(d.decode(ReadBack.text(folder.resolve(CERT))),
                StandardCharsets.US_ASCII), CERT).get(0);
        var key = ReadBack.key(new String(d.decode(ReadBack.text(folder.resolve(KEY))), StandardCharsets.US_ASCII),
                null, KEY);
        ReadBack.identity(m, cert, key, Msg.of("core.handoff.what.pair", CERT, KEY));
        checks.add(SCRIPT + " reads api_key, api_secret, api_cert, api_cert_key from files; " + CERT + " and " + KEY
                + " decode to the matching certificate and key");
    }
}
