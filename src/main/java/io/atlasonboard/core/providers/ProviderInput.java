package io.atlasonboard.core.providers;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.Optional;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.store.DuplicateNameException;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderRepository;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.SecretChars;

/**
 * What a person enters for a GlobalSign provider (the provider form, {@code provider add}): validates it field by field
 * with sentences a person can act on ({@link Msg}s: the form shows them in the user's language, the command line in
 * English), and saves it. When editing a stored provider, a secret left empty keeps the
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
    public String trustPem() { return trustPem; }
    public String proxyHost() { return proxyHost; }
    public String proxyPort() { return proxyPort; }
    public String proxyUser() { return proxyUser; }
    public boolean sandbox() { return sandbox; }

    /** True when saving would keep at least one stored secret (editing, and a secret left empty). */
    public boolean keepsStoredSecrets() {
        return editing() && (apiSecret == null || keystorePassword == null || proxyPassword == null);
    }

    // ---------------------------------------------------------------- checks, one per field (empty = fine)

    /** The provider name: given, at most 200 characters, not one of {@code otherNames} (case-insensitive). */
    public static Optional<Msg> checkName(String name, Collection<String> otherNames) {
        String n = text(name);
        if (n.isEmpty()) {
            return problem("name.empty", DEFAULT_NAME);
        }
        if (n.length() > MAX_NAME_LENGTH) {
            return problem("name.long", String.valueOf(MAX_NAME_LENGTH));
        }
        if (otherNames != null && otherNames.stream().anyMatch(o -> o != null && o.strip().equalsIgnoreCase(n))) {
            return Optional.of(taken(n));
        }
        return Optional.empty();
    }

    /** The HVCA API URL: https, a host, no query or fragment (with or without /v2). */
    public static Optional<Msg> checkApiUrl(String url) {
        String s = text(url);
        if (s.isEmpty()) {
            return problem("apiUrl.empty");
        }
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            return problem("apiUrl.invalid", e.getReason());
        }
        if (u.getScheme() == null || !u.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
            return problem("apiUrl.https", s);
        }
        if (u.getHost() == null) {
            return problem("apiUrl.host", s);
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            return problem("apiUrl.query", s);
        }
        try {
            AtlasConnectionConfig.normaliseApiUrl(s); // the client's own rule has the last word
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return problem("apiUrl.invalid", String.valueOf(e.getMessage()));
        }
    }

    /** Proxy host, port and user as typed: all empty (no proxy), or a host without port and a port 1..65535. */
    public static Optional<Msg> checkProxy(String host, String port, String user) {
        String h = text(host);
        String p = text(port);
        String u = text(user);
        if (!p.isEmpty()) {
            try {
                int n = Integer.parseInt(p);
                if (n < 1 || n > 65535) {
                    return problem("proxy.portRange");
                }
            } catch (NumberFormatException e) {
                return problem("proxy.portNumber");
            }
        }
        if (h.isEmpty() && (!p.isEmpty() || !u.isEmpty())) {
            return problem("proxy.hostMissing");
        }
        if (!h.isEmpty() && p.isEmpty()) {
            return problem("proxy.portMissing");
        }
        if (h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            // one colon: "host:port" typed into the host field (an IPv6 address has several)
            return problem("proxy.hostWithPort");
        }
        return Optional.empty();
    }

    /** Extra trusted server CA certificates: empty, or PEM text holding at least one certificate. */
    public static Optional<Msg> checkTrustPem(String pem) {
        try {
            parseTrustPem(pem);
            return Optional.empty();
        } catch (InvalidInputException e) {
            return Optional.of(e.msg());
        }
    }

    /**
     * The certificates in the extra trusted server CA PEM text (none for empty text): the one parser for them (the
     * form, {@code provider add} and the connection settings of a stored provider). {@link InvalidInputException}
     * with a sentence (no parser noise) when the text is not PEM certificates.
     */
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
                throw new InvalidInputException(msg("trust.noCertificate"));
            }
            return out;
        } catch (CertificateException e) {
            // CertificateFactory says "Could not parse certificate: ..." with ASN.1 details nobody can act on
            throw new InvalidInputException(msg("trust.notPem"));
        }
    }

    /** The intended use from its label or name: "SSL/TLS", "TLS", "SSL", "S/MIME", "SMIME" (any case). */
    public static IntendedUse parseUse(String text) {
        String t = text(text).toUpperCase(Locale.ROOT).replace("/", "");
        return switch (t) {
            case "TLS", "SSL", "SSLTLS" -> IntendedUse.TLS;
            case "SMIME" -> IntendedUse.SMIME;
            default -> throw new InvalidInputException(msg("use.unknown", text(text)));
        };
    }

    // ---------------------------------------------------------------- the whole input

    /** Every problem, by field, in form order; empty when the input can be saved. */
    public Map<Field, Msg> problems(Collection<String> otherNames) {
        Map<Field, Msg> p = new EnumMap<>(Field.class);
        checkName(name, otherNames).ifPresent(m -> p.put(Field.NAME, m));
        checkApiUrl(apiUrl).ifPresent(m -> p.put(Field.API_URL, m));
        if (intendedUse == null) {
            p.put(Field.INTENDED_USE, msg("use.missing"));
        }
        if (apiKey.isBlank()) {
            p.put(Field.API_KEY, msg("apiKey.missing"));
        }
        if (!editing() && apiSecret == null) {
            p.put(Field.API_SECRET, msg("apiSecret.missing"));
        }
        if (keystore == null) {
            p.put(Field.KEYSTORE, msg("keystore.missing"));
        }
        checkTrustPem(trustPem).ifPresent(m -> p.put(Field.TRUST_PEM, m));
        checkProxy(proxyHost, proxyPort, proxyUser).ifPresent(m -> p.put(Field.PROXY, m));
        return Collections.unmodifiableMap(p);
    }

    /** The record to store (secrets apart); throws {@link ProviderInputException} when a field has a problem. */
    public ProviderRecord toRecord(Collection<String> otherNames) {
        Map<Field, Msg> p = problems(otherNames);
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

    private static Msg taken(String name) {
        return msg("name.taken", name);
    }

    private static Msg msg(String key, Object... args) {
        return Msg.of("core.providers.input." + key, args);
    }

    private static Optional<Msg> problem(String key, Object... args) {
        return Optional.of(msg(key, args));
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
