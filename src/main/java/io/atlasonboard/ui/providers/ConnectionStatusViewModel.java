package io.atlasonboard.ui.providers;

import io.atlasonboard.ui.common.I18n;

import io.atlasonboard.ui.common.UiJobs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.providers.ConnectionEvent;
import io.atlasonboard.core.providers.ConnectionReport;
import io.atlasonboard.core.providers.ConnectionStep;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.tasks.Progress;
import io.atlasonboard.ui.common.FxTask;
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
 * step (local checks, TLS handshake, login, validation policy, quota) with its state, taken from the test's
 * {@link ConnectionEvent}s (started, passed, failed), then "Connection Status: Good" with the policy summary and
 * remaining quota, or "Connection Status: Bad" with the failing step and diagnosis. A stored status shows its
 * diagnosis and policy in the user's language when the store kept them as messages.
 */
public final class ConnectionStatusViewModel {
    public enum StepState { WAITING, RUNNING, OK, FAILED, SKIPPED }

    /** One line of the step list. */
    public static final class Step {
        private final ConnectionStep step;
        private final ObjectProperty<StepState> state = new SimpleObjectProperty<>(StepState.WAITING);

        Step(ConnectionStep step) {
            this.step = step;
        }

        /** The step's name in the UI's language (name() stays the core's label). */
        public String displayName() {
            return stepText(step.label());
        }

        public String name() {
            return step.label();
        }

        public ConnectionStep step() {
            return step;
        }

        public ObjectProperty<StepState> stateProperty() {
            return state;
        }
    }


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
    private long providerId = -1;
    private int run; // events of an earlier test arriving late are ignored
    private Runnable onFinished = () -> { };
    private FxTask<ConnectionReport> handle; // the running test (Cancel)
    private final TestCancel cancel = new TestCancel(this);
    /** The provider and time of the test this pane last showed the result of (null: none, or another shown since). */
    private Long reportedId;
    private Instant reportedAt;

    public ConnectionStatusViewModel(ProviderConnector connector, UiJobs jobs) {
        this.connector = Objects.requireNonNull(connector);
        this.jobs = Objects.requireNonNull(jobs);
        for (ConnectionStep s : ConnectionStep.values()) {
            steps.add(new Step(s));
        }
    }

    /** Shows the stored status of a provider (no network). */
    public void show(ProviderRecord r) {
        providerId = r.id();
        cancel.url(r.id(), r.apiUrl());
        ConnectionStatus st = r.status();
        if (r.id().equals(reportedId) && sameInstant(st.checkedAt(), reportedAt)) {
            // the stored status is the test this pane has just shown (the list re-reads the providers after a
            // test): its steps and remaining quota, which the store does not keep, stay on screen
            return;
        }
        reportedId = null;
        state.set(st.state());
        steps.forEach(s -> s.stateProperty().set(StepState.WAITING));
        failedStep.set(st.failedStep() == null ? "" : st.failedStep());
        diagnosis.set(text(st.diagnosisMsg(), st.diagnosis()));
        policySummary.set(text(st.summaryMsg(), st.summary()));
        quota.set("");
        checkedAt.set(st.checkedAt() == null ? "" : I18n.t("ui.providers.status.checked", I18n.dateTime(st.checkedAt())));
        headline.set(headlineFor(st.state()));
    }

