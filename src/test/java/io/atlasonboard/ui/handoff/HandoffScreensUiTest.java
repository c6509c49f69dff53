package io.atlasonboard.ui.handoff;

import static io.atlasonboard.ui.handoff.HandoffRig.exists;
import static io.atlasonboard.ui.handoff.HandoffRig.text;
import static io.atlasonboard.ui.handoff.HandoffRig.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.ui.Png;
import io.atlasonboard.ui.TextFit;
import io.atlasonboard.ui.UiChecks;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.providers.ProvidersView;
import io.atlasonboard.ui.shell.ProviderPanes;
import io.atlasonboard.ui.start.StartView;
import io.atlasonboard.ui.start.StartViewModel;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every hand-off screen (the providers list with its mTLS columns at red, amber and fine; the start-page warning;
 * Export for… with options and a result; Renew mTLS certificate… after the start; the log with a failing call) read
 * in full, every control named and every text at 4.5:1 or better: English/light at 1024×700 and 1366×768, and
 * German/dark at 1024×700 with no English text. Screenshots in target/screens/handoff-*.png.
 */
@ExtendWith(ApplicationExtension.class)
class HandoffScreensUiTest {
    private static final double[][] SIZES = {{1024, 700}, {1366, 768}};
    private static final Path SCREENS = Path.of("target", "screens");

    @TempDir
    static Path home;
    static HandoffRig rig;
    static long red;
    static long failing;

    private Stage stage;
    private ProviderPanes panes;
    private final List<String> cut = new ArrayList<>();
    private final List<String> unnamed = new ArrayList<>();
    private final List<String> faint = new ArrayList<>();
    private final List<String> english = new ArrayList<>();
    private String run;
    private double[][] sizes;

    @BeforeAll
    static void setUp() throws Exception {
        rig = new HandoffRig(home);
        red = rig.provider("Expiring provider", 20, true);
        rig.provider("Amber provider", 60, true);
        failing = rig.provider("Failing provider", 365, false);
    }

