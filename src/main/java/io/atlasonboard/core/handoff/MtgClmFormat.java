package io.atlasonboard.core.handoff;

import io.atlasonboard.core.Msg;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Contents;
import io.atlasonboard.core.pki.PkiException;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;

/**
 * MTG CLM's "GlobalSign Certificate Provider" form: the keystore (re-written with the chosen PKCS#12 profile and the
 * stored keystore password), the API secret and the keystore password each in its own file, and a printable HTML
 * sheet with the form's fields in order (type, name, API URL, intended use, API key, keystore file, proxy host and
 * port) that says which file holds each secret.
 */
final class MtgClmFormat implements BundleFormat {
    static final String SHEET = "mtg-clm-sheet.html";
    static final String API_SECRET = "api-secret.txt";
    static final String KEYSTORE_PASSWORD = "keystore-password.txt";
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}\\.(p12|pfx)");

    static String keystoreName(ProviderRecord p) {
        String n = p.keystoreFileName();
        return n != null && SAFE_NAME.matcher(n).matches() && !n.equals(SHEET) ? n : "atlas-mtls.p12";
    }

    @Override
    public void plan(ExportMaterial m, ExportOptions o, Bundle b, List<String> warnings) {
        ProviderRecord p = m.provider;
        String ks = keystoreName(p);
        byte[] p12;
        try {
            p12 = Pkcs12.write(m.key, m.chain, m.keystorePassword.clone(), "atlas-mtls", o.keystoreProfile());
        } catch (PkiException e) {
            throw new ExportException(Msg.of("core.handoff.keystore.writeFailed", ExportException.part(e)), e);
        }
        b.add(ks, true, "PKCS#12 keystore (" + o.keystoreProfile().label() + ")", p12);
        b.addSecret(KEYSTORE_PASSWORD, "keystore password", m.keystorePassword);
        b.addSecret(API_SECRET, "API secret", m.apiSecret);
        b.addText(SHEET, false, "printable sheet: the MTG CLM form's fields in order", sheet(p, ks, o));
        if (o.keystoreProfile() != io.atlasonboard.core.pki.Pkcs12Profile.MODERN) {
            warnings.add("The keystore uses the Compatibility profile (weak legacy algorithms); use it only if the "
                    + "MTG CLM server cannot read the Modern one.");
        }
    }

    private static String sheet(ProviderRecord p, String ks, ExportOptions o) {
        String use = p.intendedUse() == IntendedUse.SMIME ? "S/MIME" : "SSL/TLS";
        String proxyHost = p.hasProxy() ? p.proxyHost() : "(none)";
        String proxyPort = p.hasProxy() ? String.valueOf(p.proxyPort() == null ? 3128 : p.proxyPort()) : "(none)";
        String[][] rows = {
            {"Type", "GlobalSign"},
            {"Name", p.name()},
            {"API URL", p.apiUrl()},
            {"Intended use", use},
            {"API key", p.apiKey()},
            {"API secret", "in the file " + API_SECRET + " (secret: paste it, then delete the file)"},
            {"Keystore file", ks + " (upload this file)"},
            {"Keystore password", "in the file " + KEYSTORE_PASSWORD + " (secret)"},
            {"Proxy host", proxyHost},
            {"Proxy port", proxyPort},
        };
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>MTG CLM: GlobalSign "
                + "Certificate Provider ").append(esc(p.name())).append("</title>\n<style>body{font-family:sans-serif;"
                + "margin:2em}table{border-collapse:collapse}td,th{border:1px solid #888;padding:.4em .8em;text-align:"
                + "left}th{background:#eee}</style></head><body>\n<h1>MTG CLM: add a GlobalSign Certificate Provider"
                + "</h1>\n<p>Fill in the form in this order. Secrets are not printed here: each is in its own "
                + "owner-only file next to this sheet.</p>\n<table>\n<tr><th>#</th><th>Field</th><th>Value</th></tr>\n");
        for (int i = 0; i < rows.length; i++) {
            sb.append("<tr><td>").append(i + 1).append("</td><th>").append(esc(rows[i][0])).append("</th><td>")
                    .append(esc(rows[i][1])).append("</td></tr>\n");
        }
        sb.append("</table>\n<p>Keystore profile: ").append(esc(o.keystoreProfile().label())).append(".")
                .append(p.sandbox() ? " <strong>SANDBOX</strong> provider (simulated GlobalSign)." : "")
                .append("</p>\n</body></html>\n");
        return sb.toString();
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : String.valueOf(s).toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public void check(ExportMaterial m, ExportOptions o, Path folder, List<String> checks) {
        String ks = keystoreName(m.provider);
        ReadBack.secretFile(folder.resolve(API_SECRET), m.apiSecret, Msg.of("core.handoff.what.apiSecret"));
        ReadBack.secretFile(folder.resolve(KEYSTORE_PASSWORD), m.keystorePassword, Msg.of("core.handoff.what.keystorePassword"));
        byte[] p12 = ReadBack.bytes(folder.resolve(ks));
        Pkcs12Contents c;
        try {
            c = Pkcs12.read(p12, m.keystorePassword.clone());
        } catch (PkiException | IllegalArgumentException e) {
            throw new ExportException(Msg.of("core.handoff.keystore.doesNotOpen", ExportException.part(e)), e);
        }
        ReadBack.identity(m, c.chain().get(0), c.key(), Msg.of("core.handoff.what.writtenKeystore"));
        String html = ReadBack.text(folder.resolve(SHEET));
        if (!html.contains(MtgClmFormat.esc(m.provider.apiKey())) || !html.toLowerCase(Locale.ROOT).contains("</html>")) {
            throw ExportException.of("core.handoff.sheet.incomplete");
        }
        checks.add(ks + " opens with the password in " + KEYSTORE_PASSWORD + " and holds the mTLS certificate "
                + "with its key");
        checks.add(API_SECRET + " holds the stored API secret; " + SHEET + " is complete");
    }
}
