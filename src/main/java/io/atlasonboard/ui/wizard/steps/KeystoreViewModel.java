package io.atlasonboard.ui.wizard.steps;

import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.pki.PkiInputs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.pki.WrongPasswordException;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.SafeFiles;
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
        if (!state.keystorePassword.get().isBlank()) {
            newPassword.set(state.keystorePassword.get());
            confirmation.set(state.keystorePassword.get()); // stored earlier: already confirmed then
        }
        keyPasswordKnown = Bindings.createBooleanBinding(() -> !state.keyPassword.get().isBlank(), state.keyPassword);
        canWrite = Bindings.createBooleanBinding(() -> !writing.get() && state.hasCertificate()
                && (keyPasswordKnown.get() || !askedKeyPassword.get().isEmpty())
                && (sameAsKeyPassword.get() || newPasswordOk()),
                writing, state.certificatePem, keyPasswordKnown, askedKeyPassword, sameAsKeyPassword, newPassword,
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
        }, writing, state.certificatePem, keyPasswordKnown, askedKeyPassword, sameAsKeyPassword, newPassword,
                confirmation, strongEnough);
        complete = Bindings.createBooleanBinding(() -> !state.keystorePath.get().isBlank(), state.keystorePath);
        opensslCommand = Bindings.createStringBinding(() -> Pkcs12.opensslCommand("certificate.crt",
                        state.certificatePem.get().split(PEM_CERTIFICATE).length > 2 ? "chain.pem" : null,
                        suggestedBaseName() + ".key.pem", outName(), state.friendlyName.get(), state.profile.get()),
                state.certificatePem, state.friendlyName, state.profile, state.keystorePath);
        newPassword.addListener((o, a, b) -> error.set(""));
        askedKeyPassword.addListener((o, a, b) -> error.set(""));
    }

    private boolean newPasswordOk() {
        return strongEnough.get() && !newPassword.get().isEmpty() && newPassword.get().equals(confirmation.get());
    }

    private void assess(String pw) {
        if (pw == null || pw.isEmpty()) {
            strengthText.set("");
            strengthFraction.set(0);
            strongEnough.set(false);
            return;
        }
        char[] chars = pw.toCharArray();
        try {
            io.atlasonboard.core.store.PassphraseStrength s = io.atlasonboard.core.store.PassphraseStrength.assess(chars);
            strengthText.set(s.hint(I18n.locale()));
            strengthFraction.set(Math.max(0, Math.min(1, s.score() / 4.0)));
            strongEnough.set(s.acceptable());
        } finally {
            Arrays.fill(chars, '\0');
        }
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
        if (state.friendlyName.get().isBlank()) {
            state.friendlyName.set(defaultFriendlyName());
        }
    }

    private String outName() {
        String p = state.keystorePath.get();
        return p.isBlank() ? suggestedBaseName() + ".p12" : p;
    }

    public String defaultFriendlyName() {
        String cn = state.commonName.get();
        return cn.isBlank() ? FRIENDLY_NAME : FRIENDLY_NAME + " " + cn;
    }

    public String suggestedBaseName() {
        String cn = state.commonName.get();
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
        char[] keyPw = (keyPasswordKnown.get() ? state.keyPassword.get() : askedKeyPassword.get()).toCharArray();
        char[] storePw = sameAsKeyPassword.get() ? keyPw.clone() : newPassword.get().toCharArray();
        String keyPem = state.encryptedKeyPem.get();
        String certPem = state.certificatePem.get();
        String friendly = state.friendlyName.get().strip();
        Pkcs12Profile profile = state.profile.get();
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
        String newPw = same ? (keyPasswordKnown.get() ? state.keyPassword.get() : askedKeyPassword.get())
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
                state.keyPassword.set(askedKeyPassword.get());
            }
            state.keystorePassword.set(newPw);
            state.keystore.set(data);
            state.keystorePath.set(file.toString());
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
