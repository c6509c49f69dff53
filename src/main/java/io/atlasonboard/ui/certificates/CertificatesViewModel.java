package io.atlasonboard.ui.certificates;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.atlasonboard.core.atlas.AtlasApiException;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.RevocationReason;
import io.atlasonboard.core.claims.DomainsException;
import io.atlasonboard.core.issuance.CertificateExport;
import io.atlasonboard.core.issuance.IssuanceService;
import io.atlasonboard.core.issuance.IssueRequest;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.core.store.SecretChars;
import io.atlasonboard.ui.common.SafeFiles;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.providers.ProviderConnector;
import io.atlasonboard.ui.common.UiJobs;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Certificates of a provider: an issuance form driven by the validation policy (TLS asks for DNS names, S/MIME for
 * e-mail addresses; REQUIRED enforced before sending), key generated locally or a CSR supplied, progress while the
 * API answers 202; the list of issued certificates; save as PEM (with chain) or PKCS#12; revoke with a reason.
 */
public final class CertificatesViewModel {
    public enum KeySource { GENERATE, CSR }

    private final long providerId;
    private final ProviderConnector connector;
    private final UiJobs jobs;
    private final FileOpener files;
    private final Clock clock;

    private final ObjectProperty<IssuanceRequests.PolicyView> policy = new SimpleObjectProperty<>();
    private final StringProperty policyText = new SimpleStringProperty(I18n.t("ui.certificates.policy.reading"));
    private final StringProperty namesLabel = new SimpleStringProperty(I18n.t("ui.certificates.names.dns"));
    private final StringProperty commonName = new SimpleStringProperty("");
    private final StringProperty names = new SimpleStringProperty("");
    private final StringProperty validityDays = new SimpleStringProperty("90");
    private final ObjectProperty<KeySource> keySource = new SimpleObjectProperty<>(KeySource.GENERATE);
    private final StringProperty csrPem = new SimpleStringProperty("");
    private final StringProperty formError = new SimpleStringProperty("");
    private final BooleanProperty issuing = new SimpleBooleanProperty(false);
    private io.atlasonboard.ui.common.FxTask<?> issuingTask; // the running request (Cancel)
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressMessage = new SimpleStringProperty("");
    private final ObservableList<CertificateRecord> certificates = FXCollections.observableArrayList();
    private final ObjectProperty<CertificateRecord> selected = new SimpleObjectProperty<>();
    private final javafx.beans.binding.StringBinding revokeBlocked = javafx.beans.binding.Bindings
            .createStringBinding(() -> {
                CertificateRecord r = selected.get();
                if (r == null) {
                    return I18n.t("ui.certificates.revokeBlocked.none");
                }
                return r.status() == io.atlasonboard.core.store.CertificateStatus.ISSUED ? ""
                        : I18n.t("ui.certificates.revokeBlocked." + r.status().name());
            }, selected);
    private final javafx.beans.binding.BooleanBinding revocable = javafx.beans.binding.Bindings
            .createBooleanBinding(() -> revokeBlocked.get().isEmpty(), revokeBlocked);
    private final ObjectProperty<RevocationReason> reason = new SimpleObjectProperty<>(RevocationReason.UNSPECIFIED);
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty p12Password = new SimpleStringProperty("");
    private final RekeyViewModel rekey;

    public CertificatesViewModel(long providerId, ProviderConnector connector, UiJobs jobs, FileOpener files,
            Clock clock) {
        this.providerId = providerId;
        this.connector = Objects.requireNonNull(connector);
        this.jobs = Objects.requireNonNull(jobs);
        this.files = Objects.requireNonNull(files);
        this.clock = Objects.requireNonNull(clock);
        this.rekey = new RekeyViewModel(providerId, connector, jobs, files, clock, fresh -> {
            refresh();
            if (fresh != null) {
                selected.set(fresh);
            }
        });
        rekey.targetProperty().bind(selected);
    }

