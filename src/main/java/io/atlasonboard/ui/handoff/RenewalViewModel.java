package io.atlasonboard.ui.handoff;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.atlasonboard.core.providers.ConnectionReport;
import io.atlasonboard.core.providers.MtlsLifetime;
import io.atlasonboard.core.providers.MtlsRenewal;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.SafeFiles;
import io.atlasonboard.ui.common.UiJobs;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Renew mTLS certificate…": start (new key kept in the store, CSR saved where the person chooses), the portal step
 * (one click for a sandbox provider), complete (the returned certificate checked against the new key, the provider
 * switched only when the new identity tests Good) and restore of the previous keystore. Work runs in the background.
 */
public final class RenewalViewModel {
    /** The sandbox portal's role: an mTLS certificate (PEM) for a CSR, bound to the API key; null: not a sandbox. */
    @FunctionalInterface
    public interface SandboxPortal {
        void issue(String apiKey, String csrPem, Consumer<String> done, Consumer<Throwable> failed);
    }

    private record Loaded(MtlsLifetime lifetime, String pendingCsr, java.time.Instant pendingSince, int backups) {
    }

    private final Store store;
    private final ProviderRecord provider;
    private final MtlsRenewal renewal;
    private final UiJobs jobs;
    private final Clock clock;
    private final SandboxPortal portal;
    private final LongConsumer onChanged;
    private final StringProperty current = new SimpleStringProperty("");
    private final StringProperty csr = new SimpleStringProperty("");
    private final StringProperty certificate = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final StringProperty newSerial = new SimpleStringProperty("");
    private final BooleanProperty started = new SimpleBooleanProperty(false);
    private final BooleanProperty restorable = new SimpleBooleanProperty(false);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty switched = new SimpleBooleanProperty(false);

    /**
     * @param portal    the sandbox's portal for a sandbox provider, else null
     * @param onChanged run in the background after the provider's keystore changed (switched or restored)
     */
    public RenewalViewModel(Store store, ProviderRecord provider, MtlsRenewal renewal, UiJobs jobs, Clock clock,
            SandboxPortal portal, LongConsumer onChanged) {
        this.store = Objects.requireNonNull(store);
        this.provider = Objects.requireNonNull(provider);
        this.renewal = Objects.requireNonNull(renewal);
        this.jobs = Objects.requireNonNull(jobs);
        this.clock = Objects.requireNonNull(clock);
        this.portal = provider.sandbox() ? portal : null;
        this.onChanged = onChanged == null ? id -> { } : onChanged;
    }

    /** Reads the current certificate's lifetime, a renewal in progress and whether a keystore can be restored. */
    public void load() {
        jobs.run(I18n.t("ui.handoff.renew.loadJob"), p -> {
            ProviderRecord r = store.providers().get(provider.id());
            MtlsLifetime l = MtlsLifetime.of(store.providers(), r, clock.instant()).orElse(null);
            var pending = store.mtlsRenewals().pending(provider.id());
            pending.ifPresent(x -> java.util.Arrays.fill(x.keyDer(), (byte) 0));
            return new Loaded(l, pending.map(x -> x.csrPem()).orElse(null),
                    pending.map(x -> x.createdAt()).orElse(null), store.mtlsRenewals().count(provider.id()));
        }).onSuccess(l -> {
            current.set(l.lifetime() == null ? I18n.t("ui.handoff.renew.current.unknown")
                    : I18n.t("ui.handoff.renew.current", serial(l.lifetime().serial()),
                            I18n.date(l.lifetime().notAfter()), l.lifetime().daysLeft()));
            restorable.set(l.backups() > 0);
            if (l.pendingCsr() != null) {
                csr.set(l.pendingCsr());
                started.set(true);
                message.set(I18n.t("ui.handoff.renew.pending", I18n.dateTime(l.pendingSince())));
            }
        }).onFailure(this::failed);
    }

    /** Step 1: a new key (kept encrypted in the store) and its CSR, written to {@code csrFile}. */
    public void start(Path csrFile) {
        begin();
        jobs.run(I18n.t("ui.handoff.renew.startJob"), p -> {
            MtlsRenewal.Started s = renewal.start(provider.id());
            SafeFiles.write(csrFile, s.csrPem().getBytes(StandardCharsets.US_ASCII), false);
            return s.csrPem();
        }).onSuccess(pem -> {
            running.set(false);
            csr.set(pem);
            started.set(true);
            certificate.set("");
            message.set(I18n.t("ui.handoff.renew.started", csrFile));
        }).onFailure(this::failed);
    }

    /** Step 2 in the sandbox: its portal issues the certificate for the CSR (one request). */
    public void fromSandbox() {
        if (portal == null || csr.get().isBlank()) {
            return;
        }
        begin();
        portal.issue(provider.apiKey(), csr.get(), pem -> {
            running.set(false);
            certificate.set(pem.strip() + "\n");
            message.set(I18n.t("ui.handoff.renew.fromSandbox"));
        }, this::failed);
    }

