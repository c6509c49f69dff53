package io.atlasonboard.core.providers;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.store.DuplicateNameException;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderRepository;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.SecretChars;

/**
 * What a person enters for a GlobalSign provider (the provider form, {@code provider add}): validates it field by field
 * with sentences a person can act on, and saves it. When editing a stored provider, a secret left empty keeps the
 * stored one (the "keep stored secrets" merge). Holds its own copies of the secrets; {@link #close()} wipes them.
 * No JavaFX: the form's view model copies its fields in and shows {@link #problems} next to each field.
 */
public final class ProviderInput implements AutoCloseable {
    /** The fields a problem can belong to. */
    public enum Field { NAME, API_URL, INTENDED_USE, API_KEY, API_SECRET, KEYSTORE, TRUST_PEM, PROXY }

    public static final String DEFAULT_NAME = "GlobalSign SSL/TLS";
    public static final int MAX_NAME_LENGTH = 200;

    private Long id;
    private String name = DEFAULT_NAME;
    private String apiUrl = ProviderRecord.DEFAULT_API_URL;
    private IntendedUse intendedUse = IntendedUse.TLS;
    private String apiKey = "";
    private byte[] keystore;
    private String keystoreFileName;
    private String trustPem = "";
    private String proxyHost = "";
    private String proxyPort = "";
    private String proxyUser = "";
    private boolean sandbox;
    private char[] apiSecret;
    private char[] keystorePassword;
    private char[] proxyPassword;

    /** A new provider with the form's defaults (name "GlobalSign SSL/TLS", the EMEA API URL, SSL/TLS). */
    public ProviderInput() {
    }

    /** Editing a stored provider: its fields, no secrets (an empty secret keeps the stored one). */
    public static ProviderInput edit(ProviderRecord r) {
        ProviderInput in = new ProviderInput();
        in.id = Objects.requireNonNull(r.id(), "a stored provider has an id");
        in.name = r.name();
        in.apiUrl = r.apiUrl();
        in.intendedUse = r.intendedUse();
        in.apiKey = r.apiKey();
        in.keystore = r.keystore();
        in.keystoreFileName = r.keystoreFileName();
        in.trustPem = r.extraTrustPem() == null ? "" : r.extraTrustPem();
        in.proxyHost = r.proxyHost() == null ? "" : r.proxyHost();
        in.proxyPort = r.proxyPort() == null ? "" : String.valueOf(r.proxyPort());
        in.proxyUser = r.proxyUser() == null ? "" : r.proxyUser();
        in.sandbox = r.sandbox();
        return in;
    }

    // ---------------------------------------------------------------- setters (each returns this)

    public ProviderInput name(String v) { name = text(v); return this; }
    public ProviderInput apiUrl(String v) { apiUrl = text(v); return this; }
    public ProviderInput intendedUse(IntendedUse v) { intendedUse = v; return this; }
    public ProviderInput apiKey(String v) { apiKey = text(v); return this; }
    public ProviderInput trustPem(String v) { trustPem = text(v); return this; }
    public ProviderInput sandbox(boolean v) { sandbox = v; return this; }

    /** The PKCS#12 keystore (copied) and the file name it came from (may be null). */
    public ProviderInput keystore(byte[] bytes, String fileName) {
        SecretChars.wipe(keystore);
        keystore = bytes == null ? null : bytes.clone();
        keystoreFileName = fileName;
        return this;
    }

    /** Proxy host, port (as typed) and optional user; all empty for no proxy. */
    public ProviderInput proxy(String host, String port, String user) {
        proxyHost = text(host);
        proxyPort = text(port);
        proxyUser = text(user);
        return this;
    }

    /** The API secret (copied; null or empty = not given, which keeps the stored one when editing). */
    public ProviderInput apiSecret(char[] v) { apiSecret = replace(apiSecret, v); return this; }
    /** The keystore password (copied; null or empty = not given). */
    public ProviderInput keystorePassword(char[] v) { keystorePassword = replace(keystorePassword, v); return this; }
    /** The proxy password (copied; null or empty = not given). */
    public ProviderInput proxyPassword(char[] v) { proxyPassword = replace(proxyPassword, v); return this; }

    public Long id() { return id; }
    public boolean editing() { return id != null; }
    public String name() { return name; }
    public String apiUrl() { return apiUrl; }
    public IntendedUse intendedUse() { return intendedUse; }
    public String apiKey() { return apiKey; }
    public String keystoreFileName() { return keystoreFileName; }
    public boolean hasKeystore() { return keystore != null; }
    public String trustPem() { return trustPem; }
    public String proxyHost() { return proxyHost; }
    public String proxyPort() { return proxyPort; }
    public String proxyUser() { return proxyUser; }
    public boolean sandbox() { return sandbox; }