    /** Reads the policy (network) and the stored certificates (background). */
    public void load() {
        refresh();
        jobs.run(I18n.t("ui.certificates.job.policy"), p -> {
            try (AtlasClient c = connector.client(providerId)) {
                var vp = c.validationPolicy();
                return new Object[] {IssuanceRequests.view(vp), I18n.text(io.atlasonboard.core.providers.PolicySummary.msg(vp))};
            }
        }).onSuccess(r -> {
            IssuanceRequests.PolicyView v = (IssuanceRequests.PolicyView) r[0];
            policy.set(v);
            namesLabel.set(v.namesLabel());
            validityDays.set(String.valueOf(Math.min(90, Math.max(1, v.maxValiditySeconds() / 86400))));
            policyText.set(I18n.t(v.tls() ? "ui.certificates.policy.tls" : "ui.certificates.policy.smime", r[1]));
        }).onFailure(e -> policyText.set(I18n.t("ui.certificates.policy.failed", I18n.text(e))));
    }

    public void refresh() {
        jobs.run(I18n.t("ui.certificates.job.list"), p -> connector.store().certificates().list(providerId))
                .onSuccess(list -> {
            CertificateRecord sel = selected.get();
            certificates.setAll(list);
            if (sel != null) {
                list.stream().filter(c -> c.serial().equals(sel.serial())).findFirst().ifPresent(selected::set);
            }
        }).onFailure(e -> message.set(I18n.t("ui.certificates.list.failed", I18n.text(e))));
    }

