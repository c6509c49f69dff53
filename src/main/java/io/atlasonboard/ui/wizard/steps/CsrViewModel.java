package io.atlasonboard.ui.wizard.steps;

import io.atlasonboard.core.pki.Countries;
import io.atlasonboard.core.pki.CsrRequest;
import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.DomainNames;
import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.pki.GlobalSignProfile;
import io.atlasonboard.core.pki.HostNames;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.pki.Normalized;
import io.atlasonboard.core.pki.Passwords;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.wizard.WizardState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Step 2: subject, domain names, key generation and the CSR plus the encrypted private key. */
public final class CsrViewModel {
    public static final String CN_NOTE = CsrRequest.CN_IN_SANS_NOTE;
    public static final String KEY_ALGORITHM = "RSA " + GlobalSignProfile.KEY_SIZE;
    public static final String KEY_REASON = GlobalSignProfile.REASON;

    private final WizardState state;
    private final UiJobs tasks;
    private final FileWriter files;

    /** What the user typed in the CN field; normalised into {@code state.commonName} on commit. */
    private final StringProperty commonNameInput = new SimpleStringProperty("");
    private final StringProperty commonNameChanges = new SimpleStringProperty("");
    private final StringProperty commonNameError = new SimpleStringProperty("");
    private final StringProperty countryError = new SimpleStringProperty("");
    private final StringProperty organizationError = new SimpleStringProperty("");
    private final StringProperty domainInput = new SimpleStringProperty("");
    private final StringProperty domainError = new SimpleStringProperty("");
    private final StringProperty generateError = new SimpleStringProperty("");
    private final StringProperty fileMessage = new SimpleStringProperty("");
    private final BooleanProperty generating = new SimpleBooleanProperty(false);
    private final StringProperty progressMessage = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    /** True only in the session that generated the key: the password is shown once, then only "stored in the vault". */
    private final BooleanProperty showPasswordOnce = new SimpleBooleanProperty(false);
    private final BooleanBinding cnInSans;
    private final BooleanBinding hasCsr;
    private final BooleanBinding canGenerate;
    private final BooleanBinding complete;

    /** Writes a file off the UI thread; private keys owner-only. */
    public interface FileWriter {
        void write(Path file, byte[] content, boolean ownerOnly) throws Exception;
    }

    public CsrViewModel(WizardState state, UiJobs tasks, FileWriter files) {
        this.state = state;
        this.tasks = tasks;
        this.files = files;
        commonNameInput.set(state.commonNameProperty().get());
        state.commonNameProperty().addListener((o, a, b) -> {
            if (!b.equals(commonNameInput.get()) && commonNameChanges.get().isEmpty()) {
                commonNameInput.set(b);
            }
        });
        commonNameInput.addListener((o, a, b) -> commonNameError.set(""));
        state.countryProperty().addListener((o, a, b) -> validateCountry());
        state.organizationProperty().addListener((o, a, b) -> validateOrganization());
        domainInput.addListener((o, a, b) -> domainError.set(""));
        validateCountry();
        cnInSans = Bindings.createBooleanBinding(() -> !state.commonNameProperty().get().isBlank()
                && state.domains().stream().anyMatch(d -> d.equalsIgnoreCase(state.commonNameProperty().get())),
                state.commonNameProperty(), state.domains());
        hasCsr = Bindings.createBooleanBinding(() -> !state.csrPemProperty().get().isBlank(), state.csrPemProperty());
        canGenerate = Bindings.createBooleanBinding(() -> !generating.get() && !hasCsr.get()
                && !state.commonNameProperty().get().isBlank() && commonNameError.get().isEmpty()
                && countryError.get().isEmpty() && !state.organizationProperty().get().isBlank(),
                generating, hasCsr, state.commonNameProperty(), commonNameError, countryError,
                state.organizationProperty());
        complete = hasCsr.and(state.downloadsConfirmedProperty());
    }

    public WizardState state() {
        return state;
    }

