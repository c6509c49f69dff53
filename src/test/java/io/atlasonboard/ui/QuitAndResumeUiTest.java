package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.onboarding.OnboardingSummary;
import io.atlasonboard.ui.shell.WindowPlacement;
import io.atlasonboard.ui.wizard.StepHeader;
import java.nio.file.Path;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quitting keeps what the user saw: a Common Name typed into a still-focused field is saved ("All changes saved" is
 * true), and the window reopens where it was left; the first start is centred at a large share of the screen. A
 * sandbox onboarding quit at step 4 (with a value typed into a focused field) reopens on step 4 with the kept sandbox
 * and reaches Connection Status: Good without redoing a step.
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

    private void next() throws Exception {
        ui.waitFor("next enabled", () -> !ui.disabled("#next"));
        ui.click("#next");
    }

    @Test
    void aSandboxOnboardingQuitAtStep4ResumesThereAndReachesGoodWithoutRedoingAStep() throws Exception {
        Path home = tmp.resolve("home");
        String domain = "resume.sandbox-example.com";
        ui.launch(home);
        ui.waitFor("create mode", () -> ui.text("#unlockTitle").equals("Choose a master passphrase"));
        set("#passphrase", PASSPHRASE);
        set("#confirmation", PASSPHRASE);
        ui.waitFor("create enabled", () -> !ui.disabled("#unlockButton"));
        ui.click("#unlockButton");
        ui.waitFor("start page", () -> ui.exists("#startView") && ui.exists("#trySandbox"));
        ui.click("#trySandbox");
        ui.waitFor("step 1", () -> ui.exists("#credentialsStep") && !ui.disabled("#sandboxCredentials"));
        ui.click("#sandboxCredentials");
        ui.waitFor("credentials filled", () -> !ui.text("#apiKey").isBlank() && ui.shown("#sandboxMessage1"));
        String apiKey = ui.text("#apiKey");
        next();
        ui.waitFor("step 2", () -> ui.exists("#csrStep"));
        ui.typeInto("#commonName", domain);
        ui.robot.type(KeyCode.TAB);
        set("#organization", "Resume Example AG");
        ui.click("#generate");
        ui.waitFor("csr generated", () -> ui.text("#csrPem").contains("BEGIN CERTIFICATE REQUEST"));
        ui.click("#downloadsComplete");
        next();
        ui.waitFor("step 3", () -> ui.exists("#certificateStep") && ui.exists("#sandboxIssue"));
        ui.click("#sandboxIssue");
        ui.waitFor("certificate accepted", () -> ui.shown("#certificateAccepted")
                && !ui.text("#certificateAccepted").isEmpty());
        next();

        // ---- step 4: a friendly name typed into the still-focused field, then quit
        ui.waitFor("step 4", () -> ui.exists("#keystoreStep"));
        ui.typeInto("#friendlyName", "Resumed mTLS key");
        assertThat(ui.fx(() -> ui.node("#friendlyName", TextInputControl.class).isFocused())).isTrue();
        int sandboxPort = java.net.URI.create(ui.window.sandbox().current().baseUrl()).getPort();
        ui.robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        ui.waitFor("window closed by Ctrl+Q", () -> !ui.stage.isShowing());
        ui.quit();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", sandboxPort).close())
                .as("the sandbox stopped with the application").isInstanceOf(java.net.ConnectException.class);

        // ---- reopen: the onboarding is listed at step 4 and resumes there with the kept sandbox
        ui.launch(home);
        ui.waitFor("unlock", () -> ui.text("#unlockTitle").equals("Unlock Atlas Onboard"));
        set("#passphrase", PASSPHRASE);
        ui.click("#unlockButton");
        ui.waitFor("start page with the onboarding", () -> ui.exists("#startView") && !ui.fx(() ->
                ui.node("#onboardingList", ListView.class).getItems().isEmpty()));
        OnboardingSummary summary = ui.fx(() -> (OnboardingSummary) ui.node("#onboardingList", ListView.class)
                .getItems().get(0));
        assertThat(summary.step()).as("stored as step number 4").isEqualTo(4);
        assertThat(summary.sandbox()).isTrue();
        ui.clickShown("Resume");
        ui.waitFor("resumed on step 4 with the kept sandbox", () -> ui.exists("#keystoreStep")
                && ui.window.sandbox().current() != null);
        assertThat(ui.fx(() -> ui.node("#stepHeader", StepHeader.class).isCurrent(3))).isTrue();
        assertThat(ui.text("#friendlyName")).as("typed, focused, then quit").isEqualTo("Resumed mTLS key");
        assertThat(ui.window.sandbox().knows(apiKey)).as("the sandbox kept the onboarding's credentials").isTrue();
        assertThat(ui.exists("#sandboxNotice1")).isFalse();
        assertThat(ui.text("#saveKeystoreBlocked")).as("the certificate from step 3 is still there: only the "
                + "keystore password is missing").isEqualTo("Choose a keystore password.");
        ui.shot("resume-04-keystore-after-restart");

        // ---- finish step 4, then 5 and 6: Good, with nothing from steps 1-3 redone
        set("#keystorePassword", "Keystore-Pass-4-Resumed");
        set("#keystoreConfirmation", "Keystore-Pass-4-Resumed");
        ui.dialogs.answer(tmp.resolve("resumed-client.p12"));
        ui.click("#saveKeystore");
        ui.waitFor("keystore written", () -> ui.shown("#keystoreSuccess"));
        next();
        ui.waitFor("step 5", () -> ui.exists("#providerStep") && ui.exists("#saveProvider"));
        assertThat(ui.text("#apiUrl")).isEqualTo(ui.window.sandbox().current().baseUrl());
        assertThat(ui.text("#apiKey")).isEqualTo(apiKey);
        assertThat(ui.text("#apiSecret").isEmpty()).as("the secret from step 1 came back from the store").isFalse();
        ui.click("#saveProvider");
        ui.waitFor("step 6 good", () -> ui.exists("#connectionStep")
                && "Connection Status: Good".equals(ui.text("#connectionHeadline")));
        assertThat(ui.fx(() -> ui.window.store().providers().list())).hasSize(1);
        ui.shot("resume-06-connection-good");
    }
}