    /** The names from the text field as typed (core's RequestBuilder normalises and validates them). */
    List<String> typedNames() {
        List<String> out = new ArrayList<>();
        for (String s : names.get().split("[,;\\s]+")) {
            if (!s.isBlank() && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Sends the request; polls while the API answers 202. The request is checked against the account's policy by
     * core ({@code RequestBuilder}: REQUIRED fields, name counts, validity, key) before anything is sent, and its
     * refusal is shown in the form. Here only what the form itself must parse: the days, a pasted CSR.
     */
    public void issue() {
        formError.set("");
        IssuanceRequests.PolicyView v = policy.get();
        if (v == null) {
            formError.set(I18n.t("ui.certificates.policyUnknown"));
            return;
        }
        List<String> problems = new ArrayList<>();
        long days;
        try {
            days = Long.parseLong(validityDays.get().strip());
        } catch (NumberFormatException e) {
            days = 0;
        }
        if (days <= 0) {
            problems.add(I18n.t("ui.certificates.validity.notNumber"));
        }
        // a whole number of days may overshoot a maximum that is not whole days: ask for the maximum then
        long seconds = days * 86400 > v.maxValiditySeconds() && days * 86400 - v.maxValiditySeconds() < 86400
                ? v.maxValiditySeconds() : days * 86400;
        if (keySource.get() == KeySource.CSR && !csrPem.get().contains("CERTIFICATE REQUEST")) { // not user-visible
            problems.add(I18n.t("ui.certificates.csr.missing"));
        }
        if (!problems.isEmpty()) {
            formError.set(String.join("\n", problems));
            return;
        }
        String cn = commonName.get().strip();
        List<String> list = typedNames();
        IssueRequest req = IssueRequest.of(cn.isEmpty() ? null : cn, v.smime() ? List.of() : list,
                v.smime() ? list : List.of())
                .withValidity(Duration.ofSeconds(seconds))
                .withCsr(keySource.get() == KeySource.CSR ? csrPem.get() : null);
        if (keySource.get() != KeySource.CSR) {
            req = req.withKeyBits(2048);
        }
        IssueRequest request = req;
        issuing.set(true);
        progress.set(0);
        // IssuanceService stores a PENDING record with the generated key before the pickup, so a pickup timeout,
        // a cancel or a /trustchain failure does not lose the key after the quota was used.
        issuingTask = jobs.run(I18n.t("ui.certificates.job.issue"), p -> {
            try (AtlasClient c = connector.client(providerId)) {
                return service(c).issue(request, p);
            }
        }).onProgress(pr -> {
            if (pr.fraction() >= 0) {
                progress.set(pr.fraction());
            }
            progressMessage.set(pr.message());
        }).onSuccess(issued -> {
            issuing.set(false);
            progress.set(1);
            progressMessage.set(issued.pending()
                    ? I18n.t("ui.certificates.issue.pending", issued.serial())
                    : I18n.t("ui.certificates.issue.done", issued.serial()));
            refresh();
            selected.set(issued.record());
        }).onFailure(e -> {
            issuing.set(false);
            if (cancelled(e)) {
                // a request GlobalSign accepted before the cancel is kept as pending with its key
                progressMessage.set(I18n.t("ui.certificates.issue.cancelled"));
                refresh();
                return;
            }
            progressMessage.set("");
            formError.set(refusal(e, "ui.certificates.issue.refused", "ui.certificates.issue.failed"));
        });
    }

    /** Cancel: stops the running request's network wait (the submit or the pickup polling). */
    public void cancelIssue() {
        io.atlasonboard.ui.common.FxTask<?> t = issuingTask;
        if (t != null && issuing.get()) {
            t.cancel();
        }
    }

    private static boolean cancelled(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.util.concurrent.CancellationException
                    || c instanceof io.atlasonboard.core.atlas.AtlasCancelledException
                    || c instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /** GlobalSign's refusal with its status and details, core's check of the request, or another failure. */
    static String refusal(Throwable e, String refusedKey, String failedKey) {
        Throwable t = e instanceof DomainsException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof AtlasApiException api) {
            return I18n.t(refusedKey, String.valueOf(api.status()), describeApi(api));
        }
        if (t instanceof InvalidInputException) {
            return I18n.text(t); // core's check of the request against the policy, in the domain's words
        }
        return I18n.t(failedKey, I18n.text(e));
    }

    private IssuanceService service(AtlasClient c) {
        return new IssuanceService(connector.store(), connector.store().providers().get(providerId), c)
                .clock(clock).pickup(Duration.ofMinutes(2), pollInterval());
    }

    static String describeApi(AtlasApiException e) {
        StringBuilder sb = new StringBuilder(e.description() == null ? e.getMessage() : e.description());
        if (e.errors() != null) {
            e.errors().forEach((k, val) -> sb.append("\n  ").append(k).append(": ").append(val));
        }
        return sb.toString();
    }

    /** The list's status column: revoked ones say why. */
    public static String statusText(CertificateRecord c) {
        if (c.status() == io.atlasonboard.core.store.CertificateStatus.REVOKED && c.revocationReason() != null
                && !c.revocationReason().isBlank()) {
            return I18n.t("ui.certificates.status.revokedWhy", reasonLabel(c.revocationReason()));
        }
        return I18n.t("ui.certificates.status." + c.status().name());
    }

    private static String reasonLabel(String apiName) {
        try {
            return CertificatesView.reasonText(RevocationReason.parse(apiName));
        } catch (IllegalArgumentException e) {
            return apiName;
        }
    }

    /** True while the selected certificate can be revoked (selected, issued, not revoked yet). */
    public javafx.beans.binding.BooleanBinding revocableProperty() {
        return revocable;
    }

    /** Why "Revoke…" is disabled now, or "" when it is enabled. */
    public javafx.beans.binding.StringBinding revokeBlockedProperty() {
        return revokeBlocked;
    }

    /** "CN (serial S)": how confirmations name a certificate. */
    public static String describe(CertificateRecord r) {
        return I18n.t("ui.certificates.describe", String.valueOf(r.commonName()), r.serial());
    }

    /** Revokes the selected certificate (the view asks for confirmation first). */
    public void revokeSelected() {
        CertificateRecord r = selected.get();
        if (r == null || r.status() != io.atlasonboard.core.store.CertificateStatus.ISSUED) {
            return;
        }
        RevocationReason why = reason.get();
        message.set(I18n.t("ui.certificates.revoking", describe(r)));
        jobs.run(I18n.t("ui.certificates.job.revoke"), p -> {
            try (AtlasClient c = connector.client(providerId)) {
                return service(c).revoke(r.serial(), why);
            }
        }).onSuccess(rec -> {
            message.set(I18n.t("ui.certificates.revoked", describe(r), CertificatesView.reasonText(why)));
            refresh();
        }).onFailure(e -> message.set(I18n.t("ui.certificates.revoke.failed", I18n.text(e))));
    }

    /** Saves the selected certificate followed by its chain as PEM ({@link CertificateExport#pem}). */
    public void savePem() {
        CertificateRecord r = selected.get();
        if (r == null) {
            return;
        }
        files.save(I18n.t("ui.certificates.savePem.dialog"), CertificateExport.fileName(r) + ".pem", List.of("*.pem"))
                .ifPresent(path -> jobs.run(I18n.t("ui.certificates.job.savePem"), p -> {
                    SafeFiles.write(path, CertificateExport.pem(r).getBytes(StandardCharsets.US_ASCII), false);
                    return path;
                }).onSuccess(x -> message.set(I18n.t("ui.certificates.saved", String.valueOf(x))))
                        .onFailure(e -> message.set(I18n.t("ui.certificates.save.failed", I18n.text(e)))));
    }

    /**
     * Saves key, certificate and chain as a Modern PKCS#12 protected by {@link #p12PasswordProperty()}
     * ({@link CertificateExport#pkcs12(CertificateRecord, io.atlasonboard.core.store.CertificateRepository, char[])}).
     */
    public void savePkcs12() {
        CertificateRecord r = selected.get();
        if (r == null) {
            return;
        }
        if (!CertificateExport.canExportPkcs12(r)) {
            message.set(I18n.t("ui.certificates.saveP12.noKey", describe(r)));
            return;
        }
        if (p12Password.get().length() < CertificateExport.MIN_PASSWORD_LENGTH) {
            message.set(I18n.t("ui.certificates.saveP12.shortPassword", CertificateExport.MIN_PASSWORD_LENGTH));
            return;
        }
        char[] pw = p12Password.get().toCharArray();
        files.save(I18n.t("ui.certificates.saveP12.dialog"), CertificateExport.fileName(r) + ".p12", List.of("*.p12"))
                .ifPresentOrElse(path -> jobs.run(I18n.t("ui.certificates.job.saveP12"), p -> {
                    try {
                        SafeFiles.write(path, CertificateExport.pkcs12(r, connector.store().certificates(), pw), true);
                        return path;
                    } finally {
                        SecretChars.wipe(pw);
                    }
                }).onSuccess(x -> message.set(I18n.t("ui.certificates.saved", String.valueOf(x))))
                        .onFailure(e -> message.set(I18n.t("ui.certificates.save.failed", I18n.text(e)))),
                        () -> SecretChars.wipe(pw));
    }

    public Duration pollInterval() {
        return Duration.ofSeconds(1);
    }

    public long providerId() { return providerId; }
    public ObjectProperty<IssuanceRequests.PolicyView> policyProperty() { return policy; }
    public StringProperty policyTextProperty() { return policyText; }
    public StringProperty namesLabelProperty() { return namesLabel; }
    public StringProperty commonNameProperty() { return commonName; }
    public StringProperty namesProperty() { return names; }
    public StringProperty validityDaysProperty() { return validityDays; }
    public ObjectProperty<KeySource> keySourceProperty() { return keySource; }
    public StringProperty csrPemProperty() { return csrPem; }
    public StringProperty formErrorProperty() { return formError; }
    public BooleanProperty issuingProperty() { return issuing; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty progressMessageProperty() { return progressMessage; }
    public ObservableList<CertificateRecord> certificates() { return certificates; }
    public ObjectProperty<CertificateRecord> selectedProperty() { return selected; }
    public ObjectProperty<RevocationReason> reasonProperty() { return reason; }
    public StringProperty messageProperty() { return message; }
    public StringProperty p12PasswordProperty() { return p12Password; }
    /** "Rekey…" of the selected certificate. */
    public RekeyViewModel rekey() { return rekey; }
}
