package io.atlasonboard.ui.certificates;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.issuance.CertificateExport;
import io.atlasonboard.core.issuance.IssuanceService;
import io.atlasonboard.core.issuance.IssuedCertificate;
import io.atlasonboard.core.pki.BoundedFiles;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.core.store.CertificateStatus;
import io.atlasonboard.core.store.SecretChars;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.SafeFiles;
import io.atlasonboard.ui.common.StrengthMeter;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.providers.ProviderConnector;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Rekey…" of an issued certificate ({@link IssuanceService#rekey}): GlobalSign issues a new certificate with a new
 * serial for the same names and a new key; the old certificate stays as it is. The new key is generated here and
 * saved with the certificate as a PKCS#12 keystore under a new password (confirmed, with a strength hint like the
 * keystore step), or the public key comes from a CSR file and the certificate is saved as PEM with its chain.
 */
public final class RekeyViewModel {
    public enum KeySource { NEW_KEY, CSR }

    private final long providerId;
    private final ProviderConnector connector;
    private final UiJobs jobs;
    private final FileOpener files;
    private final Clock clock;
    private final Consumer<CertificateRecord> onRekeyed;

    private final ObjectProperty<CertificateRecord> target = new SimpleObjectProperty<>();
    private final BooleanProperty open = new SimpleBooleanProperty(false);
    private final ObjectProperty<KeySource> keySource = new SimpleObjectProperty<>(KeySource.NEW_KEY);
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty confirmation = new SimpleStringProperty("");
    private final StringProperty strengthText = new SimpleStringProperty("");
    private final DoubleProperty strengthFraction = new SimpleDoubleProperty(0);
    private final BooleanProperty strongEnough = new SimpleBooleanProperty(false);
    private final ObjectProperty<Path> csrFile = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty newSerial = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringBinding blocked;
    private final BooleanBinding possible;
    private final StringBinding confirmationHint;
    private FxTask<?> running;

    /** @param onRekeyed gets the new certificate's record (on the UI thread) once it is stored */
    public RekeyViewModel(long providerId, ProviderConnector connector, UiJobs jobs, FileOpener files, Clock clock,
            Consumer<CertificateRecord> onRekeyed) {
        this.providerId = providerId;
        this.connector = Objects.requireNonNull(connector);
        this.jobs = Objects.requireNonNull(jobs);
        this.files = Objects.requireNonNull(files);
        this.clock = Objects.requireNonNull(clock);
        this.onRekeyed = onRekeyed == null ? r -> { } : onRekeyed;
        blocked = Bindings.createStringBinding(() -> blockedReason(target.get()), target);
        possible = Bindings.createBooleanBinding(() -> blocked.get().isEmpty(), blocked);
        confirmationHint = Bindings.createStringBinding(() -> confirmation.get().isEmpty() ? ""
                : I18n.t(confirmation.get().equals(password.get()) ? "ui.certificates.rekey.match"
                        : "ui.certificates.rekey.noMatch"), password, confirmation);
        password.addListener((o, a, b) -> assess(b));
        confirmation.addListener((o, a, b) -> error.set(""));
        keySource.addListener((o, a, b) -> error.set(""));
        target.addListener((o, a, b) -> {
            if (!blocked.get().isEmpty()) {
                open.set(false);
            }
        });
    }

    /** Why the selected certificate cannot be rekeyed now ("" when it can). */
    String blockedReason(CertificateRecord r) {
        if (r == null) {
            return I18n.t("ui.certificates.rekeyBlocked.none");
        }
        if (r.status() == CertificateStatus.REVOKED) {
            return I18n.t("ui.certificates.rekeyBlocked.REVOKED");
        }
        if (r.status() != CertificateStatus.ISSUED || r.certificatePem() == null) {
            return I18n.t("ui.certificates.rekeyBlocked.PENDING");
        }
        if (r.notAfter() != null && !r.notAfter().isAfter(clock.instant())) {
            return I18n.t("ui.certificates.rekeyBlocked.expired", I18n.date(r.notAfter()));
        }
        return "";
    }

    private void assess(String pw) {
        error.set("");
        StrengthMeter.assess(pw, strengthText, strengthFraction, strongEnough);
    }

    /** Opens the rekey form for the selected certificate (only when it can be rekeyed). */
    public void begin() {
        if (possible.get()) {
            error.set("");
            message.set("");
            newSerial.set("");
            open.set(true);
        }
    }

