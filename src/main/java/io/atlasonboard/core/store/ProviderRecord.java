package io.atlasonboard.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A certificate provider (not its secrets: see {@link ProviderSecrets}). Build with {@link #builder()} or
 * {@link #toBuilder()}; {@code id}, {@code createdAt}, {@code updatedAt} and {@code status} are set by the store.
 */
public record ProviderRecord(Long id, String name, String type, String apiUrl, IntendedUse intendedUse, String apiKey,
                             byte[] keystore, String keystoreFileName, String extraTrustPem, String proxyHost,
                             Integer proxyPort, String proxyUser, boolean sandbox, Instant createdAt,
                             Instant updatedAt, ConnectionStatus status) {
    public static final String TYPE_GLOBALSIGN = "GlobalSign";
    public static final String DEFAULT_API_URL = "https://emea.api.hvca.globalsign.com:8443/v2";

    public ProviderRecord {
        keystore = keystore == null ? null : keystore.clone();
        type = type == null ? TYPE_GLOBALSIGN : type;
        status = status == null ? ConnectionStatus.unknown() : status;
    }

    /** A copy of the PKCS#12 bytes, or null. */
    @Override
    public byte[] keystore() {
        return keystore == null ? null : keystore.clone();
    }

    public boolean hasProxy() {
        return proxyHost != null && !proxyHost.isBlank();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.name = name;
        b.type = type;
        b.apiUrl = apiUrl;
        b.intendedUse = intendedUse;
        b.apiKey = apiKey;
        b.keystore = keystore;
        b.keystoreFileName = keystoreFileName;
        b.extraTrustPem = extraTrustPem;
        b.proxyHost = proxyHost;
        b.proxyPort = proxyPort;
        b.proxyUser = proxyUser;
        b.sandbox = sandbox;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.status = status;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderRecord p && Objects.equals(id, p.id) && Objects.equals(name, p.name)
                && Objects.equals(updatedAt, p.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, updatedAt);
    }

    @Override
    public String toString() {
        return "ProviderRecord[id=" + id + ", name=" + name + ", type=" + type + ", apiUrl=" + apiUrl + ", use="
                + intendedUse + ", sandbox=" + sandbox + ", status=" + status.state() + "]";
    }

    public static final class Builder {
        private Long id;
        private String name;
        private String type = TYPE_GLOBALSIGN;
        private String apiUrl = DEFAULT_API_URL;
        private IntendedUse intendedUse = IntendedUse.TLS;
        private String apiKey;
        private byte[] keystore;
        private String keystoreFileName;
        private String extraTrustPem;
        private String proxyHost;
        private Integer proxyPort;
        private String proxyUser;
        private boolean sandbox;
        private Instant createdAt;
        private Instant updatedAt;
        private ConnectionStatus status;

        public Builder id(Long v) { id = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder type(String v) { type = v; return this; }
        public Builder apiUrl(String v) { apiUrl = v; return this; }
        public Builder intendedUse(IntendedUse v) { intendedUse = v; return this; }
        public Builder apiKey(String v) { apiKey = v; return this; }
        public Builder keystore(byte[] v) { keystore = v; return this; }
        public Builder keystoreFileName(String v) { keystoreFileName = v; return this; }
        public Builder extraTrustPem(String v) { extraTrustPem = v; return this; }
        public Builder proxyHost(String v) { proxyHost = v; return this; }
        public Builder proxyPort(Integer v) { proxyPort = v; return this; }
        public Builder proxyUser(String v) { proxyUser = v; return this; }
        public Builder sandbox(boolean v) { sandbox = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder status(ConnectionStatus v) { status = v; return this; }

        public ProviderRecord build() {
            return new ProviderRecord(id, name, type, apiUrl, intendedUse, apiKey, keystore, keystoreFileName,
                    extraTrustPem, proxyHost, proxyPort, proxyUser, sandbox, createdAt, updatedAt, status);
        }
    }
}
