package io.atlasonboard.ui;

import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.shell.AtlasOnboardApp;
import io.atlasonboard.ui.shell.MainWindow;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.tasks.TaskService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real application graph (real store, real core) on the TestFX stage and helps look at it. */
class UiTestSupport {
    final FxRobot robot = new FxRobot();
    final ScriptedFileDialogs dialogs = new ScriptedFileDialogs();
    Stage stage;
    TaskService tasks;
    MainWindow window;

    void launch(Path home) throws Exception {
        launch(home, true);
    }

    /** @param fixedSize false: the window opens where the application places it (first start or remembered) */
    void launch(Path home, boolean fixedSize) throws Exception {
        if (stage == null) {
            stage = FxToolkit.registerPrimaryStage();
        }
        if (tasks == null) {
            tasks = new TaskService(2);
        }
        robot.interact(() -> {
            Theme.applyUserAgent();
            window = AtlasOnboardApp.compose(home, tasks, dialogs, Clock.systemUTC());
            window.install(stage);
            if (fixedSize) {
                stage.setMaximized(false);
                stage.setWidth(1100);
                stage.setHeight(760);
            }
            stage.show();
            stage.toFront();
        });
    }

    /** Closes like the user quitting: pending changes written, store closed. */
    void quit() {
        if (window != null) {
            MainWindow w = window;
            window = null;
            w.shutdown();
        }
    }

    void close() throws Exception {
        quit();
        if (tasks != null) {
            tasks.close();
            tasks = null;
        }
        FxToolkit.cleanupStages();
    }

    <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            try {
                shot("FAILED-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            } catch (Exception ignored) {
                // the screenshot is only a debugging aid
            }
            throw new AssertionError("Timed out waiting for: " + what, e);
        }
    }

    <T extends Node> T node(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    boolean exists(String query) {
        return robot.lookup(query).tryQuery().isPresent();
    }

    boolean shown(String query) throws Exception {
        return fx(() -> robot.lookup(query).tryQuery().map(n -> {
            if (n.getScene() == null) {
                return false;
            }
            for (Node p = n; p != null; p = p.getParent()) {
                if (!p.isVisible()) {
                    return false;
                }
            }
            return n.isManaged();
        }).orElse(false));
    }

    String text(String query) throws Exception {
        return fx(() -> {
            Node n = robot.lookup(query).query();
            if (n instanceof TextInputControl t) {
                return t.getText();
            }
            if (n instanceof Labeled l) {
                return l.getText();
            }
            throw new AssertionError(query + " has no text");
        });
    }

    boolean disabled(String query) throws Exception {
        return fx(() -> robot.lookup(query).query().isDisabled());
    }

    /** Scrolls the step's ScrollPane so that the node is in view (a user would scroll too). */
    void reveal(String query) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            Node n = robot.lookup(query).query();
            n.getScene().getRoot().applyCss();
            n.getScene().getRoot().layout();
            // every scroll pane around the node, innermost first (a pane inside a scrolled step scrolls twice)
            for (javafx.scene.Parent p = n.getParent(); p != null; p = p.getParent()) {
                if (!(p instanceof javafx.scene.control.ScrollPane sp) || sp.getContent() == null) {
                    continue;
                }
                sp.applyCss();
                sp.layout();
                Node content = sp.getContent();
                javafx.geometry.Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
                double contentH = content.getBoundsInLocal().getHeight();
                double viewH = sp.getViewportBounds().getHeight();
                if (contentH > viewH) {
                    double top = (sp.getVvalue()) * (contentH - viewH);
                    if (b.getMinY() < top || b.getMaxY() > top + viewH) {
                        double target = Math.max(0, Math.min(contentH - viewH, b.getMinY() - 60));
                        sp.setVvalue(target / (contentH - viewH));
                        n.getScene().getRoot().layout();
                    }
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Clicks the match of {@code query} that is on screen now: list cells are recreated on layout, so a lookup by
     * text can otherwise return a button of a discarded cell that has no scene.
     */
    void clickShown(String query) throws Exception {
        waitFor("a visible " + query, () -> robot.lookup(query).queryAll().stream().anyMatch(UiTestSupport::onScreen));
        Node n = fx(() -> robot.lookup(query).queryAll().stream().filter(UiTestSupport::onScreen).findFirst().orElseThrow());
        robot.clickOn(n);
    }

    private static boolean onScreen(Node n) {
        if (n.getScene() == null || n.getScene().getWindow() == null || !n.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    void click(String query) {
        reveal(query);
        robot.clickOn(query);
    }

    /** Replaces a field's content by typing, as a user would. */
    void typeInto(String query, String text) {
        click(query);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.type(KeyCode.BACK_SPACE);
        robot.write(text);
    }

    /** Pastes through the system clipboard (Ctrl+V), as a user pasting a PEM block would. */
    void pasteInto(String query, String text) throws Exception {
        robot.interact(() -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(text);
            Clipboard.getSystemClipboard().setContent(c);
        });
        click(query);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.type(KeyCode.BACK_SPACE);
        robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        // compared as a boolean: the pasted text may be a private key, which must not reach the test output
        assertThat(text(query).equals(text)).as("%s holds exactly the %d pasted characters", query, text.length())
                .isTrue();
    }

    void shot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Png.shoot(robot, stage.getScene(), name);
    }
}
