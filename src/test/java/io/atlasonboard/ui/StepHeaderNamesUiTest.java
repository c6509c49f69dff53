package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.wizard.StepHeader;
import io.atlasonboard.ui.wizard.WizardViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a screen reader says for the step bar: every entry is named with its number, the total, its title and its
 * state ("Step 3 of 7: mTLS certificate, done"), in English and in German, and the names follow the current step.
 */
@ExtendWith(ApplicationExtension.class)
class StepHeaderNamesUiTest {
    private Stage stage;

    @Start
    void start(Stage s) {
        Theme.applyUserAgent();
        stage = s;
        stage.setScene(new Scene(new VBox(), 1024, 700));
        stage.show();
    }

    @AfterEach
    void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    private List<String> namesOn(FxRobot robot, int current) throws Exception {
        StepHeader h = new StepHeader(WizardViewModel.stepTitles(), WizardViewModel.AVAILABLE_STEPS);
        robot.interact(() -> {
            stage.getScene().setRoot(new VBox(h));
            h.currentProperty().set(current);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                out.add(h.lookup("#step-" + i).getAccessibleText());
            }
            out.add(h.getAccessibleText());
            return out;
        }).get();
    }

    @Test
    void theStepBarNamesEveryStepWithItsStateInEnglish(FxRobot robot) throws Exception {
        I18n.setLocale(Locale.ENGLISH);
        assertThat(namesOn(robot, 3)).containsExactly(
                "Step 1 of 7: API credentials, done",
                "Step 2 of 7: Create PKCS#10 request, done",
                "Step 3 of 7: mTLS certificate, done",
                "Step 4 of 7: PKCS#12 keystore, current step",
                "Step 5 of 7: Provider, not yet reached",
                "Step 6 of 7: Connection status, not yet reached",
                "Step 7 of 7: DNS validation, not yet reached",
                "Step 4 of 7: PKCS#12 keystore");
        assertThat(namesOn(robot, 0).get(0)).isEqualTo("Step 1 of 7: API credentials, current step");
    }

    @Test
    void theStepBarNamesEveryStepWithItsStateInGerman(FxRobot robot) throws Exception {
        I18n.setLocale(Locale.GERMAN);
        List<String> names = namesOn(robot, 3);
        assertThat(names.get(2)).isEqualTo("Schritt 3 von 7: mTLS-Zertifikat, erledigt");
        assertThat(names.get(3)).isEqualTo("Schritt 4 von 7: Schlüsselspeicher (PKCS#12), aktueller Schritt");
        assertThat(names.get(4)).startsWith("Schritt 5 von 7: ").endsWith(", noch nicht erreicht");
        assertThat(names.get(7)).isEqualTo("Schritt 4 von 7: Schlüsselspeicher (PKCS#12)");
        assertThat(names).allMatch(n -> n.startsWith("Schritt ")).noneMatch(n -> n.contains("Step")
                || n.contains("done") || n.contains("!ui."));
    }
}