    /** Normalises the typed CN (URL reduced to its host) and tells the user what changed. */
    public boolean commitCommonName() {
        String typed = commonNameInput.get();
        if (typed == null || typed.isBlank()) {
            commonNameChanges.set("");
            commonNameError.set("");
            return false;
        }
        try {
            Normalized n = HostNames.normalizeCommonName(typed);
            String old = state.commonNameProperty().get();
            commonNameError.set("");
            commonNameChanges.set(n.changed() ? I18n.t("ui.csr.cn.using", n.value(), HostNames.describeChanges(n))
                    : "");
            state.commonNameProperty().set(n.value());
            commonNameInput.set(n.value());
            // the CN goes into the SAN list (the user may remove it); a changed CN replaces the old one there
            if (!old.isBlank() && !old.equalsIgnoreCase(n.value())) {
                state.domains().removeIf(d -> d.equalsIgnoreCase(old));
            }
            if (state.domains().stream().noneMatch(d -> d.equalsIgnoreCase(n.value()))) {
                state.domains().add(0, n.value());
            }
            return true;
        } catch (InvalidInputException e) {
            commonNameChanges.set("");
            commonNameError.set(I18n.text(e));
            return false;
        }
    }

    private void validateCountry() {
        String c = state.countryProperty().get();
        try {
            Countries.normalize(c);
            countryError.set("");
        } catch (InvalidInputException e) {
            countryError.set(I18n.text(e));
        }
    }

    /** Upper-cases a valid country code in place, once the user leaves the field. */
    public void commitCountry() {
        try {
            state.countryProperty().set(Countries.normalize(state.countryProperty().get()));
        } catch (InvalidInputException e) {
            countryError.set(I18n.text(e));
        }
    }

    private void validateOrganization() {
        String o = state.organizationProperty().get();
        organizationError.set(o != null && o.strip().length() > 64
                ? I18n.t("ui.csr.org.tooLong", o.strip().length()) : "");
    }

    public boolean addDomain() {
        try {
            List<String> next = DomainNames.add(new ArrayList<>(state.domains()), domainInput.get());
            state.domains().setAll(next);
            domainInput.set("");
            domainError.set("");
            return true;
        } catch (InvalidInputException e) {
            domainError.set(I18n.text(e));
            return false;
        }
    }

    public void removeDomain(String name) {
        state.domains().remove(name);
    }

    public void putCnBackInSans() {
        if (!cnInSans.get() && !state.commonNameProperty().get().isBlank()) {
            state.domains().add(0, state.commonNameProperty().get());
        }
    }

    /** Generates the RSA key, the CSR and the encrypted key in the background. */
    public FxTask<Generated> generate() {
        commitCommonName();
        commitCountry();
        if (!canGenerate.get()) {
            return null;
        }
        CsrRequest request = new CsrRequest(state.commonNameProperty().get(), state.countryProperty().get(),
                state.organizationProperty().get(),
                List.copyOf(state.domains()));
        generating.set(true);
        generateError.set("");
        domainError.set("");
        FxTask<Generated> t = tasks.run(I18n.t("ui.csr.progress.task"), p -> {
            p.update(0.05, I18n.t("ui.csr.progress.check"));
            CsrRequest normalized = request.normalized();
            p.update(0.15, I18n.t("ui.csr.progress.key", String.valueOf(GlobalSignProfile.KEY_SIZE)));
            KeyPair kp = Csrs.generateKey(GlobalSignProfile.KEY_SIZE);
            p.update(0.5, I18n.t("ui.csr.progress.sign"));
            PKCS10CertificationRequest csr = Csrs.create(kp, normalized);
            p.checkCancelled();
            p.update(0.65, I18n.t("ui.csr.progress.encrypt"));
            char[] pw = Passwords.generate();
            try {
                String encrypted = EncryptedKeys.encryptPkcs8(kp.getPrivate(), pw);
                p.update(1, I18n.t("ui.csr.progress.done"));
                return new Generated(Csrs.toPem(csr), encrypted, new String(pw));
            } finally {
                Arrays.fill(pw, '\0');
            }
        });
        progress.bind(t.progressProperty());
        progressMessage.bind(t.messageProperty());
        t.whenDone((g, e) -> {
            progress.unbind();
            progressMessage.unbind();
            generating.set(false);
            if (e != null) {
                generateError.set(I18n.text(FxTask.unwrap(e)));
                return;
            }
            state.keyPasswordProperty().set(g.keyPassword());
            state.encryptedKeyPemProperty().set(g.encryptedKeyPem());
            state.csrPemProperty().set(g.csrPem());
            state.downloadsConfirmedProperty().set(false);
            showPasswordOnce.set(true);
        });
        return t;
    }

