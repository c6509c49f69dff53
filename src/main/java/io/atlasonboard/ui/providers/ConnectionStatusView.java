package io.atlasonboard.ui.providers;

import io.atlasonboard.ui.common.I18n;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.store.ConnectionStatus;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The connection status pane (wizard step 6 and the providers window's detail). */
public final class ConnectionStatusView extends VBox {
    private final ConnectionStatusViewModel vm;

    public ConnectionStatusView(ConnectionStatusViewModel vm) {
        this.vm = vm;
        setSpacing(10);
        setPadding(new Insets(16));
        getStyleClass().add("connection-status");

        Label headline = new Label();
        headline.setId("connectionHeadline");
        headline.textProperty().bind(vm.headlineProperty());
        headline.getStyleClass().add(Styles.TITLE_3);
        headline.setWrapText(true);
        headline.accessibleTextProperty().bind(Bindings.createStringBinding(
                () -> vm.runningProperty().get() ? vm.headlineProperty().get()
                        : I18n.t("ui.providers.status.result." + vm.stateProperty().get().name()),
                vm.stateProperty(), vm.runningProperty(), vm.headlineProperty()));
        vm.stateProperty().addListener((o, a, s) -> styleHeadline(headline, s));
        styleHeadline(headline, vm.stateProperty().get());

        ProgressBar bar = new ProgressBar();
        bar.setId("connectionProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setAccessibleText(I18n.t("ui.providers.status.progress.a11y"));
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        bar.managedProperty().bind(vm.runningProperty());
        Label message = new Label();
        message.setId("connectionMessage");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);

        VBox steps = new VBox(4);
        steps.setId("connectionSteps");
        for (ConnectionStatusViewModel.Step s : vm.steps()) {
            Label l = new Label();
            l.setId("step-" + s.name().replace(' ', '-'));
            l.textProperty().bind(Bindings.createStringBinding(() -> I18n.t("ui.providers.status.stepLine",
                    mark(s.stateProperty().get()), s.displayName(),
                    I18n.t("ui.providers.stepState." + s.stateProperty().get().name())), s.stateProperty()));
            s.stateProperty().addListener((o, a, st) -> styleStep(l, st));
            styleStep(l, s.stateProperty().get());
            steps.getChildren().add(l);
        }
        // the check rows only once a test runs in this window: a stored status has no per-step results to show
        javafx.beans.binding.BooleanBinding anyRun = Bindings.createBooleanBinding(() -> vm.runningProperty().get()
                        || vm.steps().stream().anyMatch(s -> s.stateProperty().get()
                        != ConnectionStatusViewModel.StepState.WAITING),
                vm.steps().stream().map(ConnectionStatusViewModel.Step::stateProperty)
                        .toArray(javafx.beans.Observable[]::new));
        steps.visibleProperty().bind(anyRun.or(vm.runningProperty()));
        steps.managedProperty().bind(steps.visibleProperty());

        Label failed = new Label();
        failed.setId("connectionFailedStep");
        failed.textProperty().bind(Bindings.when(vm.failedStepProperty().isEmpty()).then("")
                .otherwise(Bindings.createStringBinding(() -> I18n.t("ui.providers.status.failedStep",
                        ConnectionStatusViewModel.stepText(vm.failedStepProperty().get())), vm.failedStepProperty())));
        failed.getStyleClass().add(Styles.DANGER);
        failed.visibleProperty().bind(vm.failedStepProperty().isNotEmpty());
        failed.managedProperty().bind(failed.visibleProperty());
        Label diagnosis = new Label();
        diagnosis.setId("connectionDiagnosis");
        diagnosis.setWrapText(true);
        diagnosis.textProperty().bind(vm.diagnosisProperty());
        diagnosis.visibleProperty().bind(vm.diagnosisProperty().isNotEmpty());
        diagnosis.managedProperty().bind(diagnosis.visibleProperty());

        Label quota = new Label();
        quota.setId("connectionQuota");
        quota.textProperty().bind(vm.quotaProperty());
        TextArea policy = new TextArea();
        policy.setId("connectionPolicy");
        policy.setEditable(false);
        policy.setWrapText(true);
        policy.setPrefRowCount(7);
        policy.textProperty().bind(vm.policySummaryProperty());
        policy.visibleProperty().bind(vm.policySummaryProperty().isNotEmpty());
        policy.managedProperty().bind(policy.visibleProperty());
        Label policyTitle = new Label(I18n.t("ui.providers.status.policyTitle"));
        policyTitle.setLabelFor(policy);
        policy.setAccessibleText(I18n.t("ui.providers.status.policyTitle"));
        policyTitle.visibleProperty().bind(policy.visibleProperty());
        policyTitle.managedProperty().bind(policy.visibleProperty());
        VBox.setVgrow(policy, Priority.ALWAYS);

        Label checked = new Label();
        checked.setId("connectionCheckedAt");
        checked.textProperty().bind(vm.checkedAtProperty());
        checked.getStyleClass().add(Styles.TEXT_MUTED);

        Button retest = new Button(I18n.t("ui.providers.status.retest"));
        retest.setId("retestConnection");
        retest.disableProperty().bind(vm.runningProperty());
        retest.setOnAction(e -> vm.retest());

        HBox bottom = new HBox(12, retest, checked);
        getChildren().addAll(headline, bar, cancelRow(), message, steps, failed, diagnosis, quota, policyTitle, policy, bottom);
    }

    /** "Testing the connection to https://…: step 3 of 6" and Cancel, while a test runs; leaving the pane cancels. */
    private HBox cancelRow() {
        Label waiting = new Label();
        waiting.setId("connectionWaitingFor");
        waiting.setWrapText(true);
        waiting.textProperty().bind(vm.waitingForProperty());
        HBox.setHgrow(waiting, Priority.ALWAYS);
        waiting.setMaxWidth(Double.MAX_VALUE);
        Button cancel = new Button(I18n.t("ui.providers.cancel.button"));
        cancel.setId("cancelConnectionTest");
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setAccessibleText(I18n.t("ui.providers.cancel.a11y"));
        cancel.setOnAction(e -> vm.cancel());
        HBox row = new HBox(12, waiting, cancel);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        row.visibleProperty().bind(vm.runningProperty());
        row.managedProperty().bind(row.visibleProperty());
        io.atlasonboard.ui.common.CancelOnLeave.install(this, vm::cancel);
        return row;
    }

    public ConnectionStatusViewModel viewModel() {
        return vm;
    }

    private static String mark(ConnectionStatusViewModel.StepState s) {
        return switch (s) {
            case WAITING -> "\u25CB";
            case RUNNING -> "\u25D4";
            case OK -> "\u2714";
            case FAILED -> "\u2716";
            case SKIPPED -> "\u2013";
        };
    }

    private static void styleStep(Label l, ConnectionStatusViewModel.StepState s) {
        l.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.TEXT_MUTED);
        switch (s) {
            case OK -> l.getStyleClass().add(Styles.SUCCESS);
            case FAILED -> l.getStyleClass().add(Styles.DANGER);
            case WAITING, SKIPPED -> l.getStyleClass().add(Styles.TEXT_MUTED);
            default -> { }
        }
    }

    private static void styleHeadline(Label l, ConnectionStatus.State s) {
        l.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        if (s == ConnectionStatus.State.GOOD) {
            l.getStyleClass().add(Styles.SUCCESS);
        } else if (s == ConnectionStatus.State.BAD) {
            l.getStyleClass().add(Styles.DANGER);
        }
    }
}
