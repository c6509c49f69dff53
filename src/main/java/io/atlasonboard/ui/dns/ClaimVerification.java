package io.atlasonboard.ui.dns;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.atlasonboard.core.atlas.AtlasApiException;
import io.atlasonboard.core.atlas.DnsAssertion;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.core.tasks.Cancellation;
import io.atlasonboard.ui.common.FxTask;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Ask GlobalSign to verify" for the DNS view: one background batch through the claim service (bounded concurrency,
 * rate-limit backoff), or per claim with polling when the claim operations do not batch. Each claim's row (status,
 * log, lifetime) is refreshed from the store as soon as its outcome is known, not only at the end.
 */
final class ClaimVerification {
    private final DnsValidationViewModel vm;
    private final ClaimOps claims;
    private final UiJobs jobs;
    private final Clock clock;
    private final Duration pollInterval;
    private final int maxPolls;
    private final Semaphore verifySlots = new Semaphore(DnsValidationViewModel.MAX_PARALLEL_VERIFY);
    /** The running verifications (Cancel) with the rows they are for; UI thread only. */
    private final Map<FxTask<?>, List<ClaimRow>> running = new HashMap<>();
    private final StringProperty waitingFor = new SimpleStringProperty("");
    private FxTask<?> batch;

    ClaimVerification(DnsValidationViewModel vm, ClaimOps claims, UiJobs jobs, Clock clock, Duration pollInterval,
            int maxPolls) {
        this.vm = vm;
        this.claims = claims;
        this.jobs = jobs;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.maxPolls = maxPolls;
    }

