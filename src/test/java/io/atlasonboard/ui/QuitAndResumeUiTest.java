package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.ui.shell.WindowPlacement;
import java.nio.file.Path;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quitting keeps what the user saw: a Common Name typed into a still-focused field is saved ("All changes saved" is
 * true), and the window reopens where it was left; the first start is centred at a large share of the screen.
 */
class QuitAndResumeUiTest {
    private static final String PASSPHRASE = "Tide-Lantern-Orbit-92-quiet";

    @TempDir
    Path tmp;

    private final UiTestSupport ui = new UiTestSupport();

    @AfterEach
    void tearDown() throws Exception {
        ui.close();
    }

    private void set(String query, String text) {
        ui.robot.interact(() -> ui.node(query, TextInputControl.class).setText(text));
    }

    @Test
    void aValueTypedIntoAFocusedFieldAndTheWindowPlaceSurviveQuitting() throws Exception {
        Path home = tmp.resolve("home");
        ui.launch(home, false);
        Rectangle2D visual = ui.fx(() -> Screen.getPrimary().getVisualBounds());
        WindowPlacement.Place first = WindowPlacement.initial(visual);
        assertThat(ui.fx(() -> new double[] {ui.stage.getX(), ui.stage.getY(), ui.stage.getWidth(),
                ui.stage.getHeight()})).containsExactly(first.x(), first.y(), first.width(), first.height());
        assertThat(ui.fx(() -> ui.stage.getMinWidth() <= 1024 && ui.stage.getMinHeight() <= 700)).isTrue();

        ui.waitFor("create mode", () -> ui.text("#unlockTitle").equals("Choose a master passphrase"));
        set("#passphrase", PASSPHRASE);
        set("#confirmation", PASSPHRASE);
        ui.waitFor("create enabled", () -> !ui.disabled("#unlockButton"));
        ui.click("#unlockButton");
        ui.waitFor("start page", () -> ui.exists("#newOnboarding"));
        ui.click("#newOnboarding");
        ui.waitFor("step 1", () -> ui.exists("#credentialsStep"));
        set("#apiKey", "a1b2c3d4e5f60718");
        set("#apiSecret", "S3cr3t-0f-the-Atlas-Portal-xyz");
        ui.waitFor("next enabled", () -> !ui.disabled("#next"));
        ui.click("#next");
        ui.waitFor("step 2", () -> ui.exists("#csrStep"));
        // typed, not committed: no Tab, no Enter, the field keeps the focus
        ui.click("#commonName");
        ui.robot.write("typed.example.com");
        assertThat(ui.fx(() -> ui.node("#commonName", TextInputControl.class).isFocused())).isTrue();
        ui.robot.interact(() -> {
            ui.stage.setX(20);
            ui.stage.setY(10);
            ui.stage.setWidth(1050);
            ui.stage.setHeight(720);
        });
        // Ctrl+Q closes the window (the application's stop() then writes and closes, as ui.quit() does here)
        ui.robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        ui.waitFor("window closed by Ctrl+Q", () -> !ui.stage.isShowing());
        ui.quit();

        ui.launch(home, false);
        assertThat(ui.fx(() -> new double[] {ui.stage.getX(), ui.stage.getY(), ui.stage.getWidth(),
                ui.stage.getHeight()})).as("reopens where it was left").containsExactly(20, 10, 1050, 720);
        ui.waitFor("unlock", () -> ui.text("#unlockTitle").equals("Unlock Atlas Onboard"));
        set("#passphrase", PASSPHRASE);
        ui.click("#unlockButton");
        ui.waitFor("start page", () -> ui.exists("#startView"));
        ui.clickShown("Resume");
        ui.waitFor("step 2 resumed", () -> ui.exists("#csrStep"));
        assertThat(ui.text("#commonName")).isEqualTo("typed.example.com");
    }
}