    public record Generated(String csrPem, String encryptedKeyPem, String keyPassword) {
        @Override
        public String toString() {
            return "Generated[csr, encrypted key, password hidden]"; // not user-visible
        }
    }

    /**
     * Throws the generated key, CSR and password away (and the certificate made for that key), so the subject can be
     * corrected and a new key generated. The view asks for confirmation first.
     */
    public void discardKey() {
        state.certificatePemProperty().set("");
        state.keystorePathProperty().set("");
        state.keystoreProperty().set(null);
        state.csrPemProperty().set("");
        state.encryptedKeyPemProperty().set("");
        state.keyPasswordProperty().set("");
        state.downloadsConfirmedProperty().set(false);
        showPasswordOnce.set(false);
        fileMessage.set("");
    }

    /** Called when the user leaves the step: from now on the password is only "stored in the vault". */
    public void hidePassword() {
        showPasswordOnce.set(false);
    }

    public String suggestedBaseName() {
        String cn = state.commonNameProperty().get().isBlank() ? "atlas-mtls" : state.commonNameProperty().get();
        return cn.replace('*', '_');
    }

    public FxTask<Void> saveCsr(Path file) {
        return save(file, state.csrPemProperty().get(), false, "csr");
    }

    public FxTask<Void> saveKey(Path file) {
        return save(file, state.encryptedKeyPemProperty().get(), true, "key");
    }

    private FxTask<Void> save(Path file, String content, boolean ownerOnly, String kind) {
        fileMessage.set("");
        FxTask<Void> t = tasks.run(I18n.t("ui.csr.save." + kind + ".task"), p -> {
            files.write(file, content.getBytes(StandardCharsets.US_ASCII), ownerOnly);
            return null;
        });
        t.whenDone((v, e) -> fileMessage.set(e == null ? I18n.t("ui.csr.save." + kind + ".done", file)
                : I18n.t("ui.csr.save." + kind + ".failed", I18n.text(FxTask.unwrap(e)))));
        return t;
    }

    // ---- properties ----

    public StringProperty commonNameInputProperty() {
        return commonNameInput;
    }

    public StringProperty commonNameChangesProperty() {
        return commonNameChanges;
    }

    public StringProperty commonNameErrorProperty() {
        return commonNameError;
    }

    public StringProperty countryErrorProperty() {
        return countryError;
    }

    public StringProperty organizationErrorProperty() {
        return organizationError;
    }

    public StringProperty domainInputProperty() {
        return domainInput;
    }

    public StringProperty domainErrorProperty() {
        return domainError;
    }

    public StringProperty generateErrorProperty() {
        return generateError;
    }

    public StringProperty fileMessageProperty() {
        return fileMessage;
    }

    public BooleanProperty generatingProperty() {
        return generating;
    }

    public StringProperty progressMessageProperty() {
        return progressMessage;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty showPasswordOnceProperty() {
        return showPasswordOnce;
    }

    public BooleanBinding cnInSansProperty() {
        return cnInSans;
    }

    public BooleanBinding hasCsrProperty() {
        return hasCsr;
    }

    public BooleanBinding canGenerateProperty() {
        return canGenerate;
    }

    public BooleanBinding completeProperty() {
        return complete;
    }
}
