package io.atlasonboard.ui.dns;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.atlas.AtlasApiException;
import io.atlasonboard.core.atlas.DnsAssertion;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.PropagationReport;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.core.dns.ServerResult;
import io.atlasonboard.core.dns.TxtRecordPresentation;
import io.atlasonboard.core.pki.DomainNames;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.claims.VerifyResult;
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
    private final Duration pollInterval;
    private final int maxPolls;
    private final Semaphore verifySlots = new Semaphore(MAX_PARALLEL_VERIFY);

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

    // propagation
    private final StringProperty resolvers = new SimpleStringProperty("");
    private final ObservableList<ServerResult> servers = FXCollections.observableArrayList();
    private final StringProperty propagationSummary = new SimpleStringProperty("");
    private final BooleanProperty checking = new SimpleBooleanProperty(false);

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
        this.pollInterval = pollInterval;
        this.maxPolls = maxPolls;
        selected.addListener((o, a, r) -> present(r));
    }

    /** The CSR's domain names (step 2), offered for claiming. */
    public void offerDomains(List<String> names) {
        offeredDomains.setAll(names.stream().filter(n -> !n.startsWith("*.")).toList());
    }

    /** Reads the stored claims (background). */
    public void load() {
        jobs.run(I18n.t("ui.dns.job.load"), p -> claims.stored(providerId), null, list -> {
            rows.clear();
            list.forEach(r -> rows.add(new ClaimRow(r)));
            tick();
            if (!rows.isEmpty() && selected.get() == null) {
                selected.set(rows.get(0));
            }
        }, e -> message.set(I18n.t("ui.dns.load.failed", failure(e))));
    }

    /** Parses the typed names (comma, space or newline separated); sets {@link #domainErrorProperty()}. */
    public List<String> parseDomains(String text) {
        List<String> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                String d = DomainNames.normalize(part);
                if (d.startsWith("*.")) {
                    d = d.substring(2); // a claim is for the name itself; it covers the wildcard
                }
                if (!out.contains(d)) {
                    out.add(d);
                }
            } catch (RuntimeException e) {
                problems.add(I18n.text(e));
            }
        }
        domainError.set(String.join("\n", problems));
        return problems.isEmpty() ? out : List.of();
    }

    /** Creates claims for the typed names plus the given offered ones. */
    public void createClaims(List<String> offeredChosen) {
        Set<String> names = new LinkedHashSet<>();
        for (String o : offeredChosen) {
            names.addAll(parseDomains(o));
        }
        List<String> typed = parseDomains(domainInput.get());
        if (!domainError.get().isEmpty()) {
            return;
        }
        names.addAll(typed);
        rows.forEach(r -> names.remove(r.domainProperty().get()));
        if (names.isEmpty()) {
            boolean nothingChosen = offeredChosen.isEmpty() && typed.isEmpty();
            domainError.set(nothingChosen && !offeredDomains.isEmpty()
                    ? I18n.t("ui.dns.error.chooseOffered")
                    : nothingChosen ? I18n.t("ui.dns.error.typeOne")
                    : I18n.t("ui.dns.error.allClaimed"));
            return;
        }
        busy.set(true);
        List<String> todo = new ArrayList<>(names);
        int[] done = {0};
        for (String d : todo) {
            jobs.run(I18n.t("ui.dns.job.claim", d), p -> claims.create(providerId, d), null, r -> {
                upsertRow(r);
                if (++done[0] == todo.size()) {
                    busy.set(false);
                    domainInput.set("");
                    message.set(I18n.t("ui.dns.claimed", todo.size()));
                }
            }, e -> {
                domainError.set(I18n.t("ui.dns.error.domain", d, failure(e)));
                if (++done[0] == todo.size()) {
                    busy.set(false);
                }
            });
        }
    }

    private ClaimRow upsertRow(DomainClaimRecord r) {
        for (ClaimRow row : rows) {
            if (row.record().claimId().equals(r.claimId())) {
                row.update(r);
                row.tick(clock.instant());
                if (row == selected.get()) {
                    present(row);
                }
                return row;
            }
        }
        ClaimRow row = new ClaimRow(r);
        row.tick(clock.instant());
        rows.add(row);
        if (selected.get() == null) {
            selected.set(row);
        }
        return row;
    }

    /** Updates every countdown (the view calls this once a second). */
    public void tick() {
        rows.forEach(r -> r.tick(clock.instant()));
    }

    private void present(ClaimRow row) {
        servers.clear();
        propagationSummary.set("");
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
        TxtRecordPresentation p = TxtRecordPresentation.of(r.domain(), r.token(), r.assertBy(), null);
        host.set(p.host());
        value.set(p.value());
        copyAll.set(p.copyAllBlock(I18n.locale()));
        zoneFileLine.set(p.zoneFileLine());
        String zone = guessZone(p.host());
        relativeName.set(relative(p, zone));
        quotingNote.set(I18n.text(p.quotingNoteMsg()));
        replacedToken.set(row.previousTokenProperty().get());
    }

    private static String relative(TxtRecordPresentation p, String zone) {
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
        ClaimRow row = selected.get();
        if (row == null || row.record().token() == null || checking.get()) {
            return;
        }
        List<ResolverSpec> extra = new ArrayList<>();
        for (String s : resolvers.get().split("[,;\\s]+")) {
            if (!s.isBlank()) {
                try {
                    extra.add(ResolverSpec.parse(s));
                } catch (IllegalArgumentException e) {
                    propagationSummary.set(I18n.text(e));
                    return;
                }
            }
        }
        String d = row.record().domain();
        String token = row.record().token();
        checking.set(true);
        servers.clear();
        propagationSummary.set(I18n.t("ui.dns.propagation.asking", d));
        jobs.run(I18n.t("ui.dns.job.propagation", d), p -> checker.check(d, token, extra), null, (PropagationReport rep) -> {
            checking.set(false);
            if (row != selected.get()) {
                return;
            }
            servers.setAll(rep.results());
            String s = I18n.t("ui.dns.propagation.seen", rep.seen(), rep.total());
            if (!rep.problems().isEmpty()) {
                s = I18n.t("ui.dns.propagation.seenProblems", s, String.join("; ", rep.problems()));
            }
            propagationSummary.set(s);
            if (rep.zone() != null) {
                relativeName.set(relative(TxtRecordPresentation.of(d, token, null, null), rep.zone()));
            }
        }, e -> {
            checking.set(false);
            propagationSummary.set(I18n.t("ui.dns.propagation.failed", failure(e)));
        });
    }

    /** Publishes the selected claim's TXT in the sandbox zone (sandbox providers only). */
    public void publishInSandbox() {
        ClaimRow row = selected.get();
        if (sandboxPublisher == null || row == null || row.record().token() == null) {
            return;
        }
        String d = row.record().domain();
        String token = row.record().token();
        jobs.run(I18n.t("ui.dns.job.publish"), p -> {
            sandboxPublisher.publish(d, token);
            return d;
        }, null, x -> row.progressProperty().set(I18n.t("ui.dns.published")),
                e -> row.progressProperty().set(I18n.t("ui.dns.publish.failed", failure(e))));
    }

    public boolean sandbox() {
        return sandboxPublisher != null;
    }

    /** Asks GlobalSign to verify every claim that is not VERIFIED yet. */
    public void verifyAll() {
        List<ClaimRow> todo = rows.stream().filter(r -> !"VERIFIED".equalsIgnoreCase(r.record().status())).toList();
        if (claims.verifiesInBatches()) {
            verifyBatch(todo);
        } else {
            todo.forEach(this::verify);
        }
    }

    public void verifySelected() {
        if (selected.get() != null) {
            if (claims.verifiesInBatches()) {
                verifyBatch(List.of(selected.get()));
            } else {
                verify(selected.get());
            }
        }
    }

    /** One background run over many claims (the claim service bounds concurrency and backs off on 429/503). */
    private void verifyBatch(List<ClaimRow> todo) {
        List<ClaimRow> ready = new ArrayList<>();
        for (ClaimRow r : todo) {
            if (r.deadlinePassed(clock.instant())) {
                r.progressProperty().set(I18n.t("ui.dns.deadlinePassed"));
            } else {
                r.progressProperty().set(I18n.t("ui.dns.verify.asking"));
                ready.add(r);
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        java.util.Map<String, ClaimRow> byDomain = new java.util.HashMap<>();
        ready.forEach(r -> byDomain.put(r.record().domain(), r));
        List<String> domains = new ArrayList<>(byDomain.keySet());
        Duration wait = pollInterval.multipliedBy(maxPolls);
        jobs.run(I18n.t("ui.dns.job.verifyMany", domains.size()), p -> {
            claims.verify(providerId, domains, wait, (d, res) -> jobs.onUi(() -> {
                ClaimRow row = byDomain.get(d);
                if (row != null) {
                    row.progressProperty().set(res.reassertNeeded()
                            ? I18n.t("ui.dns.verify.reassertNeeded")
                            : describe(res));
                }
            }), p);
            return claims.stored(providerId);
        }, prog -> message.set(prog.message() == null ? "" : prog.message()), list -> {
            for (DomainClaimRecord r : list) {
                if (byDomain.containsKey(r.domain())) {
                    upsertRow(r);
                }
            }
            long ok = list.stream().filter(r -> byDomain.containsKey(r.domain())
                    && "VERIFIED".equalsIgnoreCase(r.status())).count();
            message.set(I18n.t("ui.dns.verify.count", ok, domains.size()));
        }, e -> message.set(I18n.t("ui.dns.verify.stopped", failure(e))));
    }

    /**
     * {@code POST .../dns}, then polls the claim until VERIFIED (or the poll limit), at most
     * {@link #MAX_PARALLEL_VERIFY} claims at a time; progress and outcome per domain.
     */
    public void verify(ClaimRow row) {
        String claimId = row.record().claimId();
        String d = row.record().domain();
        if (row.deadlinePassed(clock.instant())) {
            row.progressProperty().set(I18n.t("ui.dns.deadlinePassed"));
            return;
        }
        row.progressProperty().set(I18n.t("ui.dns.verify.waiting"));
        jobs.run(I18n.t("ui.dns.job.verify", d), p -> {
            verifySlots.acquire();
            try {
                p.update(0.1, I18n.t("ui.dns.verify.askingFor", d));
                DnsAssertion a = claims.assertDns(providerId, claimId);
                DomainClaimRecord r = claims.refresh(providerId, claimId);
                for (int i = 0; i < maxPolls && !"VERIFIED".equalsIgnoreCase(r.status()); i++) {
                    p.checkCancelled();
                    p.update(0.2 + 0.8 * i / maxPolls, I18n.t(a == DnsAssertion.SCHEDULED
                            ? "ui.dns.verify.scheduled" : "ui.dns.verify.running", ClaimRow.statusText(r.status()), i + 1));
                    Thread.sleep(pollInterval.toMillis());
                    r = claims.refresh(providerId, claimId);
                }
                return r;
            } finally {
                verifySlots.release();
            }
        }, prog -> row.progressProperty().set(prog.message()), r -> {
            upsertRow(r);
            row.progressProperty().set("VERIFIED".equalsIgnoreCase(r.status()) ? ClaimRow.statusText("VERIFIED")
                    : I18n.t("ui.dns.verify.still", ClaimRow.statusText(r.status())));
        }, e -> {
            String m = failure(e);
            if (e instanceof AtlasApiException api && api.status() == 424) {
                m = I18n.t("ui.dns.verify.reassertNeeded");
            }
            row.progressProperty().set(m);
        });
    }

    /** New token and deadline for the selected claim; the old token is shown as replaced. */
    public void reassertSelected() {
        ClaimRow row = selected.get();
        if (row == null) {
            return;
        }
        String claimId = row.record().claimId();
        row.progressProperty().set(I18n.t("ui.dns.reasserting"));
        jobs.run(I18n.t("ui.dns.job.reassert"), p -> claims.reassert(providerId, claimId), null, r -> {
            upsertRow(r);
            row.progressProperty().set(I18n.t("ui.dns.reasserted"));
            if (row == selected.get()) {
                present(row);
            }
        }, e -> row.progressProperty().set(I18n.t("ui.dns.reassert.failed", failure(e))));
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
        }, null, x -> {
            rows.remove(row);
            selected.set(rows.isEmpty() ? null : rows.get(0));
        }, e -> message.set(I18n.t("ui.dns.delete.failed", failure(e))));
    }

    /** A verification outcome in the UI's language: its state, and the core's reason when it gave one. */
    static String describe(VerifyResult res) {
        String state = I18n.t("ui.dns.verifyState." + res.state().name());
        return res.reason() == null ? state : I18n.t("ui.dns.verifyState.withReason", state, res.reason());
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
    public StringProperty resolversProperty() { return resolvers; }
    public ObservableList<ServerResult> servers() { return servers; }
    public StringProperty propagationSummaryProperty() { return propagationSummary; }
    public BooleanProperty checkingProperty() { return checking; }
}
