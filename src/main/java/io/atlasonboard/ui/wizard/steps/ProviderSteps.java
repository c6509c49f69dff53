package io.atlasonboard.ui.wizard.steps;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Views;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.sim.Sandbox;
import io.atlasonboard.ui.providers.ConnectionStatusView;
import io.atlasonboard.ui.providers.ProviderFormView;
import io.atlasonboard.ui.providers.ProviderFormViewModel;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.sandbox.SandboxSession;
import io.atlasonboard.ui.wizard.StepPages;
import io.atlasonboard.ui.wizard.WizardState;
import io.atlasonboard.ui.wizard.WizardViewModel;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Steps 5 to 7 of one onboarding (provider form, connection status, DNS validation) from the provider panes, and for a
 * sandbox onboarding the sandbox's "portal" buttons above steps 1 and 3. Saving step 5 stores the provider id in the
 * onboarding and moves on to step 6, which runs the connection test each time it is entered.
 */
public final class ProviderSteps implements StepPages {
    private final WizardViewModel wizard;
    private final WizardState state;
    private final ProviderPages panes;
    private final SandboxSession sandbox;
    private final Store store;
    private final UiJobs jobs;
    /** Set when a sandbox onboarding from an earlier run is resumed: its sandbox credentials are gone. */
    private final boolean staleSandbox;

    private ProviderFormView form;
    private ConnectionStatusView status;
    private final VBox dnsHolder = new VBox();
    private Long dnsProvider;

    public ProviderSteps(WizardViewModel wizard, ProviderPages panes, SandboxSession sandbox, Store store, UiJobs jobs,
                  boolean staleSandbox) {
        this.wizard = wizard;
        this.state = wizard.state();
        this.panes = panes;
        this.sandbox = sandbox;
        this.store = store;
        this.jobs = jobs;
        this.staleSandbox = staleSandbox;
        dnsHolder.setId("dnsStep");
        dnsHolder.setPadding(new Insets(0, 0, 8, 0));
        state.stepProperty().addListener((o, a, b) -> entered(a.intValue(), b.intValue()));
    }

    /** Called once the wizard view shows its first page (so a resume on step 6 runs the test). */
    public void start() {
        entered(-1, state.stepProperty().get());
    }

    @Override
    public Node page(int index) {
        return switch (index) {
            case WizardViewModel.PROVIDER_STEP -> providerPage();
            case WizardViewModel.CONNECTION_STEP -> statusPage();
            default -> dnsHolder;
        };
    }

    private Node providerPage() {
        if (form == null) {
            form = panes.providerForm();
            form.setId("providerStep");
            ProviderFormViewModel fvm = form.viewModel();
            prefillFromSteps(fvm, state.providerIdProperty().get() == null);
            Long id = state.providerIdProperty().get();
            if (id != null) {
                // resumed (or back from a later step in a new session): edit the stored record, then apply what
                // steps 1-4 hold now (e.g. new sandbox credentials and keystore)
                jobs.run(I18n.t("ui.wizard.provider.task"), p -> store.providers().find(id).orElse(null))
                        .onSuccess(r -> {
                    if (r != null) {
                        fvm.edit(r);
                        prefillFromSteps(fvm, false);
                    } else {
                        state.providerIdProperty().set(null);
                    }
                }).onFailure(e -> fvm.formErrorProperty().set(I18n.t("ui.wizard.provider.cannotRead",
                        UiJobs.describe(e))));
            }
            fvm.setOnSaved(saved -> {
                state.connectionGoodProperty().set(false);
                state.providerIdProperty().set(saved.id());
                dnsProvider = null;
                if (state.stepProperty().get() == WizardViewModel.CONNECTION_STEP) {
                    runTest();
                } else {
                    state.stepProperty().set(WizardViewModel.CONNECTION_STEP);
                }
            });
        }
        return form;
    }

    /**
     * The one pre-fill of step 5 from steps 1-4 (and the running sandbox). {@code fresh}: a new provider, so a sandbox
     * one gets the sandbox's provider name; an edited one keeps the name the user gave it.
     */
    private void prefillFromSteps(ProviderFormViewModel fvm, boolean fresh) {
        fvm.prefill(state.apiKeyProperty().get(), blankToNull(state.apiSecretProperty().get()),
                state.keystoreProperty().get(),
                state.keystorePathProperty().get().isBlank() ? null
                        : java.nio.file.Path.of(state.keystorePathProperty().get()).getFileName().toString(),
                blankToNull(state.keystorePasswordProperty().get()));
        if (state.sandboxProperty().get() && sandbox != null && sandbox.current() != null) {
            String name = fvm.nameProperty().get();
            fvm.prefillSandbox(sandbox.current().baseUrl(), sandbox.current().serverCaPem(),
                    fresh || name == null || name.isBlank() ? Sandbox.PROVIDER_NAME : name);
        }
    }

