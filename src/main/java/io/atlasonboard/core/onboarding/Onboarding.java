package io.atlasonboard.core.onboarding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One onboarding in progress. Every setter persists immediately (one short transaction), so quitting at any moment
 * loses nothing. Thread-safe: setters may be called from background threads. Secrets are not held here: secret
 * setters encrypt into the store and wipe nothing of the caller's array (the caller wipes it); secret getters decrypt
 * a fresh {@code char[]} copy the caller should wipe when done. Obtain instances from
 * {@code store.onboardings().create(..)} or {@code load(id)}.
 */
public final class Onboarding {
    public static final int FIRST_STEP = 1;
    /** Steps of DESIGN.md: 1 credentials, 2 CSR, 3 mTLS certificate, 4 PKCS#12, 5 provider, 6 status, 7 DNS, 8 done. */
    public static final int LAST_STEP = 8;

    /** Plain (not secret) fields and the Java type of their value. */
    public enum Field {
        LABEL(String.class), STEP(Integer.class), SANDBOX(Boolean.class),
        API_KEY(String.class),
        COMMON_NAME(String.class), COUNTRY(String.class), ORGANIZATION(String.class), DOMAINS(List.class),
        CSR_PEM(String.class), ENCRYPTED_KEY_PEM(String.class), DOWNLOADS_CONFIRMED(Boolean.class),
        CERTIFICATE_PEM(String.class),
        KEYSTORE(byte[].class), FRIENDLY_NAME(String.class), P12_PROFILE(String.class), KEYSTORE_PATH(String.class),
        PROVIDER_ID(Long.class),
        SANDBOX_BASE_URL(String.class), SANDBOX_SERVER_CA_PEM(String.class), COMPLETED(Boolean.class);

        private final Class<?> type;

        Field(Class<?> type) {
            this.type = type;
        }

        public Class<?> type() {
            return type;
        }
    }

    /** Secret fields, stored encrypted. */
    public enum SecretField {
        API_SECRET, KEY_PASSWORD, KEYSTORE_PASSWORD
    }

    private final long id;
    private final OnboardingPersistence store;
    private final Instant createdAt;
    private final Map<Field, Object> values = new EnumMap<>(Field.class);
    private final Set<SecretField> secretsPresent = EnumSet.noneOf(SecretField.class);
    private Instant updatedAt;

