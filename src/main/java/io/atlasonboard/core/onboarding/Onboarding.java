package io.atlasonboard.core.onboarding;

import static io.atlasonboard.core.onboarding.OnboardingField.API_KEY;
import static io.atlasonboard.core.onboarding.OnboardingField.API_SECRET;
import static io.atlasonboard.core.onboarding.OnboardingField.CERTIFICATE_PEM;
import static io.atlasonboard.core.onboarding.OnboardingField.COMMON_NAME;
import static io.atlasonboard.core.onboarding.OnboardingField.COMPLETED;
import static io.atlasonboard.core.onboarding.OnboardingField.COUNTRY;
import static io.atlasonboard.core.onboarding.OnboardingField.CSR_PEM;
import static io.atlasonboard.core.onboarding.OnboardingField.DOMAINS;
import static io.atlasonboard.core.onboarding.OnboardingField.DOWNLOADS_CONFIRMED;
import static io.atlasonboard.core.onboarding.OnboardingField.ENCRYPTED_KEY_PEM;
import static io.atlasonboard.core.onboarding.OnboardingField.FRIENDLY_NAME;
import static io.atlasonboard.core.onboarding.OnboardingField.KEYSTORE;
import static io.atlasonboard.core.onboarding.OnboardingField.KEYSTORE_PASSWORD;
import static io.atlasonboard.core.onboarding.OnboardingField.KEYSTORE_PATH;
import static io.atlasonboard.core.onboarding.OnboardingField.KEY_PASSWORD;
import static io.atlasonboard.core.onboarding.OnboardingField.LABEL;
import static io.atlasonboard.core.onboarding.OnboardingField.ORGANIZATION;
import static io.atlasonboard.core.onboarding.OnboardingField.P12_PROFILE;
import static io.atlasonboard.core.onboarding.OnboardingField.PROVIDER_ID;
import static io.atlasonboard.core.onboarding.OnboardingField.SANDBOX;
import static io.atlasonboard.core.onboarding.OnboardingField.SANDBOX_BASE_URL;
import static io.atlasonboard.core.onboarding.OnboardingField.SANDBOX_SERVER_CA_PEM;
import static io.atlasonboard.core.onboarding.OnboardingField.STEP;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One onboarding in progress. Every setter persists immediately (one short transaction), so quitting at any moment
 * loses nothing. Thread-safe: setters may be called from background threads. Values are read and written through
 * {@link #get(OnboardingField)} and {@link #set(OnboardingField, Object)}; the named accessors below are shorthands.
 * Secrets are not held here: secret setters seal into the store and wipe nothing of the caller's array (the caller
 * wipes it); secret getters open a fresh {@code char[]} copy the caller should wipe when done. Obtain instances from
 * {@code store.onboardings().create(..)} or {@code load(id)}.
 */
public final class Onboarding {
    public static final int FIRST_STEP = 1;
    /** Steps of DESIGN.md: 1 credentials, 2 CSR, 3 mTLS certificate, 4 PKCS#12, 5 provider, 6 status, 7 DNS, 8 done. */
    public static final int LAST_STEP = 8;

    private final long id;
    private final OnboardingPersistence store;
    private final Instant createdAt;
    private final Map<OnboardingField<?>, Object> values = new HashMap<>();
    private final Set<OnboardingField<?>> secretsPresent = new HashSet<>();
    private Instant updatedAt;

