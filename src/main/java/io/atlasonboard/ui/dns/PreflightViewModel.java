package io.atlasonboard.ui.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.atlasonboard.core.claims.PreflightFinding;
import io.atlasonboard.core.claims.PreflightReport;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The preflight of the DNS step (issue 9): before claims are created and again before verifying, per domain the CAA
 * verdict (with the CAA line to add), DNSSEC, delegation health and the wildcard note. A blocking finding stops the
 * action it guards, with the reason said; the user fixes the zone and tries again. UI thread only.
 */
public final class PreflightViewModel {
    /**
     * One finding as shown: a headline and the core's detail, both in the UI's language, and the fix (e.g. a CAA
     * line).
     */
    public record Line(String domain, PreflightFinding.Check check, PreflightFinding.Level level, String headline,
            String detail, String fix) {
        /** The line as the findings list shows it. */
        public String text() {
            return I18n.t("ui.dns.preflight.line", domain, headline, detail);
        }
    }

    /** What a preflight guards; its name picks the sentence said when something blocks. */
    public enum Purpose {
        CREATE, VERIFY, CHECK
    }

    private final long providerId;
    private final ClaimOps claims;
    private final UiJobs jobs;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty caaLines = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty blocking = new SimpleBooleanProperty(false);

    PreflightViewModel(long providerId, ClaimOps claims, UiJobs jobs) {
        this.providerId = providerId;
        this.claims = Objects.requireNonNull(claims);
        this.jobs = Objects.requireNonNull(jobs);
    }

    /**
     * Runs the preflight for {@code domains} in the background; {@code onClear} runs (on the UI thread) when nothing
     * blocks. Blocking findings leave {@link #blockingProperty()} true and say why the action did not run.
     */
    public void run(List<String> domains, Purpose purpose, Runnable onClear) {
        run(domains, purpose, onClear, null);
    }

    /** As {@link #run(List, Purpose, Runnable)}; {@code onStopped} runs when something blocked or the run failed. */
    public void run(List<String> domains, Purpose purpose, Runnable onClear, Runnable onStopped) {
        if (domains.isEmpty() || running.get()) {
            if (onStopped != null) {
                onStopped.run();
            }
            return;
        }
        running.set(true);
        summary.set(I18n.t("ui.dns.preflight.running", domains.size()));
        List<String> names = List.copyOf(domains);
        jobs.run(I18n.t("ui.dns.job.preflight"), p -> claims.preflight(providerId, names)).onSuccess(rep -> {
            running.set(false);
            show(rep);
            if (rep.blocking()) {
                long n = rep.findings().stream().filter(f -> f.level() == PreflightFinding.Level.BLOCKING)
                        .map(PreflightFinding::domain).distinct().count();
                summary.set(I18n.t("ui.dns.preflight.blocked." + purpose.name(), n));
                if (onStopped != null) {
                    onStopped.run();
                }
            } else {
                summary.set(I18n.t("ui.dns.preflight.clear", names.size()));
                if (onClear != null) {
                    onClear.run();
                }
            }
        }).onFailure(e -> {
            running.set(false);
            summary.set(I18n.t("ui.dns.preflight.failed", DnsValidationViewModel.failure(e)));
            if (onStopped != null) {
                onStopped.run();
            }
        });
    }

    void show(PreflightReport rep) {
        List<Line> out = new ArrayList<>();
        for (PreflightFinding f : rep.findings()) {
            out.add(line(f));
        }
        lines.setAll(out);
        blocking.set(rep.blocking());
        caaLines.set(String.join("\n", rep.caaLinesToAdd()));
    }

    /** Forgets the last run (e.g. the names changed). */
    public void clear() {
        lines.clear();
        summary.set("");
        caaLines.set("");
        blocking.set(false);
    }

    static Line line(PreflightFinding f) {
        String headline = I18n.t("ui.dns.preflight." + f.check().name() + "." + f.level().name());
        return new Line(f.domain(), f.check(), f.level(), headline, detail(f), f.fix());
    }

    /** The core's sentence in the UI's language, for CAA without its leading verdict ("GlobalSign may NOT issue"). */
    static String detail(PreflightFinding f) {
        return I18n.text(f.detailMsg());
    }

    public ObservableList<Line> lines() { return lines; }
    public StringProperty summaryProperty() { return summary; }
    /** The CAA lines to add, one per line (empty when none is needed). */
    public StringProperty caaLinesProperty() { return caaLines; }
    public BooleanProperty runningProperty() { return running; }
    public BooleanProperty blockingProperty() { return blocking; }
}