    /** A message in the UI's language, or the English text kept without one (a status stored before schema 43). */
    private static String text(Msg msg, String english) {
        return msg != null ? I18n.text(msg) : english == null ? "" : english;
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
        reportedId = null;
        running.set(true);
        progress.set(0);
        state.set(ConnectionStatus.State.UNKNOWN);
        headline.set(I18n.t("ui.providers.status.checking"));
        failedStep.set("");
        diagnosis.set("");
        policySummary.set("");
        quota.set("");
        steps.forEach(s -> s.stateProperty().set(StepState.WAITING));
        int thisRun = ++run;
        cancel.started(id, state.get());
        handle = jobs.run(I18n.t("ui.providers.status.connectionTest"),
                sink -> connector.test(id, sink, ev -> jobs.onUi(() -> onEvent(thisRun, ev))))
                .onProgress(this::onProgress).onSuccess(this::onReport).onFailure(e -> {
            running.set(false);
            steps.forEach(s -> s.stateProperty().set(s.stateProperty().get() == StepState.RUNNING ? StepState.FAILED
                    : s.stateProperty().get() == StepState.WAITING ? StepState.SKIPPED : s.stateProperty().get()));
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

    /** Only the bar: which check runs, passed or failed comes from the {@link ConnectionEvent}s. */
    private void onProgress(Progress p) {
        if (running.get() && p.fraction() >= 0) {
            progress.set(p.fraction());
        }
    }

    /** A check started, passed or failed (on the UI thread, in the order the test reported them). */
    void onEvent(int ofRun, ConnectionEvent e) {
        if (ofRun != run || !running.get()) {
            return;
        }
        Step step = steps.get(e.step().ordinal());
        if (e instanceof ConnectionEvent.Started st) {
            cancel.step(e.step());
            step.stateProperty().set(StepState.RUNNING);
            message.set(text(st.detailMsg(), st.detail()));
        } else if (e instanceof ConnectionEvent.Passed) {
            step.stateProperty().set(StepState.OK);
        } else if (e instanceof ConnectionEvent.Failed) {
            step.stateProperty().set(StepState.FAILED);
            steps.stream().filter(s -> s.step().ordinal() > e.step().ordinal())
                    .forEach(s -> s.stateProperty().set(StepState.SKIPPED));
        }
    }

    private static boolean sameInstant(Instant a, Instant b) {
        return a != null && b != null && a.truncatedTo(ChronoUnit.MILLIS).equals(b.truncatedTo(ChronoUnit.MILLIS));
    }

    private void onReport(ConnectionReport r) {
        reportedId = providerId;
        reportedAt = r.checkedAt();
        running.set(false);
        progress.set(1);
        checkedAt.set(I18n.t("ui.providers.status.checked",
                I18n.dateTime(r.checkedAt() == null ? Instant.now() : r.checkedAt())));
        if (r.good()) {
            state.set(ConnectionStatus.State.GOOD);
            headline.set(headlineFor(ConnectionStatus.State.GOOD));
            steps.forEach(s -> s.stateProperty().set(StepState.OK));
            policySummary.set(text(r.policyMsg(), r.policySummary()));
            quota.set(r.remainingQuota() == null ? "" : I18n.t("ui.providers.status.quota", String.valueOf(r.remainingQuota())));
            message.set(I18n.t("ui.providers.status.allPassed"));
        } else {
            state.set(ConnectionStatus.State.BAD);
            headline.set(headlineFor(ConnectionStatus.State.BAD));
            failedStep.set(r.failedStepMsg().map(I18n::text).orElse(r.failedStep()));
            diagnosis.set(r.msg() != null ? I18n.text(r.msg()) : r.diagnosis());
            // the events marked the checks; a check the test did not report (it failed as a whole) is skipped
            steps.forEach(s -> s.stateProperty().set(switch (s.stateProperty().get()) {
                case RUNNING -> StepState.FAILED;
                case WAITING -> StepState.SKIPPED;
                default -> s.stateProperty().get();
            }));
            message.set("");  // the failed step has its own line below the step list
        }
        onFinished.run();
    }

    /**
     * Cancel: stops the running test (its network wait is interrupted); the pane says so and is usable at once; the
     * stored status stays as it was (the connector records nothing for a cancelled test).
     */
    public void cancel() {
        FxTask<ConnectionReport> h = handle;
        if (!running.get() || h == null) {
            return;
        }
        handle = null;
        running.set(false);
        int cancelledRun = run;
        h.cancel();
        jobs.onUi(() -> cancel.show(cancelledRun)); // after the job's own failure callback
    }

    /** Shows "Cancelled: …" after the test of {@code ofRun} was cancelled (unless another test runs since). */
    void showCancelled(int ofRun, ConnectionStatus.State before, String what) {
        if (ofRun != run || running.get()) {
            return;
        }
        steps.forEach(s -> s.stateProperty().set(StepState.WAITING));
        state.set(before);
        failedStep.set("");
        diagnosis.set("");
        message.set("");
        progress.set(0);
        headline.set(what);
    }

    int currentRun() {
        return run;
    }

    /** "Testing the connection to https://…: step 3 of 6" while a test runs, empty otherwise. */
    public StringProperty waitingForProperty() {
        return cancel.waitingForProperty();
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
}