    @AfterAll
    static void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    @AfterEach
    void back() {
        Platform.runLater(Theme::applyUserAgent);
        I18n.setLocale(Locale.ENGLISH);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Label("loading"), 1100, 760));
        Theme.style(stage.getScene());
        stage.show();
    }

    @Test
    void englishLight(FxRobot robot) throws Exception {
        walk(robot, Locale.ENGLISH, false);
    }

    @Test
    void germanDark(FxRobot robot) throws Exception {
        walk(robot, Locale.GERMAN, true);
    }

    private void walk(FxRobot robot, Locale locale, boolean dark) throws Exception {
        I18n.setLocale(locale);
        run = "handoff-" + locale.getLanguage() + "-" + (dark ? "dark" : "light") + "-";
        sizes = dark ? new double[][] {SIZES[0]} : SIZES;
        robot.interact(() -> Theme.apply(dark));
        panes = rig.panes();

        // ---- the start page's warning
        robot.interact(() -> {
            StartViewModel vm = new StartViewModel(rig.store, UiJobs.of(rig.tasks, Platform::runLater), x -> { });
            stage.getScene().setRoot(new StartView(vm));
        });
        waitFor("start warning", () -> exists(robot, "#renewalText-Expiring-provider"));
        look(robot, stage, "01-start-warning");

        // ---- the providers list: red, amber, fine
        ProvidersView[] view = new ProvidersView[1];
        robot.interact(() -> {
            view[0] = panes.providersView();
            stage.getScene().setRoot(view[0]);
        });
        HandoffRig.select(robot, view[0], failing);
        robot.clickOn("#providerRetest");
        waitFor("bad", () -> rig.store.providers().get(failing).status().state() == ConnectionStatus.State.BAD
                && !robot.lookup("#providerRetest").query().isDisabled());
        HandoffRig.select(robot, view[0], red);
        look(robot, stage, "02-providers");

        // ---- Export for…: cert-manager options, then an hvclient export with a plain key and its result
        robot.clickOn("#providerExport");
        waitFor("export dialog", () -> exists(robot, "#exportView"));
        Stage export = HandoffRig.window("#exportView");
        robot.clickOn("#format-cert-manager");
        look(robot, export, "03-export-cert-manager");
        robot.clickOn("#format-hvclient");
        robot.clickOn("#hvPlainKey");
        Path parent = Files.createDirectories(home.resolve("screens-" + locale.getLanguage()));
        rig.folders.add(parent);
        robot.clickOn("#exportBrowse");
        robot.clickOn("#exportRun");
        waitFor("exported", () -> !robot.lookup("#exportFiles").queryAs(TableView.class).getItems().isEmpty());
        look(robot, export, "04-export-done");
        robot.clickOn("#exportRun");
        waitFor("replace confirmation", () -> exists(robot, "#confirmDialog"));
        Stage confirm = HandoffRig.window("#confirmDialog");
        shootAndCheck(robot, confirm, "05-export-replace");
        robot.clickOn("#confirmCancel");
        robot.interact(export::close);

        // ---- Renew mTLS certificate… once started
        robot.clickOn("#providerRenew");
        waitFor("renewal dialog", () -> exists(robot, "#renewalView") && !text(robot, "#renewCurrent").isEmpty());
        Stage renew = HandoffRig.window("#renewalView");
        rig.saves.add(home.resolve("renew-" + locale.getLanguage() + ".csr"));
        HandoffRig.click(robot, "#renewStart");
        waitFor("started", () -> !text(robot, "#renewCsr").isEmpty());
        look(robot, renew, "06-renew-started");
        robot.interact(renew::close);

        // ---- Log… of the failing provider
        HandoffRig.select(robot, view[0], failing);
        robot.clickOn("#providerLog");
        waitFor("log dialog", () -> exists(robot, "#auditLogView")
                && !robot.lookup("#logTable").queryAs(TableView.class).getItems().isEmpty());
        Stage log = HandoffRig.window("#auditLogView");
        look(robot, log, "07-log");
        robot.interact(log::close);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(cut).as("texts cut (screenshots in target/screens)").isEmpty();
        soft.assertThat(unnamed).as("focusable controls without an accessible name").isEmpty();
        soft.assertThat(faint).as("texts below 4.5:1 contrast").isEmpty();
        soft.assertThat(english).as("English texts on German screens").isEmpty();
        soft.assertAll();
    }

    /** The window at each size: screenshot and checks. */
    private void look(FxRobot robot, Stage window, String screen) throws Exception {
        for (double[] size : sizes) {
            robot.interact(() -> {
                window.setWidth(size[0]);
                window.setHeight(size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(150);
            WaitForAsyncUtils.waitForFxEvents();
            shootAndCheck(robot, window, screen + "-" + (int) size[0] + "x" + (int) size[1]);
        }
        robot.interact(() -> {
            window.setWidth(1100);
            window.setHeight(760);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shootAndCheck(FxRobot robot, Stage window, String name) throws Exception {
        Png.shoot(robot, window.getScene(), SCREENS, run + name);
        Parent root = window.getScene().getRoot();
        String n = run + name;
        for (String c : WaitForAsyncUtils.asyncFx(() -> TextFit.cutTexts(root)).get()) {
            cut.add(n + ": " + c);
        }
        for (String c : WaitForAsyncUtils.asyncFx(() -> UiChecks.unnamedControls(root)).get()) {
            unnamed.add(n + ": " + c);
        }
        for (String c : WaitForAsyncUtils.asyncFx(() -> UiChecks.lowContrast(root)).get()) {
            faint.add(n + ": " + c);
        }
        if (I18n.german()) {
            for (String c : WaitForAsyncUtils.asyncFx(() -> UiChecks.englishTexts(root)).get()) {
                english.add(n + ": " + c);
            }
        }
    }
}