    private static char[] blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s.toCharArray();
    }

    private Node statusPage() {
        if (status == null) {
            status = panes.connectionStatus();
            status.setId("connectionStep");
            Label hint = Views.hint(I18n.t("ui.wizard.connection.backHint"));
            hint.setId("connectionBackHint");
            hint.visibleProperty().bind(status.viewModel().stateProperty().isEqualTo(ConnectionStatus.State.BAD)
                    .and(status.viewModel().runningProperty().not()));
            hint.managedProperty().bind(hint.visibleProperty());
            status.getChildren().add(hint);
            status.viewModel().stateProperty().addListener((o, a, s) -> updateGood());
            status.viewModel().runningProperty().addListener((o, a, r) -> updateGood());
        }
        return status;
    }

    private void updateGood() {
        state.connectionGoodProperty().set(status.viewModel().stateProperty().get() == ConnectionStatus.State.GOOD
                && !status.viewModel().runningProperty().get());
    }

    private void runTest() {
        statusPage();
        Long id = state.providerIdProperty().get();
        if (id != null) {
            state.connectionGoodProperty().set(false);
            status.viewModel().test(id);
        }
    }

    private void entered(int from, int step) {
        if (step == WizardViewModel.PROVIDER_STEP && form != null && from >= 0 && from < step) {
            // coming forward from steps 1-4: take what they hold now; coming back from step 6 keeps the user's edits
            prefillFromSteps(form.viewModel(), false);
        }
        if (step == WizardViewModel.CONNECTION_STEP) {
            runTest();
        }
        if (step == WizardViewModel.DNS_STEP) {
            showDns();
        }
    }

    private void showDns() {
        Long id = state.providerIdProperty().get();
        if (id == null || id.equals(dnsProvider)) {
            return;
        }
        dnsProvider = id;
        dnsHolder.getChildren().setAll(new Label(I18n.t("ui.wizard.provider.reading")));
        jobs.run(I18n.t("ui.wizard.provider.task"), p -> store.providers().get(id)).onSuccess((ProviderRecord r) -> {
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
            if (!state.commonNameProperty().get().isBlank()) {
                names.add(state.commonNameProperty().get().strip());
            }
            names.addAll(state.domains());
            Node dns = panes.dns(r, java.util.List.copyOf(names));
            if (dns instanceof javafx.scene.layout.Region region) {
                region.setPrefHeight(640);
                region.setMinHeight(520);
            }
            Label intro = Views.hint(I18n.t(r.sandbox() ? "ui.wizard.dns.intro.sandbox" : "ui.wizard.dns.intro"));
            VBox top = new VBox(6, intro);
            top.setPadding(new Insets(16, 16, 0, 16));
            dnsHolder.getChildren().setAll(top, dns);
        }).onFailure(e -> {
            dnsProvider = null;
            dnsHolder.getChildren().setAll(new Label(I18n.t("ui.wizard.provider.cannotRead",
                    UiJobs.describe(e))));
        });
    }

    @Override
    public Node banner(int index) {
        if (!state.sandboxProperty().get() || sandbox == null || (index != 0 && index != 2)) {
            return null;
        }
        StringProperty message = new SimpleStringProperty("");
        StringProperty notice = new SimpleStringProperty(staleSandbox ? staleText() : "");
        StringProperty error = new SimpleStringProperty("");
        Label badge = new Label(I18n.t("ui.wizard.sandbox.badge"));
        badge.getStyleClass().addAll(Styles.WARNING, Styles.TEXT_BOLD);
        badge.setId(index == 0 ? "sandboxBadge1" : "sandboxBadge3");
        Button action;
        Label intro;
        if (index == 0) {
            intro = Views.hint(I18n.t("ui.wizard.sandbox.credentials.intro", I18n.t("ui.common.sandbox.badge")));
            action = Views.button(I18n.t("ui.wizard.sandbox.credentials"), "mdi2k-key-plus");
            action.setId("sandboxCredentials");
            action.setOnAction(e -> {
                error.set("");
                sandbox.createCredentials(c -> {
                    state.apiKeyProperty().set(c.apiKey());
                    state.apiSecretProperty().set(c.apiSecret());
                    notice.set("");
                    message.set(I18n.t("ui.wizard.sandbox.credentials.done", c.apiKey()));
                }, ex -> error.set(I18n.t("ui.wizard.sandbox.credentials.failed",
                        UiJobs.describe(ex))));
            });
        } else {
            intro = Views.hint(I18n.t("ui.wizard.sandbox.issue.intro"));
            action = Views.button(I18n.t("ui.wizard.sandbox.issue"), "mdi2c-certificate-outline");
            action.setId("sandboxIssue");
            action.setOnAction(e -> {
                error.set("");
                if (!sandbox.knows(state.apiKeyProperty().get())) {
                    error.set(I18n.t("ui.wizard.sandbox.issue.unknownKey", state.apiKeyProperty().get()));
                    return;
                }
                sandbox.issueMtlsCertificate(state.apiKeyProperty().get(), state.csrPemProperty().get(), pem -> {
                    wizard.certificate().pastedProperty().set(pem);
                    wizard.certificate().checkPasted();
                    notice.set("");
                    message.set(I18n.t("ui.wizard.sandbox.issue.done"));
                }, ex -> error.set(I18n.t("ui.wizard.sandbox.issue.failed",
                        UiJobs.describe(ex))));
            });
        }
        action.disableProperty().bind(javafx.beans.binding.Bindings.isNull(sandbox.sandboxProperty()));
        Label ok = Views.message(message, "success-text", index == 0 ? "sandboxMessage1" : "sandboxMessage3");
        Label err = Views.message(error, "error-text", index == 0 ? "sandboxError1" : "sandboxError3");
        Label stale = Views.message(notice, "warning-text", index == 0 ? "sandboxNotice1" : "sandboxNotice3");
        stale.setWrapText(true);
        Label starting = new Label(I18n.t("ui.wizard.sandbox.starting"));
        starting.setId(index == 0 ? "sandboxStarting1" : "sandboxStarting3");
        starting.getStyleClass().add("hint");
        starting.visibleProperty().bind(action.disabledProperty());
        starting.managedProperty().bind(starting.visibleProperty());
        HBox row = new HBox(10, badge, action, starting);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, row, intro, stale, ok, err);
        box.getStyleClass().add("sandbox-banner");
        box.setPadding(new Insets(12, 16, 0, 16));
        return box;
    }

    private static String staleText() {
        return I18n.t("ui.wizard.sandbox.stale");
    }
}
