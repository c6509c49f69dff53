package io.atlasonboard.ui.shell;

import io.atlasonboard.ui.common.AppIcons;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.SafeFiles;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.common.Views;
import io.atlasonboard.ui.wizard.steps.ProviderSteps;

import io.atlasonboard.core.onboarding.Onboarding;
import java.io.IOException;
import javafx.beans.InvalidationListener;
import io.atlasonboard.core.providers.ProviderService;
import java.util.List;
import java.util.Optional;
import io.atlasonboard.sim.Sandbox;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.sandbox.SandboxSession;
import io.atlasonboard.ui.help.AboutView;
import io.atlasonboard.ui.help.HelpView;
import io.atlasonboard.ui.settings.SettingsView;
import io.atlasonboard.ui.settings.SettingsViewModel;
import io.atlasonboard.ui.common.I18n;
import java.util.Locale;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import java.time.format.DateTimeFormatter;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.ui.start.StartView;
import io.atlasonboard.ui.start.StartViewModel;
import io.atlasonboard.ui.unlock.UnlockView;
import io.atlasonboard.ui.unlock.UnlockViewModel;
import io.atlasonboard.ui.providers.ProvidersView;
import io.atlasonboard.ui.wizard.CompletionView;
import io.atlasonboard.ui.wizard.CompletionViewModel;
import io.atlasonboard.ui.wizard.OnboardingSync;
import io.atlasonboard.ui.wizard.WizardState;
import io.atlasonboard.ui.wizard.WizardView;
import io.atlasonboard.ui.wizard.WizardViewModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/** The one window: unlock, then the start page, then a wizard; owns the open store and the current wizard. */
public final class MainWindow {
    public static final String TITLE = I18n.t("ui.shell.title");
    private static final String SETTINGS_ICON = "mdi2c-cog-outline"; // not user-visible
    private static final String HELP_ICON = "mdi2h-help-circle-outline"; // not user-visible
    private static final String ABOUT_ICON = "mdi2i-information-outline"; // not user-visible
    /** Read by a job after the window was built; null until then. */
    private List<javafx.scene.image.Image> windowIcons;

    private final AppContext ctx;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final Label storeInfo = new Label();
    private Store store;
    private OnboardingSync currentSync;
    private WizardViewModel currentWizard;
    private Stage stage;
    private final SandboxSession sandbox;
    private ProviderPanes panes;
    private Stage providersWindow;
    private Stage settingsWindow;
    /** Written on the UI thread, read when closing (possibly on another thread). */
    private volatile WindowPlacement.Place placement;

