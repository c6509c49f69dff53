package io.atlasonboard.ui.dns;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;


import io.atlasonboard.core.atlas.ApproverEmails;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.claims.AlternativeValidation;
import io.atlasonboard.core.claims.AuthorizationDomains;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.claims.VerifyResult;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.providers.ProviderConnector;
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
 * Domain validation of one claim without a DNS record ({@link AlternativeValidation}): over HTTP (the exact URL and
 * file content to publish, a pre-check fetched from this machine, then GlobalSign's check) or by e-mail (the
 * authorised addresses with where each comes from, the approval mail sent to one). Both then wait, bounded and
 * cancellable, for GlobalSign's answer. In the sandbox the approval mail lands in the sandbox mailbox, which this
 * model can list and approve ({@link SandboxMailbox}). Every network call runs as a background job.
 */
public final class AlternativeValidationViewModel {
    public enum Scheme { HTTP, HTTPS }

    private final long providerId;
    private final String domain;
    private final ProviderConnector connector;
    private final UiJobs jobs;
    private final Clock clock;
    private final SandboxMailbox mailbox;

    private final ObjectProperty<DomainClaimRecord> claim = new SimpleObjectProperty<>();
    private final ObservableList<String> authorizationDomains = FXCollections.observableArrayList();
    private final StringProperty authorizationDomain = new SimpleStringProperty("");
    private final ObjectProperty<Scheme> scheme = new SimpleObjectProperty<>(Scheme.HTTP);
    private final StringProperty fileUrl = new SimpleStringProperty("");
    private final StringProperty fileContent = new SimpleStringProperty("");
    private final StringProperty checkVia = new SimpleStringProperty("");
    private final StringProperty precheck = new SimpleStringProperty("");
    private final BooleanProperty precheckOk = new SimpleBooleanProperty(false);
    private final ObservableList<ApproverEmails.Address> addresses = FXCollections.observableArrayList();
    private final ObjectProperty<ApproverEmails.Address> address = new SimpleObjectProperty<>();
    private final StringProperty addressesMessage = new SimpleStringProperty(I18n.t("ui.dnsalt.email.loading"));
    private final ObservableList<SandboxMailbox.Mail> sandboxMails = FXCollections.observableArrayList();
    private final StringProperty sandboxMessage = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty waiting = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty waitMessage = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final BooleanProperty verified = new SimpleBooleanProperty(false);
    private final StringProperty error = new SimpleStringProperty("");
    private Duration httpWait = Duration.ofMinutes(2);
    private Duration emailWait = Duration.ofMinutes(15);
    private Duration pollInterval = Duration.ofSeconds(5);
    private Consumer<DomainClaimRecord> onVerified = r -> { };
    private FxTask<?> running;
    private boolean stopped;

    /**
     * @param mailbox the sandbox mailbox for a sandbox provider while the sandbox runs, else null (then nothing
     *                sandbox-only is offered)
     */
    public AlternativeValidationViewModel(long providerId, String domain, ProviderConnector connector, UiJobs jobs,
            Clock clock, SandboxMailbox mailbox) {
        this.providerId = providerId;
        this.domain = Objects.requireNonNull(domain);
        this.connector = Objects.requireNonNull(connector);
        this.jobs = Objects.requireNonNull(jobs);
        this.clock = Objects.requireNonNull(clock);
        this.mailbox = mailbox;
        authorizationDomain.addListener((o, a, b) -> updateFile());
        scheme.addListener((o, a, b) -> updateFile());
        claim.addListener((o, a, b) -> updateFile());
    }

    private record Loaded(DomainClaimRecord claim, List<String> adns, String adnProblem) {
    }

