package io.atlasonboard.ui.providers;

import io.atlasonboard.ui.common.I18n;

import io.atlasonboard.ui.common.UiJobs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.atlasonboard.core.providers.ConnectionReport;
import io.atlasonboard.core.providers.ConnectionStep;
import io.atlasonboard.core.providers.ConnectionTester;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.tasks.Progress;
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
 * Step 6 and the providers window: runs the connection test of a stored provider in the background and shows each
 * step (local checks, TLS handshake, login, validation policy, quota) with its state, then "Connection Status: Good"
 * with the policy summary and remaining quota, or "Connection Status: Bad" with the failing step and diagnosis.
 */
public final class ConnectionStatusViewModel {
    public enum StepState { WAITING, RUNNING, OK, FAILED, SKIPPED }

    /** One line of the step list. */
    public static final class Step {
        private final String name;
        private final ObjectProperty<StepState> state = new SimpleObjectProperty<>(StepState.WAITING);

        Step(String name) {
            this.name = name;
        }

        /** The step's name in the UI's language (name() stays the core's label). */
        public String displayName() {
            return stepText(name);
        }

        public String name() {
            return name;
        }

        public ObjectProperty<StepState> stateProperty() {
            return state;
        }
    }

    static final List<String> STEP_NAMES = List.of(ConnectionTester.STEP_LOCAL, ConnectionTester.STEP_TLS,
            ConnectionTester.STEP_LOGIN, ConnectionTester.STEP_POLICY, ConnectionTester.STEP_QUOTA);
    /** Progress fractions ConnectionTester reports when each step starts. */
    private static final double[] STARTS = {0.05, 0.2, 0.45, 0.65, 0.85};

    private final ProviderConnector connector;
    private final UiJobs jobs;
    private final ObservableList<Step> steps = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<ConnectionStatus.State> state = new SimpleObjectProperty<>(ConnectionStatus.State.UNKNOWN);
    private final StringProperty headline = new SimpleStringProperty(headlineFor(ConnectionStatus.State.UNKNOWN));
    private final StringProperty failedStep = new SimpleStringProperty("");
    private final StringProperty diagnosis = new SimpleStringProperty("");
    private final StringProperty policySummary = new SimpleStringProperty("");
    private final StringProperty quota = new SimpleStringProperty("");
    private final StringProperty checkedAt = new SimpleStringProperty("");
    private final ObjectProperty<ConnectionReport> report = new SimpleObjectProperty<>();
    private long providerId = -1;
    private Runnable onFinished = () -> { };

    public ConnectionStatusViewModel(ProviderConnector connector, UiJobs jobs) {
        this.connector = Objects.requireNonNull(connector);
        this.jobs = Objects.requireNonNull(jobs);
        for (String n : STEP_NAMES) {
            steps.add(new Step(n));
        }
    }

    /** Shows the stored status of a provider (no network). */
    public void show(ProviderRecord r) {
        providerId = r.id();
        ConnectionStatus st = r.status();
        state.set(st.state());
        steps.forEach(s -> s.stateProperty().set(StepState.WAITING));
        failedStep.set(st.failedStep() == null ? "" : st.failedStep());
        diagnosis.set(st.diagnosis() == null ? "" : st.diagnosis());
        policySummary.set(st.summary() == null ? "" : st.summary());
        quota.set("");
        checkedAt.set(st.checkedAt() == null ? "" : I18n.t("ui.providers.status.checked", I18n.dateTime(st.checkedAt())));
        headline.set(headlineFor(st.state()));
    }

    public static String headlineFor(ConnectionStatus.State s) {
        return I18n.t("ui.providers.status.headline." + s.name());
    }

    /** A core step label ("TLS handshake") in the UI's language; other texts as they are. */
    public static String stepText(String coreLabel) {
        return coreLabel == null ? "" : ConnectionStep.ofLabel(coreLabel)
                .map(c -> I18n.t("ui.providers.step." + c.name())).orElse(coreLabel);
    }