    private Onboarding(long id, OnboardingPersistence store, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.store = Objects.requireNonNull(store);
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /**
     * For the store only: rebuilds an onboarding from persisted plain values (types as {@link OnboardingField.Kind};
     * byte[] and lists are copied) and the set of secrets that are stored.
     */
    public static Onboarding restore(long id, OnboardingPersistence store, Map<OnboardingField<?>, Object> values,
                                     Set<OnboardingField<?>> secretsPresent, Instant createdAt, Instant updatedAt) {
        Onboarding o = new Onboarding(id, store, createdAt, updatedAt);
        for (Map.Entry<OnboardingField<?>, Object> e : values.entrySet()) {
            if (e.getValue() != null && !e.getKey().secret()) {
                o.values.put(e.getKey(), copy(e.getKey().check(e.getValue())));
            }
        }
        for (OnboardingField<?> f : secretsPresent) {
            if (f.secret()) {
                o.secretsPresent.add(f);
            }
        }
        return o;
    }

    public long getId() {
        return id;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public synchronized Instant getUpdatedAt() {
        return updatedAt;
    }

    // ---- the one generic path ----

    /**
     * The stored value, or {@code null}: a copy for byte[] and lists; for a secret a freshly opened {@code char[]}
     * the caller wipes.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(OnboardingField<T> field) {
        if (field.secret()) {
            return (T) getSecret((OnboardingField<char[]>) field);
        }
        synchronized (this) {
            return (T) copy(values.get(field));
        }
    }

    /** True when the field holds a value (for a secret: one is stored), without opening a secret. */
    public synchronized boolean has(OnboardingField<?> field) {
        return field.secret() ? secretsPresent.contains(field) : values.containsKey(field);
    }

    /**
     * Persists a value ({@code null} clears; an empty secret clears too). A secret's array is sealed and not kept;
     * the caller wipes it.
     */
    @SuppressWarnings("unchecked")
    public <T> void set(OnboardingField<T> field, T value) {
        field.check(value);
        if (field.secret()) {
            setSecret((OnboardingField<char[]>) field, (char[]) value);
            return;
        }
        Object v = value;
        if (field == LABEL) {
            if (value == null || ((String) value).isBlank()) {
                throw new IllegalArgumentException("The onboarding needs a name.");
            }
            v = ((String) value).strip();
        } else if (field == STEP) {
            int step = value == null ? FIRST_STEP : (Integer) value;
            if (step < FIRST_STEP || step > LAST_STEP) {
                throw new IllegalArgumentException("Step must be between " + FIRST_STEP + " and " + LAST_STEP + ".");
            }
            v = step;
        } else if (field == ENCRYPTED_KEY_PEM && value != null) {
            String pem = (String) value;
            if (pem.contains("-----BEGIN PRIVATE KEY-----") || pem.contains("-----BEGIN RSA PRIVATE KEY-----")
                    || pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
                throw new IllegalArgumentException("Only an encrypted private key (ENCRYPTED PRIVATE KEY) is stored.");
            }
        }
        write(field, copy(v));
    }

    // ---- shorthands ----

    public String getLabel() {
        return get(LABEL);
    }

    public void setLabel(String label) {
        set(LABEL, label);
    }

    /** The 1-based step number. */
    public int getStep() {
        Integer s = get(STEP);
        return s == null ? FIRST_STEP : s;
    }

    public void setStep(int step) {
        set(STEP, step);
    }

    public boolean isSandbox() {
        return Boolean.TRUE.equals(get(SANDBOX));
    }

    public void setSandbox(boolean sandbox) {
        set(SANDBOX, sandbox);
    }

    /** The API key as text (an identifier the form shows), opened from its sealed column; or null. */
    public String getApiKey() {
        char[] k = get(API_KEY);
        if (k == null) {
            return null;
        }
        try {
            return new String(k);
        } finally {
            Arrays.fill(k, '\0');
        }
    }

    public void setApiKey(String apiKey) {
        char[] k = apiKey == null ? null : apiKey.toCharArray();
        try {
            set(API_KEY, k);
        } finally {
            if (k != null) {
                Arrays.fill(k, '\0');
            }
        }
    }

    public char[] getApiSecret() {
        return get(API_SECRET);
    }

    public void setApiSecret(char[] apiSecret) {
        set(API_SECRET, apiSecret);
    }

    public boolean hasApiSecret() {
        return has(API_SECRET);
    }

    public String getCommonName() {
        return get(COMMON_NAME);
    }

    public void setCommonName(String v) {
        set(COMMON_NAME, v);
    }

    public String getCountry() {
        return get(COUNTRY);
    }

    public void setCountry(String v) {
        set(COUNTRY, v);
    }

    public String getOrganization() {
        return get(ORGANIZATION);
    }

    public void setOrganization(String v) {
        set(ORGANIZATION, v);
    }

    /** Never null; an unmodifiable copy. */
    public List<String> getDomains() {
        List<String> d = get(DOMAINS);
        return d == null ? List.of() : d;
    }

    public void setDomains(List<String> domains) {
        set(DOMAINS, domains);
    }

    public String getCsrPem() {
        return get(CSR_PEM);
    }

    public void setCsrPem(String v) {
        set(CSR_PEM, v);
    }

    public String getEncryptedKeyPem() {
        return get(ENCRYPTED_KEY_PEM);
    }

    public void setEncryptedKeyPem(String v) {
        set(ENCRYPTED_KEY_PEM, v);
    }

    public char[] getKeyPassword() {
        return get(KEY_PASSWORD);
    }

    public void setKeyPassword(char[] v) {
        set(KEY_PASSWORD, v);
    }

    public boolean isCompleted() {
        return Boolean.TRUE.equals(get(COMPLETED));
    }

    public void setCompleted(boolean v) {
        set(COMPLETED, v);
    }

    public boolean isDownloadsConfirmed() {
        return Boolean.TRUE.equals(get(DOWNLOADS_CONFIRMED));
    }

    public void setDownloadsConfirmed(boolean v) {
        set(DOWNLOADS_CONFIRMED, v);
    }

    public String getCertificatePem() {
        return get(CERTIFICATE_PEM);
    }

    public void setCertificatePem(String v) {
        set(CERTIFICATE_PEM, v);
    }

    /** PKCS#12 bytes (a copy), or null. */
    public byte[] getKeystore() {
        return get(KEYSTORE);
    }

    public void setKeystore(byte[] v) {
        set(KEYSTORE, v);
    }

    public char[] getKeystorePassword() {
        return get(KEYSTORE_PASSWORD);
    }

    public void setKeystorePassword(char[] v) {
        set(KEYSTORE_PASSWORD, v);
    }

    public String getFriendlyName() {
        return get(FRIENDLY_NAME);
    }

    public void setFriendlyName(String v) {
        set(FRIENDLY_NAME, v);
    }

    public String getP12Profile() {
        return get(P12_PROFILE);
    }

    public void setP12Profile(String v) {
        set(P12_PROFILE, v);
    }

    public String getKeystorePath() {
        return get(KEYSTORE_PATH);
    }

    public void setKeystorePath(String v) {
        set(KEYSTORE_PATH, v);
    }

    public Long getProviderId() {
        return get(PROVIDER_ID);
    }

    public void setProviderId(Long v) {
        set(PROVIDER_ID, v);
    }

    public String getSandboxBaseUrl() {
        return get(SANDBOX_BASE_URL);
    }

    public void setSandboxBaseUrl(String v) {
        set(SANDBOX_BASE_URL, v);
    }

    public String getSandboxServerCaPem() {
        return get(SANDBOX_SERVER_CA_PEM);
    }

    public void setSandboxServerCaPem(String v) {
        set(SANDBOX_SERVER_CA_PEM, v);
    }

    // ---- plumbing ----

    private synchronized void write(OnboardingField<?> field, Object value) {
        Instant at = store.write(id, field, value);
        if (value == null) {
            values.remove(field);
        } else {
            values.put(field, value);
        }
        updatedAt = at;
    }

    private synchronized void setSecret(OnboardingField<char[]> field, char[] value) {
        char[] v = value == null || value.length == 0 ? null : value;
        Instant at = store.writeSecret(id, field, v);
        if (v == null) {
            secretsPresent.remove(field);
        } else {
            secretsPresent.add(field);
        }
        updatedAt = at;
    }

    private synchronized char[] getSecret(OnboardingField<char[]> field) {
        if (!secretsPresent.contains(field)) {
            return null;
        }
        return store.readSecret(id, field);
    }

    private static Object copy(Object v) {
        if (v instanceof byte[] b) {
            return b.clone();
        }
        if (v instanceof List<?> l) {
            return List.copyOf(new ArrayList<>(l));
        }
        return v;
    }

    @Override
    public synchronized String toString() {
        return "Onboarding[id=" + id + ", label=" + values.get(LABEL) + ", step=" + values.get(STEP) // not user-visible
                + ", sandbox=" + values.get(SANDBOX) + ", secrets=" + secretsPresent + "]"; // not user-visible
    }
}
