package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.wizard.StepHeader;
import io.atlasonboard.ui.wizard.WizardViewModel;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The truncation check itself: it finds the old step bar's cut titles, and the new step bar has none. */
@ExtendWith(ApplicationExtension.class)
class TextFitUiTest {
    private Stage stage;

    @Start
    void start(Stage s) {
        Theme.applyUserAgent();
        stage = s;
        stage.setScene(new Scene(new VBox(), 1024, 700));
        Theme.style(stage.getScene());
        stage.show();
    }

    private List<String> cutAt1024(FxRobot robot, Parent content) throws Exception {
        robot.interact(() -> stage.getScene().setRoot(new VBox(content)));
        WaitForAsyncUtils.waitForFxEvents();
        // a table makes its cells on a layout pulse: wait until the rows show their text
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                robot.lookup(".table-view").queryAll().isEmpty() || robot.lookup(".table-cell").queryAll().stream()
                        .anyMatch(c -> c instanceof javafx.scene.control.Labeled l && l.getText() != null
                                && !l.getText().isEmpty())).get());
        return WaitForAsyncUtils.asyncFx(() -> TextFit.cutTexts(stage.getScene().getRoot())).get();
    }

    @Test
    void theOldStepBarIsCutAt1024AndTheNewOneIsNot(FxRobot robot) throws Exception {
        OldStepHeader old = new OldStepHeader(WizardViewModel.stepTitles(), WizardViewModel.AVAILABLE_STEPS);
        robot.interact(() -> old.currentProperty().set(1));
        List<String> oldCut = cutAt1024(robot, old);
        Png.shoot(robot, stage.getScene(), java.nio.file.Path.of("target", "screens"), "old-step-bar-1024");
        assertThat(oldCut).as("the step bar before issue 7").isNotEmpty()
                .anyMatch(c -> c.contains("instead of \"PKCS#12 keystore\""));

        for (int current = 0; current < WizardViewModel.AVAILABLE_STEPS; current++) {
            StepHeader now = new StepHeader(WizardViewModel.stepTitles(), WizardViewModel.AVAILABLE_STEPS);
            int c = current;
            robot.interact(() -> now.currentProperty().set(c));
            assertThat(cutAt1024(robot, now)).as("new step bar on step %d", current + 1).isEmpty();
        }
        Png.shoot(robot, stage.getScene(), java.nio.file.Path.of("target", "screens"), "new-step-bar-1024");
    }

    @Test
    void aCutLabelIsFound(FxRobot robot) throws Exception {
        Label narrow = new Label("Connection Status: Good, checked just now");
        narrow.setMaxWidth(60);
        assertThat(cutAt1024(robot, new VBox(narrow))).singleElement().asString()
                .contains("instead of \"Connection Status: Good, checked just now\"");
    }
}