    private Onboarding(long id, OnboardingPersistence store, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.store = Objects.requireNonNull(store);
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /**
     * For the store only: rebuilds an onboarding from persisted values (types as {@link Field#type()}; byte[] and
     * lists are copied).
     */
    public static Onboarding restore(long id, OnboardingPersistence store, Map<Field, Object> values,
                                     Set<SecretField> secretsPresent, Instant createdAt, Instant updatedAt) {
        Onboarding o = new Onboarding(id, store, createdAt, updatedAt);
        for (Map.Entry<Field, Object> e : values.entrySet()) {
            if (e.getValue() != null) {
                o.values.put(e.getKey(), copyIn(e.getKey(), e.getValue()));
            }
        }
        o.secretsPresent.addAll(secretsPresent);
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

    // ---- general ----

    public synchronized String getLabel() {
        return (String) values.get(Field.LABEL);
    }

    public void setLabel(String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("The onboarding needs a name.");
        }
        set(Field.LABEL, label.strip());
    }

    public synchronized int getStep() {
        Integer s = (Integer) values.get(Field.STEP);
        return s == null ? FIRST_STEP : s;
    }

    public void setStep(int step) {
        if (step < FIRST_STEP || step > LAST_STEP) {
            throw new IllegalArgumentException("Step must be between " + FIRST_STEP + " and " + LAST_STEP + ".");
        }
        set(Field.STEP, step);
    }

    public synchronized boolean isSandbox() {
        return Boolean.TRUE.equals(values.get(Field.SANDBOX));
    }

    public void setSandbox(boolean sandbox) {
        set(Field.SANDBOX, sandbox);
    }

    // ---- step 1 ----

    public synchronized String getApiKey() {
        return (String) values.get(Field.API_KEY);
    }

    public void setApiKey(String apiKey) {
        set(Field.API_KEY, apiKey);
    }

    public char[] getApiSecret() {
        return getSecret(SecretField.API_SECRET);
    }

    public void setApiSecret(char[] apiSecret) {
        setSecret(SecretField.API_SECRET, apiSecret);
    }

    public synchronized boolean hasApiSecret() {
        return secretsPresent.contains(SecretField.API_SECRET);
    }

    // ---- step 2 ----

    public synchronized String getCommonName() {
        return (String) values.get(Field.COMMON_NAME);
    }

    public void setCommonName(String v) {
        set(Field.COMMON_NAME, v);
    }

    public synchronized String getCountry() {
        return (String) values.get(Field.COUNTRY);
    }

    public void setCountry(String v) {
        set(Field.COUNTRY, v);
    }

    public synchronized String getOrganization() {
        return (String) values.get(Field.ORGANIZATION);
    }

    public void setOrganization(String v) {
        set(Field.ORGANIZATION, v);
    }

    /** Never null; an unmodifiable copy. */
    @SuppressWarnings("unchecked")
    public synchronized List<String> getDomains() {
        List<String> d = (List<String>) values.get(Field.DOMAINS);
        return d == null ? List.of() : List.copyOf(d);
    }

    public void setDomains(List<String> domains) {
        set(Field.DOMAINS, domains == null ? null : List.copyOf(domains));
    }

    public synchronized String getCsrPem() {
        return (String) values.get(Field.CSR_PEM);
    }

    public void setCsrPem(String v) {
        set(Field.CSR_PEM, v);
    }

    /** The private key as encrypted PKCS#8 PEM (never a clear key). */
    public synchronized String getEncryptedKeyPem() {
        return (String) values.get(Field.ENCRYPTED_KEY_PEM);
    }

    public void setEncryptedKeyPem(String v) {
        if (v != null && (v.contains("-----BEGIN PRIVATE KEY-----") || v.contains("-----BEGIN RSA PRIVATE KEY-----")
                || v.contains("-----BEGIN EC PRIVATE KEY-----"))) {
            throw new IllegalArgumentException("Only an encrypted private key (ENCRYPTED PRIVATE KEY) is stored.");
        }
        set(Field.ENCRYPTED_KEY_PEM, v);
    }

    public char[] getKeyPassword() {
        return getSecret(SecretField.KEY_PASSWORD);
    }

    public void setKeyPassword(char[] v) {
        setSecret(SecretField.KEY_PASSWORD, v);
    }

    public synchronized boolean hasKeyPassword() {
        return secretsPresent.contains(SecretField.KEY_PASSWORD);
    }

    /** True once the user finished the last step (the start page lists it as complete). */
    public synchronized boolean isCompleted() {
        return Boolean.TRUE.equals(values.get(Field.COMPLETED));
    }

    public void setCompleted(boolean v) {
        set(Field.COMPLETED, v);
    }

    public synchronized boolean isDownloadsConfirmed() {
        return Boolean.TRUE.equals(values.get(Field.DOWNLOADS_CONFIRMED));
    }

    public void setDownloadsConfirmed(boolean v) {
        set(Field.DOWNLOADS_CONFIRMED, v);
    }

    // ---- step 3 ----

    /** Leaf + chain PEM as pasted/normalised. */
    public synchronized String getCertificatePem() {
        return (String) values.get(Field.CERTIFICATE_PEM);
    }

    public void setCertificatePem(String v) {
        set(Field.CERTIFICATE_PEM, v);
    }

    // ---- step 4 ----

    /** PKCS#12 bytes (a copy), or null. */
    public synchronized byte[] getKeystore() {
        byte[] k = (byte[]) values.get(Field.KEYSTORE);
        return k == null ? null : k.clone();
    }

    public void setKeystore(byte[] v) {
        set(Field.KEYSTORE, v == null ? null : v.clone());
    }

    public char[] getKeystorePassword() {
        return getSecret(SecretField.KEYSTORE_PASSWORD);
    }

    public void setKeystorePassword(char[] v) {
        setSecret(SecretField.KEYSTORE_PASSWORD, v);
    }

    public synchronized boolean hasKeystorePassword() {
        return secretsPresent.contains(SecretField.KEYSTORE_PASSWORD);
    }

    public synchronized String getFriendlyName() {
        return (String) values.get(Field.FRIENDLY_NAME);
    }

    public void setFriendlyName(String v) {
        set(Field.FRIENDLY_NAME, v);
    }

    public synchronized String getP12Profile() {
        return (String) values.get(Field.P12_PROFILE);
    }

    public void setP12Profile(String v) {
        set(Field.P12_PROFILE, v);
    }

    /** Where the user saved the keystore file. */
    public synchronized String getKeystorePath() {
        return (String) values.get(Field.KEYSTORE_PATH);
    }

    public void setKeystorePath(String v) {
        set(Field.KEYSTORE_PATH, v);
    }

    // ---- step 5 ----

    /** The provider record created in step 5, or null. */
    public synchronized Long getProviderId() {
        return (Long) values.get(Field.PROVIDER_ID);
    }

    public void setProviderId(Long v) {
        set(Field.PROVIDER_ID, v);
    }

    // ---- sandbox ----

    public synchronized String getSandboxBaseUrl() {
        return (String) values.get(Field.SANDBOX_BASE_URL);
    }

    public void setSandboxBaseUrl(String v) {
        set(Field.SANDBOX_BASE_URL, v);
    }

    public synchronized String getSandboxServerCaPem() {
        return (String) values.get(Field.SANDBOX_SERVER_CA_PEM);
    }

    public void setSandboxServerCaPem(String v) {
        set(Field.SANDBOX_SERVER_CA_PEM, v);
    }

    // ---- plumbing ----

    private synchronized void set(Field field, Object value) {
        Instant at = store.write(id, field, value);
        if (value == null) {
            values.remove(field);
        } else {
            values.put(field, value);
        }
        updatedAt = at;
    }

    private synchronized void setSecret(SecretField field, char[] value) {
        char[] v = value == null || value.length == 0 ? null : value;
        Instant at = store.writeSecret(id, field, v);
        if (v == null) {
            secretsPresent.remove(field);
        } else {
            secretsPresent.add(field);
        }
        updatedAt = at;
    }

    private synchronized char[] getSecret(SecretField field) {
        if (!secretsPresent.contains(field)) {
            return null;
        }
        return store.readSecret(id, field);
    }

    private static Object copyIn(Field f, Object v) {
        if (v instanceof byte[] b) {
            return b.clone();
        }
        if (v instanceof List<?> l) {
            return List.copyOf(new ArrayList<>(l));
        }
        if (!f.type().isInstance(v)) {
            throw new IllegalArgumentException(f + " expects " + f.type().getSimpleName());
        }
        return v;
    }

    @Override
    public synchronized String toString() {
        return "Onboarding[id=" + id + ", label=" + getLabel() + ", step=" + getStep() + ", sandbox=" + isSandbox()
                + ", secrets=" + secretsPresent + "]";
    }

}
