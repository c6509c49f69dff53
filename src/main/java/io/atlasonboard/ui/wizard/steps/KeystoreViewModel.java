package io.atlasonboard.ui.wizard.steps;

import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.pki.PkiInputs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.pki.WrongPasswordException;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.SafeFiles;
import io.atlasonboard.ui.common.StrengthMeter;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.wizard.WizardState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Step 4: certificate (+ chain) and the private key into a PKCS#12 keystore, written, re-opened and checked. */
public final class KeystoreViewModel {
    private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----"; // not user-visible
    /** The default friendly name (the alias written into the keystore), a product name in every language. */
    private static final String FRIENDLY_NAME = "GlobalSign Atlas mTLS"; // not user-visible
    private final WizardState state;
    private final UiJobs tasks;

    /** Only used when the vault has no key password (key from elsewhere). */
    private final StringProperty askedKeyPassword = new SimpleStringProperty("");
    private final BooleanProperty sameAsKeyPassword = new SimpleBooleanProperty(false);
    /** The new keystore password as typed (saved to the vault only once the keystore is written). */
    private final StringProperty newPassword = new SimpleStringProperty("");
    /** The keystore password typed a second time. */
    private final StringProperty confirmation = new SimpleStringProperty("");
    /** Strength of the new password, as for the master passphrase (0..1 and a hint). */
    private final javafx.beans.property.DoubleProperty strengthFraction = new javafx.beans.property.SimpleDoubleProperty();
    private final StringProperty strengthText = new SimpleStringProperty("");
    private final BooleanProperty strongEnough = new SimpleBooleanProperty(false);
    /** Why "Save keystore as…" is disabled now, or "" (shown beside the button). */
    private final StringBinding blockedReason;
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty success = new SimpleStringProperty("");
    private final BooleanProperty writing = new SimpleBooleanProperty(false);
    private final StringProperty progressMessage = new SimpleStringProperty("");
    private final BooleanBinding keyPasswordKnown;
    private final BooleanBinding canWrite;
    private final BooleanBinding complete;
    private final StringBinding opensslCommand;

    public KeystoreViewModel(WizardState state, UiJobs tasks) {
        this.state = state;
        this.tasks = tasks;
        newPassword.addListener((o, a, b) -> assess(b));
        if (!state.keystorePasswordProperty().get().isBlank()) {
            newPassword.set(state.keystorePasswordProperty().get());
            confirmation.set(state.keystorePasswordProperty().get()); // stored earlier: already confirmed then
        }
        keyPasswordKnown = Bindings.createBooleanBinding(() -> !state.keyPasswordProperty().get().isBlank(),
                state.keyPasswordProperty());
        canWrite = Bindings.createBooleanBinding(() -> !writing.get() && state.hasCertificate()
                && (keyPasswordKnown.get() || !askedKeyPassword.get().isEmpty())
                && (sameAsKeyPassword.get() || newPasswordOk()),
                writing, state.certificatePemProperty(), keyPasswordKnown, askedKeyPassword, sameAsKeyPassword,
                newPassword,
                confirmation, strongEnough);
        blockedReason = Bindings.createStringBinding(() -> {
            if (writing.get()) {
                return "";
            }
            if (!state.hasCertificate()) {
                return I18n.t("ui.keystore.blocked.certificate");
            }
            if (!keyPasswordKnown.get() && askedKeyPassword.get().isEmpty()) {
                return I18n.t("ui.keystore.blocked.keyPassword");
            }
            if (sameAsKeyPassword.get()) {
                return "";
            }
            if (newPassword.get().isEmpty()) {
                return I18n.t("ui.keystore.blocked.choose");
            }
            if (!strongEnough.get()) {
                return I18n.t("ui.keystore.blocked.weak");
            }
            return newPassword.get().equals(confirmation.get()) ? "" : I18n.t("ui.keystore.blocked.repeat");
        }, writing, state.certificatePemProperty(), keyPasswordKnown, askedKeyPassword, sameAsKeyPassword, newPassword,
                confirmation, strongEnough);
        complete = Bindings.createBooleanBinding(() -> !state.keystorePathProperty().get().isBlank(),
                state.keystorePathProperty());
        opensslCommand = Bindings.createStringBinding(() -> Pkcs12.opensslCommand("certificate.crt",
                        state.certificatePemProperty().get().split(PEM_CERTIFICATE).length > 2 ? "chain.pem" : null,
                        suggestedBaseName() + ".key.pem", outName(), state.friendlyNameProperty().get(),
                        state.profileProperty().get()),
                state.certificatePemProperty(), state.friendlyNameProperty(), state.profileProperty(),
                state.keystorePathProperty());
        newPassword.addListener((o, a, b) -> error.set(""));
        askedKeyPassword.addListener((o, a, b) -> error.set(""));
    }

    private boolean newPasswordOk() {
        return strongEnough.get() && !newPassword.get().isEmpty() && newPassword.get().equals(confirmation.get());
    }

    private void assess(String pw) {
        StrengthMeter.assess(pw, strengthText, strengthFraction, strongEnough);
    }

    /** "The passwords match." / "do not match yet", or "" while the confirmation is empty. */
    public String confirmationHint() {
        if (confirmation.get().isEmpty()) {
            return "";
        }
        return newPassword.get().equals(confirmation.get()) ? I18n.t("ui.keystore.match")
                : I18n.t("ui.keystore.noMatch");
    }

