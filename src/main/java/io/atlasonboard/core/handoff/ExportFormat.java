package io.atlasonboard.core.handoff;

import java.util.Locale;

/** The tools a provider can be handed off to, each with a short explanation for a format picker. */
public enum ExportFormat {
    MTG_CLM("mtg-clm", "MTG CLM",
            "MTG Certificate Lifecycle Manager, \"GlobalSign Certificate Provider\": the PKCS#12 keystore, a printable "
                    + "sheet with every field of the form in its order, and the API secret and keystore password each "
                    + "in its own owner-only file."),
    HVCLIENT("hvclient", "GlobalSign hvclient",
            "GlobalSign's hvclient command line tool: hvclient.json, the mTLS certificate and its key (legacy "
                    + "encrypted PEM with a generated passphrase, or a plain key if chosen) and a README."),
    CERT_MANAGER("cert-manager", "cert-manager (Kubernetes)",
            "GlobalSign's Atlas issuer for cert-manager (hvca.globalsign.com): a Secret with apikey, apisecret, cert "
                    + "and certkey, and an Issuer (or ClusterIssuer) naming the API URL and that Secret."),
    VAULT("vault", "HashiCorp Vault",
            "GlobalSign's Atlas secrets engine for Vault: vault-config.sh enabling the engine and writing "
                    + "atlas/config/authn, reading every value from the files next to it (nothing inline)."),
    ENV("env", "dotenv",
            "A dotenv file for scripts (API URL, key, secret, certificate and key file, key passphrase) with the "
                    + "certificate and the encrypted key next to it.");

    private final String id;
    private final String label;
    private final String description;

    ExportFormat(String id, String label, String description) {
        this.id = id;
        this.label = label;
        this.description = description;
    }

    /** The short name used on the command line and in the manifest, e.g. {@code hvclient}. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The format with this id (case-insensitive); {@link IllegalArgumentException} listing the known ones. */
    public static ExportFormat fromId(String id) {
        String s = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.id.equals(s)) {
                return f;
            }
        }
        StringBuilder known = new StringBuilder();
        for (ExportFormat f : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(f.id);
        }
        throw new IllegalArgumentException("Unknown export format '" + id + "' (known: " + known + ")");
    }
}