    /** Closes the form; a rekey still running is cancelled (a new certificate already requested stays listed). */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
        open.set(false);
        password.set("");
        confirmation.set("");
    }

    /** "Browse…" for the CSR file (the file is read in the background when rekeying). */
    public void chooseCsr() {
        files.open(I18n.t("ui.certificates.rekey.csr.dialog"), List.of("*.csr", "*.pem", "*.req"))
                .ifPresent(p -> {
                    csrFile.set(p);
                    error.set("");
                });
    }

    /** Problems of the form ("" when the rekey may start). */
    String formProblem() {
        if (keySource.get() == KeySource.CSR) {
            return csrFile.get() == null ? I18n.t("ui.certificates.rekey.csr.missing") : "";
        }
        if (password.get().isEmpty() || !strongEnough.get()) {
            return I18n.t("ui.certificates.rekey.password.weak");
        }
        return password.get().equals(confirmation.get()) ? "" : I18n.t("ui.certificates.rekey.password.repeat");
    }

    /** Asks where to save the result, then rekeys in the background and saves the new certificate there. */
    public void rekey() {
        CertificateRecord old = target.get();
        if (old == null || !blocked.get().isEmpty() || busy.get()) {
            return;
        }
        String problem = formProblem();
        if (!problem.isEmpty()) {
            error.set(problem);
            return;
        }
        error.set("");
        boolean newKey = keySource.get() == KeySource.NEW_KEY;
        String name = CertificateExport.fileName(old) + (newKey ? "-rekeyed.p12" : "-rekeyed.pem"); // not user-visible
        Path csr = csrFile.get();
        String csrWhat = I18n.t("ui.certificates.rekey.csr.what");
        char[] pw = newKey ? password.get().toCharArray() : null;
        var chosen = files.save(I18n.t(newKey ? "ui.certificates.rekey.save.p12" : "ui.certificates.rekey.save.pem"),
                name, List.of(newKey ? "*.p12" : "*.pem"));
        if (chosen.isEmpty()) {
            SecretChars.wipe(pw);
            return;
        }
        Path out = chosen.get();
        busy.set(true);
        progress.set(0);
        message.set(I18n.t("ui.certificates.rekey.running", CertificatesViewModel.describe(old)));
        running = jobs.run(I18n.t("ui.certificates.job.rekey"), p -> {
            try (AtlasClient c = connector.client(providerId)) {
                String csrPem = csr == null || newKey ? null : new String(BoundedFiles.read(csr,
                        BoundedFiles.MAX_INPUT_BYTES, csrWhat), StandardCharsets.UTF_8);
                IssuedCertificate issued = new IssuanceService(connector.store(),
                        connector.store().providers().get(providerId), c).clock(clock)
                        .pickup(Duration.ofMinutes(2), Duration.ofSeconds(1)).rekey(old.serial(), csrPem, p);
                if (!issued.pending()) {
                    byte[] bytes = newKey ? CertificateExport.pkcs12(issued, pw)
                            : CertificateExport.pem(issued).getBytes(StandardCharsets.US_ASCII);
                    SafeFiles.write(out, bytes, newKey);
                }
                return issued;
            } finally {
                SecretChars.wipe(pw);
            }
        }).onProgress(pr -> {
            if (pr.fraction() >= 0) {
                progress.set(pr.fraction());
            }
        }).onSuccess(issued -> {
            running = null;
            busy.set(false);
            progress.set(1);
            newSerial.set(issued.serial());
            password.set("");
            confirmation.set("");
            message.set(issued.pending()
                    ? I18n.t("ui.certificates.rekey.pending", old.serial(), issued.serial())
                    : I18n.t("ui.certificates.rekey.done", old.serial(), issued.serial(), String.valueOf(out)));
            open.set(false);
            onRekeyed.accept(issued.record());
        }).onFailure(e -> {
            running = null;
            busy.set(false);
            message.set("");
            error.set(e instanceof java.util.concurrent.CancellationException
                    ? I18n.t("ui.certificates.rekey.cancelled")
                    : CertificatesViewModel.refusal(e, "ui.certificates.rekey.refused",
                            "ui.certificates.rekey.failed"));
        });
    }

    public ObjectProperty<CertificateRecord> targetProperty() { return target; }
    public BooleanProperty openProperty() { return open; }
    public ObjectProperty<KeySource> keySourceProperty() { return keySource; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty confirmationProperty() { return confirmation; }
    public StringProperty strengthTextProperty() { return strengthText; }
    public DoubleProperty strengthFractionProperty() { return strengthFraction; }
    public BooleanProperty strongEnoughProperty() { return strongEnough; }
    public ObjectProperty<Path> csrFileProperty() { return csrFile; }
    public StringProperty errorProperty() { return error; }
    public StringProperty messageProperty() { return message; }
    public StringProperty newSerialProperty() { return newSerial; }
    public BooleanProperty busyProperty() { return busy; }
    public DoubleProperty progressProperty() { return progress; }
    /** Why "Rekey…" is disabled now, or "" when it is enabled. */
    public StringBinding blockedProperty() { return blocked; }
    public BooleanBinding possibleProperty() { return possible; }
    public StringBinding confirmationHintProperty() { return confirmationHint; }
}
