package io.atlasonboard.ui.dns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.ServerResult;
import io.atlasonboard.core.dns.TxtRecordPresentation;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.claims.VerifyResult;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 7 and the providers window's "Domains": claims per provider, the TXT record for the selected claim as a DNS
 * admin needs it, propagation check (n of m), "Ask GlobalSign to verify" with per-domain progress and bounded
 * concurrency, reassert after the deadline, and (sandbox only) publishing into the sandbox zone.
 */
public final class DnsValidationViewModel {
    /** Publishes a TXT record (the sandbox's zone); null when not a sandbox provider. */
    @FunctionalInterface
    public interface TxtPublisher {
        void publish(String name, String value);
    }

    /** How many claims are verified at once (keeps a 200-domain onboarding under the API's rate limit). */
    public static final int MAX_PARALLEL_VERIFY = 4;

    private final long providerId;
    private final ClaimOps claims;
    private final PropagationChecker checker;
    private final TxtPublisher sandboxPublisher;
    private final UiJobs jobs;
    private final Clock clock;
    private final ClaimVerification verification;
    private final PreflightViewModel preflight;
    private final ClaimCreation creation;
    private final AuthorizationDomainChoice adns;
    private final HandoffExport handoff;

    private final ObservableList<String> offeredDomains = FXCollections.observableArrayList();
    private final StringProperty domainInput = new SimpleStringProperty("");
    private final StringProperty domainError = new SimpleStringProperty("");
    private final ObservableList<ClaimRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ClaimRow> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);

    // the TXT record of the selected claim
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty value = new SimpleStringProperty("");
    private final StringProperty copyAll = new SimpleStringProperty("");
    private final StringProperty zoneFileLine = new SimpleStringProperty("");
    private final StringProperty relativeName = new SimpleStringProperty("");
    private final StringProperty quotingNote = new SimpleStringProperty("");
    private final StringProperty replacedToken = new SimpleStringProperty("");

    private final PropagationChecks propagation;


    // the lifetime warning over all claims
    private final StringProperty lifetimeWarning = new SimpleStringProperty("");

    public DnsValidationViewModel(long providerId, ClaimOps claims, PropagationChecker checker,
            TxtPublisher sandboxPublisher, UiJobs jobs, Clock clock) {
        this(providerId, claims, checker, sandboxPublisher, jobs, clock, Duration.ofSeconds(2), 60);
    }

    public DnsValidationViewModel(long providerId, ClaimOps claims, PropagationChecker checker,
            TxtPublisher sandboxPublisher, UiJobs jobs, Clock clock, Duration pollInterval, int maxPolls) {
        this.providerId = providerId;
        this.claims = Objects.requireNonNull(claims);
        this.checker = Objects.requireNonNull(checker);
        this.sandboxPublisher = sandboxPublisher;
        this.jobs = Objects.requireNonNull(jobs);
        this.clock = Objects.requireNonNull(clock);
        this.verification = new ClaimVerification(this, claims, jobs, clock, pollInterval, maxPolls);
        this.preflight = new PreflightViewModel(providerId, claims, jobs);
        this.creation = new ClaimCreation(this, claims, jobs);
        this.adns = new AuthorizationDomainChoice(this, claims, jobs);
        this.propagation = new PropagationChecks(this, checker, jobs);
        this.handoff = new HandoffExport(this, claims, jobs);
        selected.addListener((o, a, r) -> {
            present(r);
            adns.load(r);
        });
    }

    /** The CSR's domain names (step 2), offered for claiming. */
    public void offerDomains(List<String> names) {
        offeredDomains.setAll(names.stream().filter(n -> !n.startsWith("*.")).toList());
        creation.offerWildcards(names.stream().filter(n -> n.startsWith("*.")).toList());
    }

    /** Reads the stored claims (background). */
    public void load() {
        record Loaded(List<ClaimRow.Shown> claims, Map<String, String> adns) {
        }
        jobs.run(I18n.t("ui.dns.job.load"), p -> new Loaded(shown(claims.stored(providerId)),
                claims.storedAuthorizationDomains(providerId))).onSuccess(loaded -> {
            rows.clear();
            for (ClaimRow.Shown s : loaded.claims()) {
                ClaimRow row = new ClaimRow(s);
                row.authorizationDomainProperty().set(loaded.adns().getOrDefault(s.record().domain(), ""));
                rows.add(row);
            }
            tick();
            if (!rows.isEmpty() && selected.get() == null) {
                selected.set(rows.get(0));
            }
        }).onFailure(e -> message.set(I18n.t("ui.dns.load.failed", failure(e))));
    }

    /** Re-reads the stored claims (background) and updates their rows, e.g. after another validation method. */
    public void reloadStored() {
        jobs.run(I18n.t("ui.dns.job.load"), p -> shown(claims.stored(providerId)))
                .onSuccess(this::upsertShown)
                .onFailure(e -> message.set(I18n.t("ui.dns.load.failed", failure(e))));
    }

    /** Parses the typed names (comma, space or newline separated); sets {@link #domainErrorProperty()}. */
    public List<String> parseDomains(String text) {
        return creation.parseDomains(text);
    }

    /** Creates claims for the typed names plus the given offered ones, after a preflight that nothing blocks. */
    public void createClaims(List<String> offeredChosen) {
        creation.createClaims(offeredChosen);
    }

    /** Runs the preflight alone for the chosen and typed names (no claim is created). */
    public void preflightOnly(List<String> offeredChosen) {
        creation.preflightOnly(offeredChosen);
    }

    /** What the rows of {@code records} show, worked out on the calling thread: a job's ({@link ClaimRow.Shown}). */
    List<ClaimRow.Shown> shown(List<DomainClaimRecord> records) {
        Instant now = clock.instant();
        return records.stream().map(r -> ClaimRow.Shown.of(r, now)).toList();
    }

    /**
     * Updates the rows of claims the table has and adds the others in one list change (one table update instead of
     * one per row while a batch of claims comes back, issue 12); returns each record's row, in order. The values come
     * worked out by a job ({@link #shown}), so the FX thread only sets them.
     */
    List<ClaimRow> upsertShown(List<ClaimRow.Shown> records) {
        Map<String, ClaimRow> byId = new HashMap<>();
        for (ClaimRow row : rows) {
            byId.putIfAbsent(row.record().claimId(), row);
        }
        List<ClaimRow> out = new ArrayList<>(records.size());
        List<ClaimRow> added = new ArrayList<>();
        Instant now = clock.instant();
        for (ClaimRow.Shown s : records) {
            DomainClaimRecord r = s.record();
            ClaimRow row = byId.get(r.claimId());
            if (row == null) {
                row = new ClaimRow(s);
                byId.put(r.claimId(), row);
                added.add(row);
            } else {
                row.update(s);
            }
            row.tick(now);
            if (row == selected.get()) {
                present(row);
            }
            out.add(row);
        }
        rows.addAll(added);
        if (selected.get() == null && !added.isEmpty()) {
            selected.set(added.get(0));
        }
        return out;
    }

    /** Updates every countdown (the view calls this once a second). */
    public void tick() {
        rows.forEach(r -> r.tick(clock.instant()));
        List<String> warnings = new ArrayList<>();
        for (ClaimRow r : rows) {
            if (!r.lifetimeWarningProperty().get().isEmpty()) {
                warnings.add(r.lifetimeWarningProperty().get());
            }
        }
        lifetimeWarning.set(String.join("\n", warnings));
    }

    void present(ClaimRow row) {
        propagation.servers().clear();
        propagation.summaryProperty().set("");
        if (row == null || row.record().token() == null) {
            host.set("");
            value.set("");
            copyAll.set("");
            zoneFileLine.set("");
            relativeName.set("");
            quotingNote.set("");
            replacedToken.set("");
            return;
        }
        DomainClaimRecord r = row.record();
        TxtRecordPresentation p = TxtRecordPresentation.of(row.recordName(), r.token(), r.assertBy(), null);
        host.set(p.host());
        value.set(p.value());
        copyAll.set(p.copyAllBlock(I18n.locale()));
        zoneFileLine.set(p.zoneFileLine());
        String zone = guessZone(p.host());
        relativeName.set(relative(p, zone));
        quotingNote.set(I18n.text(p.quotingNoteMsg()));
        replacedToken.set(row.previousTokenProperty().get());
    }

    static String relative(TxtRecordPresentation p, String zone) {
        try {
            return I18n.t("ui.dns.record.relativeInZone", p.relativeName(zone), zone);
        } catch (IllegalArgumentException e) {
            return p.host();
        }
    }

    /** The last two labels, a guess until a propagation check tells the real zone. */
    static String guessZone(String fqdn) {
        String h = fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
        String[] l = h.split("\\.");
        return l.length <= 2 ? h + "." : l[l.length - 2] + "." + l[l.length - 1] + ".";
    }

    /** Asks every authoritative server of the zone (and the configured resolvers) for the selected claim's TXT. */
    public void checkPropagation() {
        propagation.checkSelected();
    }

    /** Checks every claim not yet verified in one run; rows update as their answers arrive. */
    public void checkAllPropagation() {
        propagation.checkAll();
    }

    /** Publishes the selected claim's TXT in the sandbox zone (sandbox providers only). */
    public void publishInSandbox() {
        ClaimRow row = selected.get();
        if (sandboxPublisher == null || row == null || row.record().token() == null) {
            return;
        }
        String d = row.recordName();
        String token = row.record().token();
        jobs.run(I18n.t("ui.dns.job.publish"), p -> {
            sandboxPublisher.publish(d, token);
            return d;
        }).onSuccess(x -> row.progressProperty().set(I18n.t("ui.dns.published")))
                .onFailure(e -> row.progressProperty().set(I18n.t("ui.dns.publish.failed", failure(e))));
    }

    public boolean sandbox() {
        return sandboxPublisher != null;
    }

    /** Asks GlobalSign to verify every claim that is not VERIFIED yet, after a preflight of their names. */
    public void verifyAll() {
        verifyAfterPreflight(rows.stream().filter(r -> !"VERIFIED".equalsIgnoreCase(r.record().status())).toList());
    }

    public void verifySelected() {
        if (selected.get() != null) {
            verifyAfterPreflight(List.of(selected.get()));
        }
    }

    private void verifyAfterPreflight(List<ClaimRow> todo) {
        if (todo.isEmpty()) {
            return;
        }
        List<String> names = todo.stream().map(r -> r.record().domain()).toList();
        preflight.run(creation.preflightNames(names), PreflightViewModel.Purpose.VERIFY, () -> verification.verify(todo));
    }

    /** Verifies without a preflight (the per-claim path; kept for the claim operations that do not batch). */
    public void verify(ClaimRow row) {
        verification.verifyOne(row);
    }

    /** New token and deadline for the selected claim; the old token is shown as replaced. */
    public void reassertSelected() {
        ClaimRow row = selected.get();
        if (row == null) {
            return;
        }
        String claimId = row.record().claimId();
        row.progressProperty().set(I18n.t("ui.dns.reasserting"));
        jobs.run(I18n.t("ui.dns.job.reassert"), p -> shown(List.of(claims.reassert(providerId, claimId))).get(0))
                .onSuccess(s -> {
                    upsertShown(List.of(s));
                    row.progressProperty().set(I18n.t("ui.dns.reasserted"));
                    if (row == selected.get()) {
                        present(row);
                    }
                }).onFailure(e -> row.progressProperty().set(I18n.t("ui.dns.reassert.failed", failure(e))));
    }

    public void deleteSelected() {
        ClaimRow row = selected.get();
        if (row == null) {
            return;
        }
        String claimId = row.record().claimId();
        jobs.run(I18n.t("ui.dns.job.delete"), p -> {
            claims.delete(providerId, claimId);
            return claimId;
        }).onSuccess(x -> {
            rows.remove(row);
            selected.set(rows.isEmpty() ? null : rows.get(0));
        }).onFailure(e -> message.set(I18n.t("ui.dns.delete.failed", failure(e))));
    }

    /** A verification outcome in the UI's language: its state, and the core's reason when it gave one. */
    static String describe(VerifyResult res) {
        String state = I18n.t("ui.dns.verifyState." + res.state().name());
        return res.reason() == null ? state : I18n.t("ui.dns.verifyState.withReason", state,
                res.reasonMsg() != null ? I18n.text(res.reasonMsg()) : res.reason());
    }

    /** What to show for a failure: a localized one in the UI's language, otherwise the core's message. */
    static String failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Localized) {
                return I18n.text(e);
            }
        }
        return UiJobs.describe(e);
    }

    public long providerId() { return providerId; }
    public PreflightViewModel preflight() { return preflight; }
    public AuthorizationDomainChoice authorizationDomains() { return adns; }
    public HandoffExport handoff() { return handoff; }
    /** Where "Save for the DNS team…" asks for a place (the one file-dialog service); null hides the action. */
    public void setFiles(FileOpener files) { handoff.setFiles(files); }
    /** The 30-day re-validation warnings, one line per claim (empty when none). */
    public StringProperty lifetimeWarningProperty() { return lifetimeWarning; }
    public ObservableList<String> offeredDomains() { return offeredDomains; }
    public StringProperty domainInputProperty() { return domainInput; }
    public StringProperty domainErrorProperty() { return domainError; }
    public ObservableList<ClaimRow> rows() { return rows; }
    public ObjectProperty<ClaimRow> selectedProperty() { return selected; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty hostProperty() { return host; }
    public StringProperty valueProperty() { return value; }
    public StringProperty copyAllProperty() { return copyAll; }
    public StringProperty zoneFileLineProperty() { return zoneFileLine; }
    public StringProperty relativeNameProperty() { return relativeName; }
    public StringProperty quotingNoteProperty() { return quotingNote; }
    public StringProperty replacedTokenProperty() { return replacedToken; }
    public StringProperty resolversProperty() { return propagation.resolversProperty(); }
    public ObservableList<ServerResult> servers() { return propagation.servers(); }
    public StringProperty propagationSummaryProperty() { return propagation.summaryProperty(); }
    public BooleanProperty checkingProperty() { return propagation.checkingProperty(); }
    /** "Waiting for GlobalSign to verify …" while verifications run, empty otherwise. */
    public StringProperty verifyingProperty() { return verification.waitingForProperty(); }

    /** Cancel of the running verifications: they stop, the rows and the message say "Cancelled". */
    public void cancelVerification() {
        verification.cancel();
    }

    /** Cancel of the running propagation check. */
    public void cancelPropagation() {
        propagation.cancel();
    }

    /** Leaving the pane: whatever waits stops. */
    public void cancelAll() {
        cancelVerification();
        cancelPropagation();
    }
}
