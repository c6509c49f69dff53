package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.ui.common.Tables;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.wizard.StepHeader;
import io.atlasonboard.ui.wizard.WizardViewModel;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
        return WaitForAsyncUtils.asyncFx(() -> TextFit.cutTexts(stage.getScene().getRoot())).get();
    }

    @Test
    void theOldStepBarIsCutAt1024AndTheNewOneIsNot(FxRobot robot) throws Exception {
        OldStepHeader old = new OldStepHeader(WizardViewModel.STEP_TITLES, WizardViewModel.AVAILABLE_STEPS);
        robot.interact(() -> old.currentProperty().set(1));
        List<String> oldCut = cutAt1024(robot, old);
        Png.shoot(robot, stage.getScene(), java.nio.file.Path.of("target", "screens"), "old-step-bar-1024");
        assertThat(oldCut).as("the step bar before issue 7").isNotEmpty()
                .anyMatch(c -> c.contains("instead of \"PKCS#12 keystore\""));

        for (int current = 0; current < WizardViewModel.AVAILABLE_STEPS; current++) {
            StepHeader now = new StepHeader(WizardViewModel.STEP_TITLES, WizardViewModel.AVAILABLE_STEPS);
            int c = current;
            robot.interact(() -> now.currentProperty().set(c));
            assertThat(cutAt1024(robot, now)).as("new step bar on step %d", current + 1).isEmpty();
        }
        Png.shoot(robot, stage.getScene(), java.nio.file.Path.of("target", "screens"), "new-step-bar-1024");
    }

    @Test
    void aCutLabelIsFoundAndACutCellIsAcceptedOnlyWithItsTooltip(FxRobot robot) throws Exception {
        Label narrow = new Label("Connection Status: Good, checked just now");
        narrow.setMaxWidth(60);
        assertThat(cutAt1024(robot, new VBox(narrow))).singleElement().asString()
                .contains("instead of \"Connection Status: Good, checked just now\"");

        TableView<String> withTips = new TableView<>(javafx.collections.FXCollections.observableArrayList(
                "https://a-rather-long-api-url.example.com/v2/with/a/path"));
        withTips.getColumns().add(Tables.text("API URL", s -> s));
        withTips.getColumns().get(0).setPrefWidth(80);
        withTips.setMaxWidth(120);
        assertThat(cutAt1024(robot, new VBox(withTips))).as("cell cut but its tooltip has the full text").isEmpty();

        TableView<String> bare = new TableView<>(withTips.getItems());
        javafx.scene.control.TableColumn<String, String> col = new javafx.scene.control.TableColumn<>("API URL");
        col.setCellValueFactory(cd -> new javafx.beans.property.SimpleStringProperty(cd.getValue()));
        col.setPrefWidth(80);
        bare.getColumns().add(col);
        bare.setMaxWidth(120);
        assertThat(cutAt1024(robot, new VBox(bare))).as("cell cut without a tooltip")
                .anyMatch(c -> c.contains("a-rather-long-api-url"));
    }
}