    /** True when saving would keep at least one stored secret (editing, and a secret left empty). */
    public boolean keepsStoredSecrets() {
        return editing() && (apiSecret == null || keystorePassword == null || proxyPassword == null);
    }

    // ---------------------------------------------------------------- checks, one per field ("" = fine)

    /** The provider name: given, at most 200 characters, not one of {@code otherNames} (case-insensitive). */
    public static String checkName(String name, Collection<String> otherNames) {
        String n = text(name);
        if (n.isEmpty()) {
            return "Give the provider a name, e.g. \"" + DEFAULT_NAME + "\".";
        }
        if (n.length() > MAX_NAME_LENGTH) {
            return "The name is longer than " + MAX_NAME_LENGTH + " characters.";
        }
        if (otherNames != null && otherNames.stream().anyMatch(o -> o != null && o.strip().equalsIgnoreCase(n))) {
            return taken(n);
        }
        return "";
    }

    /** The HVCA API URL: https, a host, no query (with or without /v2). */
    public static String checkApiUrl(String url) {
        try {
            AtlasConnectionConfig.normaliseApiUrl(url);
            return "";
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            return Character.toUpperCase(m.charAt(0)) + m.substring(1) + ".";
        }
    }

    /** Proxy host, port and user as typed: all empty (no proxy), or a host without port and a port 1..65535. */
    public static String checkProxy(String host, String port, String user) {
        String h = text(host);
        String p = text(port);
        String u = text(user);
        if (!p.isEmpty()) {
            try {
                int n = Integer.parseInt(p);
                if (n < 1 || n > 65535) {
                    return "The proxy port must be between 1 and 65535.";
                }
            } catch (NumberFormatException e) {
                return "The proxy port must be a number between 1 and 65535.";
            }
        }
        if (h.isEmpty() && (!p.isEmpty() || !u.isEmpty())) {
            return "Enter the proxy host, or clear the proxy port and user.";
        }
        if (!h.isEmpty() && p.isEmpty()) {
            return "Enter the proxy port (e.g. 3128 or 8080).";
        }
        if (h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            // one colon: "host:port" typed into the host field (an IPv6 address has several)
            return "Enter the proxy host without a port; the port has its own field.";
        }
        return "";
    }