    /** Reads the stored claim and GlobalSign's authorization domains for it; then the approver addresses. */
    public void load() {
        error.set("");
        jobs.run(I18n.t("ui.dnsalt.job.load"), p -> {
            DomainClaimRecord rec = stored();
            try (AtlasClient c = connector.client(providerId)) {
                return new Loaded(rec, new AuthorizationDomains(c).usable(rec), null);
            } catch (RuntimeException e) {
                return new Loaded(rec, List.of(rec.domain()), UiJobs.describe(e));
            }
        }).onSuccess(l -> {
            List<String> adns = new ArrayList<>(l.adns());
            if (!adns.contains(l.claim().domain())) {
                adns.add(0, l.claim().domain());
            }
            authorizationDomains.setAll(adns);
            authorizationDomain.set(l.claim().domain());
            claim.set(l.claim());
            if (l.adnProblem() != null) {
                error.set(I18n.t("ui.dnsalt.adn.failed", l.adnProblem()));
            }
            loadAddresses();
        }).onFailure(e -> error.set(I18n.t("ui.dnsalt.load.failed", domain, UiJobs.describe(e))));
    }

    private DomainClaimRecord stored() {
        return connector.store().domainClaims().findByDomain(providerId, domain).stream()
                .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException(I18n.t("ui.dnsalt.noClaim", domain)));
    }

    private void loadAddresses() {
        DomainClaimRecord rec = claim.get();
        addressesMessage.set(I18n.t("ui.dnsalt.email.loading"));
        jobs.run(I18n.t("ui.dnsalt.job.addresses"), p -> {
            try (AtlasClient c = connector.client(providerId)) {
                return alternative(c, p).approverAddresses(rec);
            }
        }).onSuccess(list -> {
            addresses.setAll(list);
            addressesMessage.set(list.isEmpty() ? I18n.t("ui.dnsalt.email.none", rec.domain()) : "");
            if (!list.isEmpty() && address.get() == null) {
                address.set(list.get(0));
            }
        }).onFailure(e -> addressesMessage.set(I18n.t("ui.dnsalt.email.failed", UiJobs.describe(e))));
    }

    private void updateFile() {
        DomainClaimRecord rec = claim.get();
        if (rec == null) {
            return;
        }
        AlternativeValidation.HttpFile f = AlternativeValidation.httpFile(rec, adn(), schemeName());
        if (f.url().toString().equals(fileUrl.get()) && f.content().equals(fileContent.get())) {
            return; // the same file: the pre-check still holds
        }
        fileUrl.set(f.url().toString());
        fileContent.set(f.content());
        precheck.set("");
        precheckOk.set(false);
    }

    private String adn() {
        String a = authorizationDomain.get();
        return a == null || a.isBlank() ? null : a;
    }

    private String schemeName() {
        return scheme.get() == Scheme.HTTPS ? "https" : "http"; // not user-visible
    }

    /** "Where it comes from" for an approver address, in words. */
    public static String sourceText(ApproverEmails.Address a) {
        String s = a.source() == null ? "" : a.source();
        if (s.equals("constructed")) { // not user-visible
            return I18n.t("ui.dnsalt.source.constructed");
        }
        return s.startsWith("DNS ") ? I18n.t("ui.dnsalt.source.dns", s.substring(4)) : s; // not user-visible
    }

    /** Fetches the file from this machine (or from {@link #checkViaProperty()}) and compares it with the token. */
    public void checkFromHere() {
        DomainClaimRecord rec = claim.get();
        if (rec == null || busy.get()) {
            return;
        }
        URI via;
        try {
            via = checkVia.get().isBlank() ? null : URI.create(checkVia.get().strip());
        } catch (IllegalArgumentException e) {
            precheck.set(I18n.t("ui.dnsalt.http.via.invalid", checkVia.get().strip()));
            precheckOk.set(false);
            return;
        }
        AlternativeValidation.HttpFile f = AlternativeValidation.httpFile(rec, adn(), schemeName());
        busy.set(true);
        precheck.set(I18n.t("ui.dnsalt.http.checking", via == null ? f.url() : via));
        jobs.run(I18n.t("ui.dnsalt.job.precheck"), p -> AlternativeValidation.precheck(f, via, Duration.ofSeconds(10)))
                .onSuccess(r -> {
                    busy.set(false);
                    precheckOk.set(r.ok());
                    precheck.set(r.ok() ? I18n.t("ui.dnsalt.http.check.ok", r.fetched())
                            : I18n.t("ui.dnsalt.http.check.bad", r.detailMsg()));
                }).onFailure(e -> {
                    busy.set(false);
                    precheck.set(I18n.t("ui.dnsalt.http.check.bad", UiJobs.describe(e)));
                });
    }

    /** {@code POST …/http}, then waits (bounded, cancellable) for GlobalSign to fetch the file. */
    public void askHttp() {
        DomainClaimRecord rec = claim.get();
        if (rec == null || busy.get()) {
            return;
        }
        String adn = adn();
        String s = schemeName();
        String url = fileUrl.get();
        start(I18n.t("ui.dnsalt.job.http"), httpWait, left -> I18n.t("ui.dnsalt.http.waiting", url, left),
                (alt, p) -> alt.verifyHttp(rec, adn, s, httpWait));
    }

    /** Sends the approval mail to the chosen address, then waits (bounded, cancellable) for its approval. */
    public void sendEmail() {
        DomainClaimRecord rec = claim.get();
        ApproverEmails.Address to = address.get();
        if (rec == null || busy.get()) {
            return;
        }
        if (to == null) {
            error.set(I18n.t("ui.dnsalt.email.choose"));
            return;
        }
        sandboxMails.clear();
        sandboxMessage.set(mailbox == null ? "" : I18n.t("ui.dnsalt.sandbox.sent", to.email()));
        start(I18n.t("ui.dnsalt.job.email"), emailWait, left -> I18n.t("ui.dnsalt.email.waiting", to.email(), left),
                (alt, p) -> alt.verifyEmail(rec, to.email(), emailWait));
    }

    private interface Verify {
        VerifyResult run(AlternativeValidation alt, ProgressSink p);
    }

    private interface WaitText {
        String of(long secondsLeft);
    }

    private void start(String title, Duration max, WaitText text, Verify verify) {
        stopped = false;
        busy.set(true);
        waiting.set(true);
        verified.set(false);
        result.set("");
        error.set("");
        progress.set(-1);
        waitMessage.set(text.of(max.toSeconds()));
        running = jobs.run(title, p -> {
            try (AtlasClient c = connector.client(providerId)) {
                Instant begin = clock.instant();
                AlternativeValidation alt = alternative(c, p).sleeper(d -> {
                    long gone = Duration.between(begin, clock.instant()).toMillis();
                    p.update(Math.min(1, gone / (double) Math.max(1, max.toMillis())),
                            text.of(Math.max(0, (max.toMillis() - gone) / 1000)));
                    if (p.isCancelled()) {
                        throw new InterruptedException();
                    }
                    Thread.sleep(d.toMillis());
                });
                return verify.run(alt, p);
            }
        }).onProgress(pr -> {
            progress.set(pr.fraction());
            waitMessage.set(pr.message());
        }).onSuccess(r -> finished(r, null)).onFailure(e -> finished(null, e));
    }

    private void finished(VerifyResult r, Throwable e) {
        running = null;
        busy.set(false);
        waiting.set(false);
        waitMessage.set("");
        if (stopped && (e != null || r.state() != VerifyResult.State.VERIFIED)) {
            result.set(I18n.t("ui.dnsalt.stopped")); // the worker may answer "cancelled" before the handle does
        } else if (e != null) {
            result.set(e instanceof CancellationException ? I18n.t("ui.dnsalt.stopped")
                    : I18n.t("ui.dnsalt.failed", UiJobs.describe(e)));
        } else if (r.state() == VerifyResult.State.VERIFIED) {
            verified.set(true);
            result.set(I18n.t("ui.dnsalt.verified", r.domain()));
        } else if (r.state() == VerifyResult.State.PENDING) {
            result.set(I18n.t("ui.dnsalt.pending", r.domain(), r.reasonMsg() != null ? r.reasonMsg() : String.valueOf(r.reason())));
        } else {
            result.set(I18n.t("ui.dnsalt.refused", r.domain(), r.reasonMsg() != null ? r.reasonMsg() : String.valueOf(r.reason())));
        }
        DomainClaimRecord before = claim.get();
        jobs.run(I18n.t("ui.dnsalt.job.load"), p -> stored()).onSuccess(rec -> {
            claim.set(rec);
            if (verified.get()) {
                onVerified.accept(rec);
            }
        }).onFailure(x -> claim.set(before));
    }

    /** Stops waiting (GlobalSign may still answer later; the claim's status then shows it). */
    public void stopWaiting() {
        if (running != null) {
            stopped = true;
            running.cancel();
        }
    }

    private AlternativeValidation alternative(AtlasClient c, ProgressSink p) {
        ClaimService svc = new ClaimService(connector.store(), connector.store().providers().get(providerId), c)
                .clock(clock);
        return new AlternativeValidation(svc, c).clock(clock).pollInterval(pollInterval);
    }

    // ------------------------------------------------------------------------------------------------ sandbox

    /** True when the sandbox mailbox can be opened (a sandbox provider while the sandbox runs). */
    public boolean sandbox() {
        return mailbox != null;
    }

    /** Lists the sandbox mails to the chosen address ("Open the sandbox mailbox"). */
    public void openSandboxMailbox() {
        ApproverEmails.Address to = address.get();
        if (mailbox == null || to == null) {
            return;
        }
        jobs.run(I18n.t("ui.dnsalt.job.mailbox"), p -> mailbox.mails(to.email())).onSuccess(list -> {
            sandboxMails.setAll(list);
            sandboxMessage.set(list.isEmpty() ? I18n.t("ui.dnsalt.sandbox.empty", to.email())
                    : I18n.t("ui.dnsalt.sandbox.found", list.size(), to.email()));
        }).onFailure(e -> sandboxMessage.set(I18n.t("ui.dnsalt.sandbox.failed", UiJobs.describe(e))));
    }

    /** Approves the newest unapproved sandbox mail, as its recipient would ("Approve" in the mail). */
    public void approveInSandbox() {
        SandboxMailbox.Mail m = sandboxMails.stream().filter(x -> !x.approved()).reduce((a, b) -> b).orElse(null);
        if (mailbox == null || m == null) {
            return;
        }
        jobs.run(I18n.t("ui.dnsalt.job.approve"), p -> {
            mailbox.approve(m);
            return mailbox.mails(m.to());
        }).onSuccess(list -> {
            sandboxMails.setAll(list);
            sandboxMessage.set(I18n.t("ui.dnsalt.sandbox.approved", m.to()));
        }).onFailure(e -> sandboxMessage.set(I18n.t("ui.dnsalt.sandbox.failed", UiJobs.describe(e))));
    }

    // ------------------------------------------------------------------------------------------------ wiring

    /** Called with the stored claim once it is VERIFIED (e.g. the DNS step refreshes its table). */
    public void setOnVerified(Consumer<DomainClaimRecord> c) {
        this.onVerified = c == null ? r -> { } : c;
    }

    /** How long each method waits for GlobalSign's answer and how often it asks (tests shorten them). */
    public void waits(Duration http, Duration email, Duration poll) {
        this.httpWait = Objects.requireNonNull(http);
        this.emailWait = Objects.requireNonNull(email);
        this.pollInterval = Objects.requireNonNull(poll);
    }

    public long providerId() { return providerId; }
    public String domain() { return domain; }
    public ObjectProperty<DomainClaimRecord> claimProperty() { return claim; }
    public ObservableList<String> authorizationDomains() { return authorizationDomains; }
    public StringProperty authorizationDomainProperty() { return authorizationDomain; }
    public ObjectProperty<Scheme> schemeProperty() { return scheme; }
    public StringProperty fileUrlProperty() { return fileUrl; }
    public StringProperty fileContentProperty() { return fileContent; }
    public StringProperty checkViaProperty() { return checkVia; }
    public StringProperty precheckProperty() { return precheck; }
    public BooleanProperty precheckOkProperty() { return precheckOk; }
    public ObservableList<ApproverEmails.Address> addresses() { return addresses; }
    public ObjectProperty<ApproverEmails.Address> addressProperty() { return address; }
    public StringProperty addressesMessageProperty() { return addressesMessage; }
    public ObservableList<SandboxMailbox.Mail> sandboxMails() { return sandboxMails; }
    public StringProperty sandboxMessageProperty() { return sandboxMessage; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty waitingProperty() { return waiting; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty waitMessageProperty() { return waitMessage; }
    public StringProperty resultProperty() { return result; }
    public BooleanProperty verifiedProperty() { return verified; }
    public StringProperty errorProperty() { return error; }
}