    /** Reads the certificate the portal returned from a file into the text area. */
    public void loadCertificate(Path file) {
        begin();
        jobs.run(I18n.t("ui.handoff.renew.readJob"), p -> new String(SafeFiles.read(file, 256 * 1024),
                StandardCharsets.US_ASCII)).onSuccess(text -> {
                    running.set(false);
                    certificate.set(text);
                    message.set(I18n.t("ui.handoff.renew.read", file));
                }).onFailure(this::failed);
    }

    /** Step 3: checks the certificate against the new key, tests the new identity, switches only when Good. */
    public void complete() {
        String pem = certificate.get() == null ? "" : certificate.get().strip();
        if (pem.isEmpty()) {
            error.set(I18n.t("ui.handoff.renew.noCertificate"));
            return;
        }
        begin();
        result.set("");
        message.set(I18n.t("ui.handoff.renew.completing"));
        jobs.run(I18n.t("ui.handoff.renew.completeJob"), p -> {
            MtlsRenewal.Completed c = renewal.complete(provider.id(), pem, p);
            if (c.switched()) {
                onChanged.accept(provider.id());
            }
            return c;
        }).onSuccess(c -> {
            running.set(false);
            message.set("");
            if (c.switched()) {
                MtlsLifetime l = MtlsLifetime.of(provider.name(), c.certificate(), clock.instant());
                switched.set(true);
                started.set(false);
                restorable.set(true);
                csr.set("");
                newSerial.set(serial(l.serial()));
                result.set(I18n.t("ui.handoff.renew.switched", serial(l.serial()), I18n.date(l.notAfter()),
                        l.daysLeft()));
                current.set(I18n.t("ui.handoff.renew.current", serial(l.serial()), I18n.date(l.notAfter()),
                        l.daysLeft()));
            } else if (c.report() == null) {
                error.set(I18n.t("ui.handoff.renew.wrongKey"));
            } else {
                error.set(I18n.t("ui.handoff.renew.notGood", reason(c.report())));
            }
        }).onFailure(this::failed);
    }

    /** Puts the previous keystore back and tests it. */
    public void restore() {
        begin();
        result.set("");
        message.set(I18n.t("ui.handoff.renew.restoring"));
        jobs.run(I18n.t("ui.handoff.renew.restoreJob"), p -> {
            ConnectionReport r = renewal.restore(provider.id(), p);
            onChanged.accept(provider.id());
            ProviderRecord now = store.providers().get(provider.id());
            return new Object[] {r, MtlsLifetime.of(store.providers(), now, clock.instant()).orElse(null),
                store.mtlsRenewals().count(provider.id())};
        }).onSuccess(o -> {
            running.set(false);
            message.set("");
            ConnectionReport r = (ConnectionReport) o[0];
            MtlsLifetime l = (MtlsLifetime) o[1];
            restorable.set((Integer) o[2] > 0);
            switched.set(false);
            if (l != null) {
                current.set(I18n.t("ui.handoff.renew.current", serial(l.serial()), I18n.date(l.notAfter()),
                        l.daysLeft()));
            }
            result.set(r.good() ? I18n.t("ui.handoff.renew.restored.good")
                    : I18n.t("ui.handoff.renew.restored.bad", reason(r)));
        }).onFailure(this::failed);
    }

    private static String reason(ConnectionReport r) {
        String step = r.failedStepMsg().map(I18n::text).orElse(r.failedStep() == null ? "" : r.failedStep());
        String why = r.msg() != null ? I18n.text(r.msg()) : r.diagnosis() == null ? "" : r.diagnosis();
        return I18n.t("ui.handoff.renew.reason", step, why);
    }

    /** A provider name as part of a file name ({@code GlobalSign SANDBOX} -> {@code globalsign-sandbox}). */
    static String fileName(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "provider" : s; // not user-visible
    }

    static String serial(java.math.BigInteger s) {
        return s.toString(16).toUpperCase(Locale.ROOT);
    }

    private void begin() {
        running.set(true);
        error.set("");
        message.set("");
    }

    private void failed(Throwable e) {
        running.set(false);
        message.set("");
        Throwable t = UiJobs.unwrap(e);
        error.set(t instanceof IllegalArgumentException ? I18n.t("ui.handoff.renew.notCertificate")
                : I18n.t("ui.handoff.renew.failed", I18n.text(t)));
    }

    public ProviderRecord provider() { return provider; }
    public boolean sandboxPortal() { return portal != null; }
    public StringProperty currentProperty() { return current; }
    public StringProperty csrProperty() { return csr; }
    public StringProperty certificateProperty() { return certificate; }
    public StringProperty messageProperty() { return message; }
    public StringProperty errorProperty() { return error; }
    public StringProperty resultProperty() { return result; }
    public StringProperty newSerialProperty() { return newSerial; }
    public BooleanProperty startedProperty() { return started; }
    public BooleanProperty restorableProperty() { return restorable; }
    public BooleanProperty runningProperty() { return running; }
    public BooleanProperty switchedProperty() { return switched; }
}
