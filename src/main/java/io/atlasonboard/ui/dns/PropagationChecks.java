package io.atlasonboard.ui.dns;

import java.util.ArrayList;
import java.util.List;

import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.PropagationReport;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.core.dns.ServerResult;
import io.atlasonboard.core.dns.TxtCheck;
import io.atlasonboard.core.dns.TxtRecordPresentation;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.common.FxTask;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Propagation checks of the DNS view: the selected claim's record at every authoritative server (n of m), or every
 * pending claim in one batch whose rows update as each name's answers arrive (issue 12). Records are checked where
 * they go: at the chosen authorization domain. UI thread only.
 */
final class PropagationChecks {
    private final DnsValidationViewModel vm;
    private final PropagationChecker checker;
    private final UiJobs jobs;
    private final StringProperty resolvers = new SimpleStringProperty("");
    private final ObservableList<ServerResult> servers = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty checking = new SimpleBooleanProperty(false);
    private FxTask<?> handle; // the running check (Cancel)
    private String askingFor = "";

    PropagationChecks(DnsValidationViewModel vm, PropagationChecker checker, UiJobs jobs) {
        this.vm = vm;
        this.checker = checker;
        this.jobs = jobs;
    }

    /** Asks every authoritative server of the zone (and the configured resolvers) for the selected claim's TXT. */
    void checkSelected() {
        ClaimRow row = vm.selectedProperty().get();
        if (row == null || row.record().token() == null || checking.get()) {
            return;
        }
        List<ResolverSpec> extra = extraResolvers();
        if (extra == null) {
            return;
        }
        String d = row.recordName();
        String token = row.record().token();
        checking.set(true);
        servers.clear();
        summary.set(I18n.t("ui.dns.propagation.asking", d));
        askingFor = d;
        handle = jobs.run(I18n.t("ui.dns.job.propagation", d), p -> checker.check(d, token, extra))
                .onSuccess((PropagationReport rep) -> {
            checking.set(false);
            row.seenProperty().set(I18n.t("ui.dns.propagation.seen", rep.seen(), rep.total()));
            if (row != vm.selectedProperty().get()) {
                return;
            }
            servers.setAll(rep.results());
            String s = I18n.t("ui.dns.propagation.seen", rep.seen(), rep.total());
            if (!rep.problems().isEmpty()) {
                s = I18n.t("ui.dns.propagation.seenProblems", s, String.join("; ", rep.problemMsgs().isEmpty() ? rep.problems()
                        : rep.problemMsgs().stream().map(I18n::text).toList()));
            }
            summary.set(s);
            if (rep.zone() != null) {
                vm.relativeNameProperty().set(DnsValidationViewModel.relative(TxtRecordPresentation.of(d, token, null, null), rep.zone()));
            }
        }).onFailure(e -> {
            checking.set(false);
            summary.set(I18n.t("ui.dns.propagation.failed", DnsValidationViewModel.failure(e)));
        });
    }

    /** The typed resolvers; null (and the reason shown) when one does not parse. */
    private List<ResolverSpec> extraResolvers() {
        List<ResolverSpec> extra = new ArrayList<>();
        for (String s : resolvers.get().split("[,;\\s]+")) {
            if (!s.isBlank()) {
                try {
                    extra.add(ResolverSpec.parse(s));
                } catch (IllegalArgumentException e) {
                    summary.set(I18n.text(e));
                    return null;
                }
            }
        }
        return extra;
    }

    /**
     * Checks the records of every claim not yet verified in one run; each row's "Seen by" is updated as soon as its
     * name is complete (the checker's listener, handed to the UI thread), not only at the end.
     */
    void checkAll() {
        List<ClaimRow> todo = vm.rows().stream().filter(r -> r.record().token() != null
                && !"VERIFIED".equalsIgnoreCase(r.record().status())).toList();
        List<ResolverSpec> extra = extraResolvers();
        if (todo.isEmpty() || extra == null || checking.get()) {
            return;
        }
        List<TxtCheck> names = todo.stream().map(r -> new TxtCheck(r.recordName(), r.record().token())).toList();
        todo.forEach(r -> r.seenProperty().set(I18n.t("ui.dns.propagation.askingRow")));
        checking.set(true);
        summary.set(I18n.t("ui.dns.propagation.askingMany", names.size()));
        int[] done = {0};
        askingFor = String.join(", ", names.stream().map(TxtCheck::domain).toList());
        handle = jobs.run(I18n.t("ui.dns.job.propagationMany", names.size()), p -> checker.checkAll(names, extra,
                (i, rep) -> jobs.onUi(() -> {
                    todo.get(i).seenProperty().set(I18n.t("ui.dns.propagation.seen", rep.seen(), rep.total()));
                    summary.set(I18n.t("ui.dns.propagation.namesDone", ++done[0], names.size()));
                    if (todo.get(i) == vm.selectedProperty().get()) {
                        servers.setAll(rep.results());
                    }
                }), null)).onSuccess(reps -> {
                    checking.set(false);
                    long complete = reps.stream().filter(r -> r.total() > 0 && r.seen() == r.total()).count();
                    summary.set(I18n.t("ui.dns.propagation.namesSeen", complete, reps.size()));
                }).onFailure(e -> {
                    checking.set(false);
                    summary.set(I18n.t("ui.dns.propagation.failed", DnsValidationViewModel.failure(e)));
                });
    }

    /** Cancel: the running check stops; the summary says so and the buttons are usable at once. */
    void cancel() {
        FxTask<?> h = handle;
        if (!checking.get() || h == null) {
            return;
        }
        handle = null;
        checking.set(false);
        h.cancel();
        String what = I18n.t("ui.dns.cancel.propagationDone", askingFor);
        jobs.onUi(() -> { // after the job's own failure callback
            if (!checking.get()) {
                summary.set(what);
            }
        });
    }

    StringProperty resolversProperty() { return resolvers; }
    ObservableList<ServerResult> servers() { return servers; }
    StringProperty summaryProperty() { return summary; }
    BooleanProperty checkingProperty() { return checking; }
}