    public MainWindow(AppContext ctx) {
        this.ctx = ctx;
        // kept in the data folder, so a sandbox onboarding continues after a restart with the same accounts and port
        this.sandbox = new SandboxSession(jobs(), ctx.home().resolve("sandbox"));
        root.getStyleClass().add("app-root");
        root.setId("mainRoot");
        // the window's first frame waits for none of these (issue 12): the icon font readies off the FX thread, the
        // window icons and the logo are read by a job, the help tooltip comes after the first frame
        io.atlasonboard.ui.common.Icons.warmUp(SETTINGS_ICON, HELP_ICON, ABOUT_ICON, "mdi2s-server-security",
                "mdi2f-flask-outline");
        ImageView logo = new ImageView();
        logo.setFitWidth(24);
        logo.setFitHeight(24);
        logo.setAccessibleText(I18n.t("ui.shell.logo"));
        Label title = new Label(TITLE);
        title.getStyleClass().add("app-title");
        storeInfo.getStyleClass().add("hint");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button settings = Views.button(I18n.t("ui.shell.settings"), null);
        io.atlasonboard.ui.common.Icons.later(settings, SETTINGS_ICON);
        settings.setId("openSettings");
        settings.getStyleClass().add(atlantafx.base.theme.Styles.FLAT);
        settings.setOnAction(e -> openSettings());
        Button help = Views.button(I18n.t("ui.shell.help"), null);
        io.atlasonboard.ui.common.Icons.later(help, HELP_ICON);
        help.setId("openHelp");
        help.getStyleClass().add(atlantafx.base.theme.Styles.FLAT);
        // the first Tooltip loads and styles the popup machinery: not before the first frame
        io.atlasonboard.ui.common.Slices.run(List.of(
                () -> help.setTooltip(new javafx.scene.control.Tooltip(I18n.t("ui.shell.help.tooltip"))),
                Preload::laterScreens));
        help.setOnAction(e -> openHelp());
        Button about = Views.button(I18n.t("ui.shell.about"), null);
        io.atlasonboard.ui.common.Icons.later(about, ABOUT_ICON);
        about.setId("openAbout");
        about.getStyleClass().add(atlantafx.base.theme.Styles.FLAT);
        about.setOnAction(e -> AboutView.show(stage, ctx.home(), jobs()));
        HBox bar = new HBox(10, logo, title, storeInfo, grow, help, about, settings);
        bar.getStyleClass().add("app-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        root.setTop(bar);
        root.setCenter(content);
        jobs().run(I18n.t("ui.shell.icons.task"), p -> AppIcons.windowIcons()).onSuccess(icons -> {
            windowIcons = icons;
            logo.setImage(icons.stream().filter(i -> i.getWidth() == 32).findFirst().orElse(null));
            if (stage != null) {
                stage.getIcons().setAll(icons);
            }
        });
    }

    public Scene createScene() {
        Scene scene = new Scene(root, 1100, 760);
        Theme.style(scene);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), this::quit);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN),
                this::openSettings);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), this::openHelp);
        return scene;
    }

    /** Ctrl+Q: closes the window as the window manager's close button does (the application then stops). */
    private void quit() {
        if (stage != null) {
            stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
            stage.close();
        }
    }

    /** F1: the help window, open on the wizard's current step (or the overview outside the wizard). */
    public Stage openHelp() {
        int step = currentWizard == null ? 0
                : io.atlasonboard.ui.wizard.StepNumbers.toNumber(currentWizard.state().stepProperty().get());
        return HelpView.show(stage, step);
    }

    /** Opens (or brings to front) the Settings dialog (language and theme); Ctrl+, does the same. */
    public Stage openSettings() {
        if (settingsWindow != null && settingsWindow.isShowing()) {
            settingsWindow.toFront();
            return settingsWindow;
        }
        SettingsViewModel vm = new SettingsViewModel(ctx.home(), I18n.locale(), Locale.getDefault(),
                SettingsView::applyTheme, jobs());
        settingsWindow = SettingsView.open(stage, vm);
        return settingsWindow;
    }

    private UiJobs jobs() {
        return ctx.fxTasks();
    }

    public SandboxSession sandbox() {
        return sandbox;
    }

    public void install(Stage stage) {
        this.stage = stage;
        stage.setTitle(TITLE);
        if (windowIcons != null) {
            stage.getIcons().setAll(windowIcons);
        }
        stage.setScene(createScene());
        place(stage);
        showUnlock();
    }

    /** Opens where the user left the window, or centred at a large share of the screen; tracks later moves. */
    private void place(Stage stage) {
        Rectangle2D visual = Screen.getPrimary().getVisualBounds();
        double[] min = WindowPlacement.minimum(visual);
        stage.setMinWidth(min[0]);
        stage.setMinHeight(min[1]);
        WindowPlacement.Place p = WindowPlacement.choose(WindowPlacement.load(ctx.home()),
                Screen.getScreens().stream().map(Screen::getVisualBounds).toList(), visual);
        stage.setX(p.x());
        stage.setY(p.y());
        stage.setWidth(p.width());
        stage.setHeight(p.height());
        stage.setMaximized(p.maximized());
        placement = p;
        InvalidationListener track = o -> {
            if (!stage.isMaximized() && !stage.isIconified()) {
                placement = new WindowPlacement.Place(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                        false);
            } else if (stage.isMaximized()) {
                WindowPlacement.Place last = placement;
                placement = new WindowPlacement.Place(last.x(), last.y(), last.width(), last.height(), true);
            }
        };
        stage.xProperty().addListener(track);
        stage.yProperty().addListener(track);
        stage.widthProperty().addListener(track);
        stage.heightProperty().addListener(track);
        stage.maximizedProperty().addListener(track);
    }

    public BorderPane root() {
        return root;
    }

    public Store store() {
        return store;
    }

    private void setContent(Node n) {
        content.getChildren().setAll(n);
        StackPane.setAlignment(n, Pos.TOP_CENTER);
    }

    public void showUnlock() {
        UnlockViewModel vm = new UnlockViewModel(ctx.home(), ctx.fxTasks(), this::opened);
        setContent(new UnlockView(vm));
        storeInfo.setText("");
        vm.check();
    }

    private void opened(Store s) {
        this.store = s;
        this.panes = ProviderPanes.forApp(ctx, s, sandbox);
        storeInfo.setText(I18n.t("ui.shell.dataFolder", ctx.home()));
        showStart();
    }

    public void showStart() {
        leaveWizard();
        StartViewModel vm = new StartViewModel(store, ctx.fxTasks(), this::openWizard);
        vm.setOnRenew(name -> {
            if (openProviders().getScene().getRoot() instanceof ProvidersView pv) {
                pv.openRenewal(name);
            }
        });
        StartView startView = new StartView(vm);
        startView.extensions().getChildren().setAll(startEntries());
        setContent(startView);
    }

    private Node startEntries() {
        Button providers = Views.button(I18n.t("ui.shell.providers"), "mdi2s-server-security");
        providers.setId("openProviders");
        providers.setOnAction(e -> openProviders());
        Button trySandbox = Views.button(I18n.t("ui.shell.sandbox.try"), "mdi2f-flask-outline");
        trySandbox.setId("trySandbox");
        StringProperty message = new SimpleStringProperty("");
        StringProperty error = new SimpleStringProperty("");
        trySandbox.setOnAction(e -> {
            trySandbox.setDisable(true);
            error.set("");
            message.set(I18n.t("ui.shell.sandbox.starting"));
            sandbox.start(sb -> {
                message.set(I18n.t("ui.shell.sandbox.running", sb.baseUrl()));
                FxTask<Onboarding> t = ctx.fxTasks().run(I18n.t("ui.shell.sandbox.creating"), p ->
                        store.onboardings().create(I18n.t("ui.shell.sandbox.label",
                                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm") // not user-visible
                                .withZone(ctx.clock().getZone()).format(ctx.clock().instant())), true));
                t.onSuccess(o -> openWizard(o.getId()));
                t.onFailure(ex -> {
                    trySandbox.setDisable(false);
                    error.set(I18n.t("ui.shell.sandbox.createFailed", I18n.text(FxTask.unwrap(ex))));
                });
            }, ex -> {
                trySandbox.setDisable(false);
                message.set("");
                error.set(I18n.t("ui.shell.sandbox.startFailed", UiJobs.describe(ex)));
            });
        });
        Label sandboxHint = Views.hint(I18n.t("ui.shell.sandbox.hint"));
        HBox row = new HBox(10, providers, trySandbox);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, row, sandboxHint,
                Views.message(message, "success-text", "sandboxStatus"),
                Views.message(error, "error-text", "sandboxStartError"));
    }

    /** Opens (or brings to front) the providers window. */
    public Stage openProviders() {
        if (providersWindow != null && providersWindow.isShowing()) {
            providersWindow.toFront();
            return providersWindow;
        }
        providersWindow = panes.openProvidersWindow(stage);
        return providersWindow;
    }

    /** An onboarding loaded off the FX thread with its wizard values read. */
    private record Opened(Onboarding onboarding, OnboardingSync.Snapshot snapshot) {
    }

    public void openWizard(long id) {
        leaveWizard();
        Label loading = new Label(I18n.t("ui.shell.opening"));
        setContent(loading);
        FxTask<Opened> t = ctx.fxTasks().run(I18n.t("ui.shell.opening.task"), p -> {
            Onboarding o = store.onboardings().load(id);
            return new Opened(o, OnboardingSync.read(o));
        });
        t.onSuccess(r -> {
            Onboarding o = r.onboarding();
            OnboardingSync sync = new OnboardingSync(o, ctx.taskService(), ctx.fxTasks().uiExecutor());
            WizardState state = new WizardState();
            sync.attach(state, r.snapshot());
            currentSync = sync;
            WizardViewModel vm = new WizardViewModel(state, sync, ctx.fxTasks(), ctx.clock(), SafeFiles::write);
            currentWizard = vm;
            Runnable show = () -> {
                // decided once the sandbox runs: a kept sandbox still knows the onboarding's credentials
                boolean stale = state.sandboxProperty().get() && !state.apiKeyProperty().get().isBlank()
                        && !sandbox.knows(state.apiKeyProperty().get());
                if (stale && state.stepProperty().get() > 0) {
                    state.stepProperty().set(0); // the sandbox's old credentials are gone: redo step 1 (and 3)
                }
                ProviderSteps later = new ProviderSteps(vm, panes, sandbox, store, jobs(), stale);
                Runnable finish = () -> showCompletion(new CompletionViewModel.Finished(id, state.labelProperty().get(),
                        state.sandboxProperty().get(), state.providerIdProperty().get(),
                        state.keystorePathProperty().get()));
                setContent(new WizardView(vm, ctx.fileDialogs(), later, this::showStart, finish));
                later.start();
            };
            if (state.sandboxProperty().get() && sandbox.current() == null) {
                loading.setText(I18n.t("ui.shell.sandbox.startingKept", sandbox.dataDir()));
                sandbox.start(sb -> followSandbox(show), e -> {
                    storeInfo.setText(I18n.t("ui.shell.sandbox.startFailed", UiJobs.describe(e)));
                    show.run();
                });
            } else {
                show.run();
            }
        });
        t.onFailure(e -> loading.setText(I18n.t("ui.shell.openFailed", I18n.text(e))));
    }

    /**
     * A kept sandbox that had to take another port: the stored sandbox providers follow it (in a job: it writes the
     * store), and the header says so; then {@code then} runs on the UI thread.
     */
    private void followSandbox(Runnable then) {
        Optional<Sandbox.BaseUrlChange> change = sandbox.baseUrlChange();
        if (change.isEmpty()) {
            then.run();
            return;
        }
        Sandbox.BaseUrlChange c = change.get();
        ProviderService providers = new ProviderService(store.providers());
        jobs().run(I18n.t("ui.shell.sandbox.follow.task", c.to()), p -> SandboxSession.followMove(providers, c))
                .onSuccess(moved -> {
                    storeInfo.setText(I18n.t("ui.shell.sandbox.moved", c.from(), c.to(), moved.size()));
                    then.run();
                }).onFailure(e -> {
                    storeInfo.setText(I18n.t("ui.shell.sandbox.moveFailed", c.to(), UiJobs.describe(e)));
                    then.run();
                });
    }

    /** After Finish: the onboarding is marked complete and the page says what was created and what comes next. */
    private void showCompletion(CompletionViewModel.Finished done) {
        if (currentSync != null) {
            currentSync.markCompleted();
        }
        leaveWizard();
        CompletionViewModel vm = new CompletionViewModel(store, ctx.fxTasks(), done);
        setContent(new CompletionView(vm, new CompletionView.Actions(
                () -> openCertificates(done.providerId()), this::openProviders,
                () -> openWizard(done.onboardingId()), this::showStart)));
        vm.load();
    }

    /** Opens the providers window on the Certificates pane of one provider. */
    public void openCertificates(Long providerId) {
        Stage w = openProviders();
        if (providerId != null && w.getScene().getRoot() instanceof ProvidersView pv) {
            pv.openCertificates(providerId);
        }
    }

    private void leaveWizard() {
        if (currentWizard != null) {
            currentWizard.commitPending();
            currentWizard = null;
        }
        if (currentSync != null) {
            currentSync.flush();
            currentSync = null;
        }
    }

    /** Runs on the UI thread and waits for it (at most a few seconds; closing must not hang). */
    private static void onUi(Runnable r) throws Exception {
        if (Platform.isFxApplicationThread()) {
            r.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(5, TimeUnit.SECONDS);
    }

    /** Writes what is pending and closes the store (call when the window closes). Blocks at most a few seconds. */
    public void shutdown() {
        WindowPlacement.Place p = placement;
        if (p != null) {
            try {
                WindowPlacement.save(ctx.home(), p);
            } catch (IOException e) {
                // only the remembered window place is lost
            }
        }
        try {
            WizardViewModel w = currentWizard;
            if (w != null) {
                onUi(w::commitPending); // a value typed into a still-focused field is saved too
            }
            if (currentSync != null) {
                currentSync.flush().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // nothing more can be done while closing; the store keeps what was written
        }
        currentSync = null;
        currentWizard = null;
        if (settingsWindow != null) {
            Stage w = settingsWindow;
            settingsWindow = null;
            if (Platform.isFxApplicationThread()) {
                w.close();
            } else {
                Platform.runLater(w::close);
            }
        }
        if (providersWindow != null) {
            Stage w = providersWindow;
            providersWindow = null;
            if (Platform.isFxApplicationThread()) {
                w.close();
            } else {
                Platform.runLater(w::close);
            }
        }
        if (panes != null) {
            panes.close();
            panes = null;
        }
        try {
            Sandbox running = sandbox.release();
            if (running != null) {
                CompletableFuture.runAsync(running::close).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // the sandbox's threads end with the process
        }
        if (store != null) {
            Store s = store;
            store = null;
            try {
                CompletableFuture.runAsync(s::close).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing failed; H2 releases its lock when the process ends
            }
        }
    }
}
