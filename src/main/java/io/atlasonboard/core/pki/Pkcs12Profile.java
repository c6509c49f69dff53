package io.atlasonboard.core.pki;

/** Algorithms for a written PKCS#12 keystore. */
public enum Pkcs12Profile {
    /**
     * What OpenSSL 3 writes by default: key and certificates encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC),
     * HMAC-SHA-256 MAC. Read by OpenSSL 3 without -legacy, Java 11.0.12+ / 17 keytool, current Windows and macOS.
     */
    MODERN("Modern (AES-256-CBC, PBKDF2-HMAC-SHA256, SHA-256 MAC)",
            "Recommended. What OpenSSL 3 writes; read by OpenSSL 3, current Java, Windows 10 1709+ and macOS."),
    /**
     * What OpenSSL 1.1 wrote: key with pbeWithSHAAnd3-KeyTripleDES-CBC, certificates with pbeWithSHAAnd40BitRC2-CBC,
     * SHA-1 MAC. For old consumers only; OpenSSL 3 needs -legacy to read it.
     */
    COMPATIBILITY("Compatibility (3DES key, RC2-40 certificates, SHA-1 MAC)",
            "Only for old consumers that cannot read the modern format (old Java 8, Windows Server 2016 and older). "
                    + "Weak legacy algorithms: OpenSSL 3 needs -legacy to read it.");

    private final String label;
    private final String description;

    Pkcs12Profile(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** "modern" or "compat" (CLI names). */
    public static Pkcs12Profile fromCliName(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "modern" -> MODERN;
            case "compat", "compatibility", "legacy" -> COMPATIBILITY;
            default -> throw new InvalidInputException("Unknown PKCS#12 profile '" + s + "'; expected modern or compat");
        };
    }
}