    /** Runs the connection test of the provider in the background. */
    public void test(long id) {
        if (running.get()) {
            return;
        }
        providerId = id;
        running.set(true);
        progress.set(0);
        report.set(null);
        state.set(ConnectionStatus.State.UNKNOWN);
        headline.set(I18n.t("ui.providers.status.checking"));
        failedStep.set("");
        diagnosis.set("");
        policySummary.set("");
        quota.set("");
        steps.forEach(s -> s.stateProperty().set(StepState.WAITING));
        jobs.run(I18n.t("ui.providers.status.connectionTest"), sink -> connector.test(id, sink), this::onProgress, this::onReport, e -> {
            running.set(false);
            state.set(ConnectionStatus.State.BAD);
            headline.set(headlineFor(ConnectionStatus.State.BAD));
            failedStep.set(I18n.t("ui.providers.status.connectionTest"));
            diagnosis.set(I18n.t("ui.providers.status.couldNotRun", I18n.text(UiJobs.unwrap(e))));
            onFinished.run();
        });
    }

    public void retest() {
        if (providerId >= 0) {
            test(providerId);
        }
    }

    private void onProgress(Progress p) {
        if (!running.get() || p.fraction() < 0) {
            return;
        }
        progress.set(p.fraction());
        message.set(p.message() == null ? "" : p.message());
        for (int i = 0; i < STARTS.length; i++) {
            double start = STARTS[i];
            double next = i + 1 < STARTS.length ? STARTS[i + 1] : 1.0;
            StepState st = p.fraction() >= next ? StepState.OK : p.fraction() >= start ? StepState.RUNNING : StepState.WAITING;
            steps.get(i).stateProperty().set(st);
        }
    }

    private void onReport(ConnectionReport r) {
        running.set(false);
        report.set(r);
        progress.set(1);
        checkedAt.set(I18n.t("ui.providers.status.checked",
                I18n.dateTime(r.checkedAt() == null ? Instant.now() : r.checkedAt())));
        if (r.good()) {
            state.set(ConnectionStatus.State.GOOD);
            headline.set(headlineFor(ConnectionStatus.State.GOOD));
            steps.forEach(s -> s.stateProperty().set(StepState.OK));
            policySummary.set(r.policySummary() == null ? "" : r.policySummary());
            quota.set(r.remainingQuota() == null ? "" : I18n.t("ui.providers.status.quota", String.valueOf(r.remainingQuota())));
            message.set(I18n.t("ui.providers.status.allPassed"));
        } else {
            state.set(ConnectionStatus.State.BAD);
            headline.set(headlineFor(ConnectionStatus.State.BAD));
            failedStep.set(r.failedStepMsg().map(I18n::text).orElse(r.failedStep()));
            diagnosis.set(r.msg() != null ? I18n.text(r.msg()) : r.diagnosis());
            int failed = STEP_NAMES.indexOf(r.failedStep());
            for (int i = 0; i < steps.size(); i++) {
                steps.get(i).stateProperty().set(failed < 0 ? StepState.SKIPPED
                        : i < failed ? StepState.OK : i == failed ? StepState.FAILED : StepState.SKIPPED);
            }
            message.set("");  // the failed step has its own line below the step list
        }
        onFinished.run();
    }

    /** Called on the UI thread after each test (e.g. to refresh the providers table). */
    public void setOnFinished(Runnable r) {
        this.onFinished = r == null ? () -> { } : r;
    }

    public ObservableList<Step> steps() { return steps; }
    public BooleanProperty runningProperty() { return running; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty messageProperty() { return message; }
    public ObjectProperty<ConnectionStatus.State> stateProperty() { return state; }
    public StringProperty headlineProperty() { return headline; }
    public StringProperty failedStepProperty() { return failedStep; }
    public StringProperty diagnosisProperty() { return diagnosis; }
    public StringProperty policySummaryProperty() { return policySummary; }
    public StringProperty quotaProperty() { return quota; }
    public StringProperty checkedAtProperty() { return checkedAt; }
    public ObjectProperty<ConnectionReport> reportProperty() { return report; }
}
