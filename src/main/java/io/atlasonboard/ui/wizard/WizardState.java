package io.atlasonboard.ui.wizard;

import io.atlasonboard.core.pki.Pkcs12Profile;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
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
 */
public final class WizardState {
    public final StringProperty label = new SimpleStringProperty("");
    public final BooleanProperty sandbox = new SimpleBooleanProperty(false);
    /** 0-based index of the step the user is on. */
    public final IntegerProperty step = new SimpleIntegerProperty(0);

    // step 1
    public final StringProperty apiKey = new SimpleStringProperty("");
    public final StringProperty apiSecret = new SimpleStringProperty("");

    // step 2
    public final StringProperty commonName = new SimpleStringProperty("");
    public final StringProperty country = new SimpleStringProperty("DE");
    public final StringProperty organization = new SimpleStringProperty("");
    public final ObservableList<String> domains = FXCollections.observableArrayList();
    public final StringProperty csrPem = new SimpleStringProperty("");
    public final StringProperty encryptedKeyPem = new SimpleStringProperty("");
    public final StringProperty keyPassword = new SimpleStringProperty("");
    public final BooleanProperty downloadsConfirmed = new SimpleBooleanProperty(false);

    // step 3
    public final StringProperty certificatePem = new SimpleStringProperty("");

    // step 4
    public final StringProperty keystorePassword = new SimpleStringProperty("");
    public final StringProperty friendlyName = new SimpleStringProperty("");
    public final ObjectProperty<Pkcs12Profile> profile = new SimpleObjectProperty<>(Pkcs12Profile.MODERN);
    public final StringProperty keystorePath = new SimpleStringProperty("");
    public final ObjectProperty<byte[]> keystore = new SimpleObjectProperty<>();

    // step 5 (persisted): the provider record made from steps 1-4, null until saved
    public final ObjectProperty<Long> providerId = new SimpleObjectProperty<>();
    // step 6 (not persisted): the last connection test of that provider said Good
    public final BooleanProperty connectionGood = new SimpleBooleanProperty(false);

    public boolean hasCsr() {
        return !csrPem.get().isBlank();
    }

    public boolean hasCertificate() {
        return !certificatePem.get().isBlank();
    }
}