    void verify(List<ClaimRow> todo) {
        if (claims.verifiesInBatches()) {
            verifyBatch(todo);
        } else {
            todo.forEach(this::verifyOne);
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
        Map<String, ClaimRow> byDomain = new HashMap<>();
        ready.forEach(r -> byDomain.put(r.record().domain(), r));
        List<String> domains = new ArrayList<>(byDomain.keySet());
        long providerId = vm.providerId();
        Duration wait = pollInterval.multipliedBy(maxPolls);
        int total = domains.size();
        AtomicInteger done = new AtomicInteger();
        batch = jobs.run(I18n.t("ui.dns.job.verifyMany", domains.size()), p -> {
            claims.verify(providerId, domains, wait, (d, res) -> {
                // on a worker: the claim as now stored (its log was refreshed after the verification)
                DomainClaimRecord now = find(claims.stored(providerId), d);
                ClaimRow.Shown shown = now == null ? null : vm.shown(List.of(now)).get(0);
                int n = done.incrementAndGet();
                jobs.onUi(() -> {
                    // the batch's own progress line is English: say it from the result, in the UI's language
                    vm.messageProperty().set(I18n.t("ui.dns.verify.progress", d, DnsValidationViewModel.describe(res),
                            n, total));
                    ClaimRow row = byDomain.get(d);
                    if (shown != null) {
                        vm.upsertShown(List.of(shown));
                    }
                    if (row != null) {
                        row.progressProperty().set(res.reassertNeeded()
                                ? I18n.t("ui.dns.verify.reassertNeeded")
                                : DnsValidationViewModel.describe(res));
                    }
                });
            }, p);
            return vm.shown(claims.stored(providerId).stream().filter(r -> byDomain.containsKey(r.domain())).toList());
        }).onSuccess(list -> {
            vm.upsertShown(list);
            long ok = list.stream().filter(s -> "VERIFIED".equalsIgnoreCase(s.record().status())).count();
            vm.messageProperty().set(I18n.t("ui.dns.verify.count", ok, domains.size()));
        }).onFailure(e -> vm.messageProperty().set(I18n.t("ui.dns.verify.stopped", DnsValidationViewModel.failure(e))));
        own(batch, ready);
    }

    private static DomainClaimRecord find(List<DomainClaimRecord> list, String domain) {
        for (DomainClaimRecord r : list) {
            if (r.domain().equals(domain)) {
                return r;
            }
        }
        return null;
    }

    /**
     * {@code POST .../dns}, then polls the claim until VERIFIED (or the poll limit), at most
     * {@link DnsValidationViewModel#MAX_PARALLEL_VERIFY} claims at a time; progress and outcome per domain.
     */
    void verifyOne(ClaimRow row) {
        String claimId = row.record().claimId();
        String d = row.record().domain();
        long providerId = vm.providerId();
        if (row.deadlinePassed(clock.instant())) {
            row.progressProperty().set(I18n.t("ui.dns.deadlinePassed"));
            return;
        }
        row.progressProperty().set(I18n.t("ui.dns.verify.waiting"));
        FxTask<?> one = jobs.run(I18n.t("ui.dns.job.verify", d), p -> {
            verifySlots.acquire();
            try {
                p.update(0.1, I18n.t("ui.dns.verify.askingFor", d));
                DnsAssertion a = claims.assertDns(providerId, claimId);
                DomainClaimRecord r = claims.refresh(providerId, claimId);
                for (int i = 0; i < maxPolls && !"VERIFIED".equalsIgnoreCase(r.status()); i++) {
                    p.checkCancelled();
                    p.update(0.2 + 0.8 * i / maxPolls, I18n.t(a == DnsAssertion.SCHEDULED
                            ? "ui.dns.verify.scheduled" : "ui.dns.verify.running", ClaimRow.statusText(r.status()), i + 1));
                    Cancellation.sleep(pollInterval);
                    r = claims.refresh(providerId, claimId);
                }
                return vm.shown(List.of(r)).get(0);
            } finally {
                verifySlots.release();
            }
        }).onProgress(prog -> row.progressProperty().set(prog.message())).onSuccess(s -> {
            vm.upsertShown(List.of(s));
            DomainClaimRecord r = s.record();
            row.progressProperty().set("VERIFIED".equalsIgnoreCase(r.status()) ? ClaimRow.statusText("VERIFIED")
                    : I18n.t("ui.dns.verify.still", ClaimRow.statusText(r.status())));
        }).onFailure(e -> {
            String m = DnsValidationViewModel.failure(e);
            if (e instanceof AtlasApiException api && api.status() == 424) {
                m = I18n.t("ui.dns.verify.reassertNeeded");
            }
            row.progressProperty().set(m);
        });
        own(one, List.of(row));
    }

    /** Keeps {@code h} for Cancel until it ends; "Waiting for GlobalSign to verify …" names what runs. */
    private void own(FxTask<?> h, List<ClaimRow> rows) {
        running.put(h, rows);
        update();
        h.result().whenComplete((v, e) -> jobs.onUi(() -> {
            running.remove(h);
            update();
        }));
    }

    private void update() {
        List<String> names = new ArrayList<>();
        running.values().forEach(rows -> rows.forEach(r -> names.add(r.record().domain())));
        waitingFor.set(names.isEmpty() ? "" : I18n.t("ui.dns.cancel.verifying", String.join(", ", names),
                names.size()));
    }

    /**
     * Cancel: every running verification stops (its network wait or poll sleep is interrupted); the rows and the
     * pane say so at once. What the store already holds stays (each claim is saved only as its outcome arrives).
     */
    void cancel() {
        if (running.isEmpty()) {
            return;
        }
        Map<FxTask<?>, List<ClaimRow>> now = new HashMap<>(running);
        running.clear();
        List<String> names = new ArrayList<>();
        now.values().forEach(rows -> rows.forEach(r -> names.add(r.record().domain())));
        waitingFor.set("");
        now.keySet().forEach(FxTask::cancel);
        String what = I18n.t("ui.dns.cancel.verifyDone", String.join(", ", names), names.size());
        jobs.onUi(() -> { // after the jobs' own failure callbacks
            now.values().forEach(rows -> rows.forEach(r -> r.progressProperty().set(I18n.t("ui.dns.cancel.row"))));
            vm.messageProperty().set(what);
        });
    }

    StringProperty waitingForProperty() {
        return waitingFor;
    }
}
