package io.atlasonboard.ui.wizard;

import io.atlasonboard.core.onboarding.OnboardingField;
import io.atlasonboard.core.pki.Pkcs12Profile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Everything one onboarding has collected so far, as JavaFX properties. Owned by the wizard and shared by its steps;
 * {@link OnboardingSync} fills it from the store and writes every change back (debounced, off the UI thread).
 *
 * <p>Each stored property is declared once, here, with the {@link OnboardingField} it lives in: that declaration
 * drives the snapshot, loading and write-back. A new value for a step is a field in {@link OnboardingField}, one line
 * here and a migration adding its column.
 */
public final class WizardState {
    /** Declared first: the property initializers below register into it. */
    private final List<FieldBinding<?>> bindings = new ArrayList<>();

    private final StringProperty label = text(OnboardingField.LABEL, "");
    private final BooleanProperty sandbox = flag(OnboardingField.SANDBOX);
    /** 0-based index of the step the user is on (stored 1-based; {@link StepNumbers} is the one conversion). */
    private final IntegerProperty step = bind(new SimpleIntegerProperty(0), OnboardingField.STEP,
            n -> n == null ? 0 : StepNumbers.toIndex(n), i -> StepNumbers.toNumber(i.intValue()));

    // step 1
    private final StringProperty apiKey = secretText(OnboardingField.API_KEY);
    private final StringProperty apiSecret = secretText(OnboardingField.API_SECRET);

    // step 2
    private final StringProperty commonName = text(OnboardingField.COMMON_NAME, "");
    private final StringProperty country = text(OnboardingField.COUNTRY, "DE");
    private final StringProperty organization = text(OnboardingField.ORGANIZATION, "");
    private final ObservableList<String> domains = list(OnboardingField.DOMAINS);
    private final StringProperty csrPem = text(OnboardingField.CSR_PEM, "");
    private final StringProperty encryptedKeyPem = text(OnboardingField.ENCRYPTED_KEY_PEM, "");
    private final StringProperty keyPassword = secretText(OnboardingField.KEY_PASSWORD);
    private final BooleanProperty downloadsConfirmed = flag(OnboardingField.DOWNLOADS_CONFIRMED);

    // step 3
    private final StringProperty certificatePem = text(OnboardingField.CERTIFICATE_PEM, "");

    // step 4
    private final StringProperty keystorePassword = secretText(OnboardingField.KEYSTORE_PASSWORD);
    private final StringProperty friendlyName = text(OnboardingField.FRIENDLY_NAME, "");
    private final ObjectProperty<Pkcs12Profile> profile = bind(new SimpleObjectProperty<>(Pkcs12Profile.MODERN),
            OnboardingField.P12_PROFILE, WizardState::profileOf, p -> p == null ? null : p.name());
    private final StringProperty keystorePath = text(OnboardingField.KEYSTORE_PATH, "");
    private final ObjectProperty<byte[]> keystore = bind(new SimpleObjectProperty<>(), OnboardingField.KEYSTORE,
            b -> b, b -> b);

    // step 5: the provider record made from steps 1-4, null until saved
    private final ObjectProperty<Long> providerId = bind(new SimpleObjectProperty<>(), OnboardingField.PROVIDER_ID,
            id -> id, id -> id);
    // step 6 (not persisted): the last connection test of that provider said Good
    private final BooleanProperty connectionGood = new SimpleBooleanProperty(false);

    // ---- accessors (views bind to these) ----

    public StringProperty labelProperty() { return label; }
    public BooleanProperty sandboxProperty() { return sandbox; }
    public IntegerProperty stepProperty() { return step; }
    public StringProperty apiKeyProperty() { return apiKey; }
    public StringProperty apiSecretProperty() { return apiSecret; }
    public StringProperty commonNameProperty() { return commonName; }
    public StringProperty countryProperty() { return country; }
    public StringProperty organizationProperty() { return organization; }
    public ObservableList<String> domains() { return domains; }
    public StringProperty csrPemProperty() { return csrPem; }
    public StringProperty encryptedKeyPemProperty() { return encryptedKeyPem; }
    public StringProperty keyPasswordProperty() { return keyPassword; }
    public BooleanProperty downloadsConfirmedProperty() { return downloadsConfirmed; }
    public StringProperty certificatePemProperty() { return certificatePem; }
    public StringProperty keystorePasswordProperty() { return keystorePassword; }
    public StringProperty friendlyNameProperty() { return friendlyName; }
    public ObjectProperty<Pkcs12Profile> profileProperty() { return profile; }
    public StringProperty keystorePathProperty() { return keystorePath; }
    public ObjectProperty<byte[]> keystoreProperty() { return keystore; }
    public ObjectProperty<Long> providerIdProperty() { return providerId; }
    public BooleanProperty connectionGoodProperty() { return connectionGood; }

    public boolean hasCertificate() {
        return !certificatePem.get().isBlank();
    }

    /** The stored properties with their fields, in declaration order (for {@link OnboardingSync}). */
    List<FieldBinding<?>> bindings() {
        return Collections.unmodifiableList(bindings);
    }

    static Pkcs12Profile profileOf(String name) {
        try {
            return name == null || name.isBlank() ? Pkcs12Profile.MODERN : Pkcs12Profile.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Pkcs12Profile.MODERN;
        }
    }

    // ---- declaring a stored property ----

    private <P extends Property<V>, V, S> P bind(P property, OnboardingField<S> field,
                                                  java.util.function.Function<S, V> shown,
                                                  java.util.function.Function<V, S> stored) {
        bindings.add(FieldBinding.of(property, field, shown, stored));
        return property;
    }

    /** Text; a missing or blank stored value shows {@code empty}. */
    private StringProperty text(OnboardingField<String> field, String empty) {
        return bind(new SimpleStringProperty(empty), field, v -> v == null || v.isBlank() ? empty : v, v -> v);
    }

    private BooleanProperty flag(OnboardingField<Boolean> field) {
        return bind(new SimpleBooleanProperty(false), field, Boolean.TRUE::equals, v -> Boolean.TRUE.equals(v));
    }

    /**
     * A secret the user types into a text control (JavaFX holds control text as String): sealed in the store; the
     * char[] made for each write is wiped once sealed, the snapshot's once shown.
     */
    private StringProperty secretText(OnboardingField<char[]> field) {
        return bind(new SimpleStringProperty(""), field, c -> c == null ? "" : new String(c),
                v -> v == null ? new char[0] : v.toCharArray());
    }

    private ObservableList<String> list(OnboardingField<List<String>> field) {
        ObservableList<String> l = FXCollections.observableArrayList();
        bindings.add(FieldBinding.ofList(l, field));
        return l;
    }
}