    /** On entering the step: a friendly name from the CN unless the user chose one. */
    public void prepare() {
        if (state.friendlyNameProperty().get().isBlank()) {
            state.friendlyNameProperty().set(defaultFriendlyName());
        }
    }

    private String outName() {
        String p = state.keystorePathProperty().get();
        return p.isBlank() ? suggestedBaseName() + ".p12" : p;
    }

    public String defaultFriendlyName() {
        String cn = state.commonNameProperty().get();
        return cn.isBlank() ? FRIENDLY_NAME : FRIENDLY_NAME + " " + cn;
    }

    public String suggestedBaseName() {
        String cn = state.commonNameProperty().get();
        return cn.isBlank() ? "certificate-and-private-key" : cn.replace('*', '_');
    }

    public String suggestedFileName() {
        return suggestedBaseName() + ".p12";
    }

    public List<Pkcs12Profile> profiles() {
        return List.of(Pkcs12Profile.MODERN, Pkcs12Profile.COMPATIBILITY);
    }

    /** Writes the keystore to {@code file} in the background, re-opens it and checks it before reporting success. */
    public FxTask<byte[]> write(Path file) {
        if (!canWrite.get()) {
            return null;
        }
        error.set("");
        success.set("");
        writing.set(true);
        char[] keyPw = (keyPasswordKnown.get() ? state.keyPasswordProperty().get()
                : askedKeyPassword.get()).toCharArray();
        char[] storePw = sameAsKeyPassword.get() ? keyPw.clone() : newPassword.get().toCharArray();
        String keyPem = state.encryptedKeyPemProperty().get();
        String certPem = state.certificatePemProperty().get();
        String friendly = state.friendlyNameProperty().get().strip();
        Pkcs12Profile profile = state.profileProperty().get();
        FxTask<byte[]> t = tasks.run(I18n.t("ui.keystore.task"), p -> {
            try {
                p.update(0.1, I18n.t("ui.keystore.progress.decrypt"));
                PrivateKey key = EncryptedKeys.decrypt(keyPem, keyPw);
                List<X509Certificate> chain = PkiInputs.parse(certPem.getBytes(StandardCharsets.US_ASCII))
                        .certificates();
                p.update(0.35, I18n.t("ui.keystore.progress.build",
                        profile.name().toLowerCase(java.util.Locale.ROOT)));
                byte[] data = Pkcs12.write(key, chain, storePw, friendly, profile);
                p.update(0.6, I18n.t("ui.keystore.progress.write", file.getFileName()));
                SafeFiles.write(file, data, true);
                p.update(0.8, I18n.t("ui.keystore.progress.check"));
                byte[] back = SafeFiles.read(file, 16L * 1024 * 1024);
                Pkcs12.verifyWritten(back, storePw, key, chain);
                p.update(1, I18n.t("ui.keystore.progress.done"));
                return back;
            } finally {
                Arrays.fill(keyPw, '\0');
                Arrays.fill(storePw, '\0');
            }
        });
        progressMessage.bind(t.messageProperty());
        boolean same = sameAsKeyPassword.get();
        String newPw = same ? (keyPasswordKnown.get() ? state.keyPasswordProperty().get() : askedKeyPassword.get())
                : newPassword.get();
        t.whenDone((data, e) -> {
            progressMessage.unbind();
            writing.set(false);
            if (e != null) {
                Throwable c = FxTask.unwrap(e);
                error.set(c instanceof WrongPasswordException
                        ? I18n.t("ui.keystore.error.wrongKeyPassword", I18n.text(c)) : I18n.text(c));
                return;
            }
            if (!keyPasswordKnown.get()) {
                state.keyPasswordProperty().set(askedKeyPassword.get());
            }
            state.keystorePasswordProperty().set(newPw);
            state.keystoreProperty().set(data);
            state.keystorePathProperty().set(file.toString());
            success.set(I18n.t(certPem.split(PEM_CERTIFICATE).length > 2
                    ? "ui.keystore.success.chain" : "ui.keystore.success", file.toString(),
                    Integer.toString(data.length)));
        });
        return t;
    }

    // ---- properties ----

    public StringProperty askedKeyPasswordProperty() {
        return askedKeyPassword;
    }

    public BooleanProperty sameAsKeyPasswordProperty() {
        return sameAsKeyPassword;
    }

    public StringProperty newPasswordProperty() {
        return newPassword;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    public javafx.beans.property.DoubleProperty strengthFractionProperty() {
        return strengthFraction;
    }

    public StringProperty strengthTextProperty() {
        return strengthText;
    }

    public StringBinding blockedReasonProperty() {
        return blockedReason;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty successProperty() {
        return success;
    }

    public BooleanProperty writingProperty() {
        return writing;
    }

    public StringProperty progressMessageProperty() {
        return progressMessage;
    }

    public BooleanBinding keyPasswordKnownProperty() {
        return keyPasswordKnown;
    }

    public BooleanBinding canWriteProperty() {
        return canWrite;
    }

    public BooleanBinding completeProperty() {
        return complete;
    }

    public StringBinding opensslCommandProperty() {
        return opensslCommand;
    }
}