    /** Extra trusted server CA certificates: empty, or PEM text holding at least one certificate. */
    public static String checkTrustPem(String pem) {
        try {
            parseTrustPem(pem);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The certificates in the extra trusted server CA PEM text (none for empty text). */
    public static List<X509Certificate> parseTrustPem(String pem) {
        if (pem == null || pem.isBlank()) {
            return List.of();
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : cf.generateCertificates(
                    new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(noCertificate());
            }
            return out;
        } catch (CertificateException e) {
            // CertificateFactory says "Could not parse certificate: ..." with ASN.1 details nobody can act on
            throw new IllegalArgumentException("The trusted server CA text is not PEM certificates; paste PEM blocks"
                    + " (-----BEGIN CERTIFICATE-----) as the CA gave them, complete and unchanged.");
        }
    }

    private static String noCertificate() {
        return "The trusted server CA text holds no certificate; paste PEM blocks (-----BEGIN CERTIFICATE-----).";
    }

    /** The intended use from its label or name: "SSL/TLS", "TLS", "SSL", "S/MIME", "SMIME" (any case). */
    public static IntendedUse parseUse(String text) {
        String t = text(text).toUpperCase(Locale.ROOT).replace("/", "");
        return switch (t) {
            case "TLS", "SSL", "SSLTLS" -> IntendedUse.TLS;
            case "SMIME" -> IntendedUse.SMIME;
            default -> throw new IllegalArgumentException("The intended use must be SSL/TLS or S/MIME, not \""
                    + text(text) + "\".");
        };
    }

    // ---------------------------------------------------------------- the whole input

    /** Every problem, by field, in form order; empty when the input can be saved. */
    public Map<Field, String> problems(Collection<String> otherNames) {
        Map<Field, String> p = new EnumMap<>(Field.class);
        put(p, Field.NAME, checkName(name, otherNames));
        put(p, Field.API_URL, checkApiUrl(apiUrl));
        if (intendedUse == null) {
            p.put(Field.INTENDED_USE, "Choose what the certificates are for: SSL/TLS or S/MIME.");
        }
        if (apiKey.isBlank()) {
            p.put(Field.API_KEY, "Enter the API key from the Atlas portal (step 1).");
        }
        if (!editing() && apiSecret == null) {
            p.put(Field.API_SECRET, "Enter the API secret that belongs to this API key.");
        }
        if (keystore == null) {
            p.put(Field.KEYSTORE, "Choose the PKCS#12 keystore (step 4's file, or an existing .p12/.pfx).");
        }
        put(p, Field.TRUST_PEM, checkTrustPem(trustPem));
        put(p, Field.PROXY, checkProxy(proxyHost, proxyPort, proxyUser));
        return Collections.unmodifiableMap(p);
    }

    /** The record to store (secrets apart); throws {@link ProviderInputException} when a field has a problem. */
    public ProviderRecord toRecord(Collection<String> otherNames) {
        Map<Field, String> p = problems(otherNames);
        if (!p.isEmpty()) {
            throw new ProviderInputException(p);
        }
        return ProviderRecord.builder()
                .id(id)
                .name(name)
                .apiUrl(AtlasConnectionConfig.normaliseApiUrl(apiUrl).toString())
                .intendedUse(intendedUse)
                .apiKey(apiKey)
                .keystore(keystore == null ? null : keystore.clone())
                .keystoreFileName(keystoreFileName)
                .extraTrustPem(trustPem.isEmpty() ? null : trustPem)
                .proxyHost(proxyHost.isEmpty() ? null : proxyHost)
                .proxyPort(proxyPort.isEmpty() ? null : Integer.valueOf(proxyPort))
                .proxyUser(proxyUser.isEmpty() ? null : proxyUser)
                .sandbox(sandbox)
                .build();
    }

    /**
     * Validates (the name against the other stored providers) and saves: a new provider, or the edited one. Secrets
     * left empty while editing keep the stored ones; without a proxy user no proxy password is kept. Blocking (runs
     * on a worker). Throws {@link ProviderInputException} with the problems when something must be corrected.
     */
    public ProviderRecord save(ProviderRepository providers) {
        List<String> others = providers.list().stream().filter(r -> id == null || !r.id().equals(id))
                .map(ProviderRecord::name).toList();
        ProviderRecord record = toRecord(others);
        try (ProviderSecrets secrets = secretsToStore(providers)) {
            return id == null ? providers.save(record, secrets) : providers.update(record, secrets);
        } catch (DuplicateNameException e) {
            throw new ProviderInputException(Map.of(Field.NAME, taken(record.name())));
        }
    }

    /** The secrets to write: all given ones, the rest from the store when editing; null = keep all stored. */
    private ProviderSecrets secretsToStore(ProviderRepository providers) {
        char[] proxyPw = proxyUser.isEmpty() ? null : proxyPassword;
        if (!editing()) {
            return ProviderSecrets.of(apiSecret, orEmpty(keystorePassword), proxyPw);
        }
        if (apiSecret == null && keystorePassword == null && proxyPw == null) {
            return null;
        }
        try (ProviderSecrets old = providers.secrets(id)) {
            return ProviderSecrets.of(apiSecret != null ? apiSecret : old.apiSecret(),
                    keystorePassword != null ? keystorePassword : orEmpty(old.keystorePassword()),
                    proxyUser.isEmpty() ? null : proxyPw != null ? proxyPw : old.proxyPassword());
        }
    }

    /** Wipes the secrets and the keystore copy. */
    @Override
    public void close() {
        SecretChars.wipe(apiSecret);
        SecretChars.wipe(keystorePassword);
        SecretChars.wipe(proxyPassword);
        SecretChars.wipe(keystore);
        apiSecret = null;
        keystorePassword = null;
        proxyPassword = null;
    }

    @Override
    public String toString() {
        return "ProviderInput[" + name + ", " + apiUrl + (editing() ? ", editing " + id : "") + "]"; // no secrets
    }

    private static String taken(String name) {
        return "A provider named \"" + name + "\" already exists; choose another name.";
    }

    private static void put(Map<Field, String> p, Field f, String problem) {
        if (!problem.isEmpty()) {
            p.put(f, problem);
        }
    }

    private static String text(String v) {
        return v == null ? "" : v.strip();
    }

    private static char[] orEmpty(char[] v) {
        return v == null ? new char[0] : v;
    }

    private static char[] replace(char[] old, char[] v) {
        SecretChars.wipe(old);
        return v == null || v.length == 0 ? null : v.clone();
    }
}
