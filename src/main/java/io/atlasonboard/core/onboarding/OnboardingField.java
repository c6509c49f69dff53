package io.atlasonboard.core.onboarding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One stored value of an {@link Onboarding}: its name, its column in the {@code onboarding} table and how it is kept.
 * This list is the one place a wizard value is declared: the store's columns, loading, write-through, the wizard's
 * snapshot and its bindings are all driven by it. Adding a value to a step is one constant here (plus the property
 * in the wizard's state that binds it) and a migration adding the column.
 *
 * <p>Secrets ({@link Kind#SECRET}) are sealed in the store (AES-GCM bound to table, column and row) and handed out
 * as fresh {@code char[]} copies the caller wipes.
 *
 * @param <T> the Java type of the value as the onboarding stores it
 */
public final class OnboardingField<T> {
    /** How a value is stored. */
    public enum Kind {
        TEXT(String.class), FLAG(Boolean.class), NUMBER(Integer.class), ID(Long.class), BYTES(byte[].class),
        LIST(List.class), SECRET(char[].class);

        private final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        public Class<?> type() {
            return type;
        }
    }

    private static final List<OnboardingField<?>> ALL = new ArrayList<>();

    public static final OnboardingField<String> LABEL = text("LABEL", "label");
    /** The 1-based step number (1 credentials ... 7 DNS, 8 done); the wizard converts at one named boundary. */
    public static final OnboardingField<Integer> STEP = new OnboardingField<>("STEP", "step", Kind.NUMBER);
    public static final OnboardingField<Boolean> SANDBOX = flag("SANDBOX", "sandbox");
    // step 1
    public static final OnboardingField<char[]> API_KEY = secret("API_KEY", "api_key_enc");
    public static final OnboardingField<char[]> API_SECRET = secret("API_SECRET", "api_secret_enc");
    // step 2
    public static final OnboardingField<String> COMMON_NAME = text("COMMON_NAME", "common_name");
    public static final OnboardingField<String> COUNTRY = text("COUNTRY", "country");
    public static final OnboardingField<String> ORGANIZATION = text("ORGANIZATION", "organization");
    public static final OnboardingField<List<String>> DOMAINS = new OnboardingField<>("DOMAINS", "domains_json",
            Kind.LIST);
    public static final OnboardingField<String> CSR_PEM = text("CSR_PEM", "csr_pem");
    /** The private key as encrypted PKCS#8 PEM (never a clear key). */
    public static final OnboardingField<String> ENCRYPTED_KEY_PEM = text("ENCRYPTED_KEY_PEM", "encrypted_key_pem");
    public static final OnboardingField<char[]> KEY_PASSWORD = secret("KEY_PASSWORD", "key_password_enc");
    public static final OnboardingField<Boolean> DOWNLOADS_CONFIRMED = flag("DOWNLOADS_CONFIRMED",
            "downloads_confirmed");
    // step 3
    /** Leaf + chain PEM as pasted/normalised. */
    public static final OnboardingField<String> CERTIFICATE_PEM = text("CERTIFICATE_PEM", "certificate_pem");
    // step 4
    public static final OnboardingField<byte[]> KEYSTORE = new OnboardingField<>("KEYSTORE", "keystore", Kind.BYTES);
    public static final OnboardingField<char[]> KEYSTORE_PASSWORD = secret("KEYSTORE_PASSWORD",
            "keystore_password_enc");
    public static final OnboardingField<String> FRIENDLY_NAME = text("FRIENDLY_NAME", "friendly_name");
    public static final OnboardingField<String> P12_PROFILE = text("P12_PROFILE", "p12_profile");
    /** Where the user saved the keystore file. */
    public static final OnboardingField<String> KEYSTORE_PATH = text("KEYSTORE_PATH", "keystore_path");
    // step 5
    /** The provider record created in step 5, or null. */
    public static final OnboardingField<Long> PROVIDER_ID = new OnboardingField<>("PROVIDER_ID", "provider_id",
            Kind.ID);
    // sandbox
    public static final OnboardingField<String> SANDBOX_BASE_URL = text("SANDBOX_BASE_URL", "sandbox_base_url");
    public static final OnboardingField<String> SANDBOX_SERVER_CA_PEM = text("SANDBOX_SERVER_CA_PEM",
            "sandbox_server_ca_pem");
    /** True once the user finished the last step (the start page lists it as complete). */
    public static final OnboardingField<Boolean> COMPLETED = flag("COMPLETED", "completed");

    private final String name;
    private final String column;
    private final Kind kind;

    private OnboardingField(String name, String column, Kind kind) {
        this.name = name;
        this.column = column;
        this.kind = kind;
        ALL.add(this);
    }

    private static OnboardingField<String> text(String name, String column) {
        return new OnboardingField<>(name, column, Kind.TEXT);
    }

    private static OnboardingField<Boolean> flag(String name, String column) {
        return new OnboardingField<>(name, column, Kind.FLAG);
    }

    private static OnboardingField<char[]> secret(String name, String column) {
        return new OnboardingField<>(name, column, Kind.SECRET);
    }

    /** Every field, in declaration order. */
    public static List<OnboardingField<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    public String name() {
        return name;
    }

    /** The column in the {@code onboarding} table. */
    public String column() {
        return column;
    }

    public Kind kind() {
        return kind;
    }

    public boolean secret() {
        return kind == Kind.SECRET;
    }

    /** Checks a value's type before it is stored ({@code null} clears). */
    public Object check(Object value) {
        if (value != null && !kind.type().isInstance(value)) {
            throw new IllegalArgumentException(name + " expects " + kind.type().getSimpleName()); // not user-visible
        }
        return value;
    }

    @Override
    public String toString() {
        return name;
    }
}
