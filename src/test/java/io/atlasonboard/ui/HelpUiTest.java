package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.ui.common.I18n;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Parent;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F1 opens the help on the current step, in German for a German user; About names version, folder and licences. */
class HelpUiTest {
    private static final String PASSPHRASE = "Tide-Lantern-Orbit-92-quiet";

    @TempDir
    Path tmp;

    private final UiTestSupport ui = new UiTestSupport();

    @BeforeEach
    void german() {
        I18n.setLocale(Locale.GERMAN);
    }

    @AfterEach
    void tearDown() throws Exception {
        I18n.setLocale(Locale.ENGLISH);
        ui.close();
    }

    private void set(String query, String text) {
        ui.robot.interact(() -> ui.node(query, TextInputControl.class).setText(text));
    }

    @Test
    void f1OnStepOneExplainsStepOneInGermanAndAboutListsTheLibraries() throws Exception {
        Path home = tmp.resolve("home");
        ui.launch(home);
        ui.waitFor("create mode", () -> ui.exists("#passphrase") && ui.exists("#confirmation"));
        set("#passphrase", PASSPHRASE);
        set("#confirmation", PASSPHRASE);
        ui.waitFor("create enabled", () -> !ui.disabled("#unlockButton"));
        ui.click("#unlockButton");
        ui.waitFor("start page", () -> ui.exists("#startView") && ui.exists("#trySandbox"));
        ui.click("#trySandbox");
        ui.waitFor("step 1", () -> ui.exists("#credentialsStep"));

        ui.robot.interact(() -> ui.stage.requestFocus());
        ui.robot.type(KeyCode.F1);
        ui.waitFor("help window", () -> ui.exists("#helpCurrentStep"));
        assertThat(ui.text("#helpCurrentStep")).isEqualTo("Dieser Schritt: 1 von 7, API-Zugangsdaten");
        Parent help = ui.fx(() -> ui.node("#helpWindow", Parent.class));
        assertThat(ui.fx(() -> UiChecks.englishTexts(help))).isEmpty();
        assertThat(ui.fx(() -> UiChecks.unnamedControls(help))).isEmpty();
        assertThat(ui.fx(() -> TextFit.cutTexts(help))).isEmpty();
        Png.shoot(ui.robot, help.getScene(), "help-step1-de");
        ui.click("#helpClose");
        ui.waitFor("help closed", () -> !ui.exists("#helpWindow"));

        ui.click("#openAbout");
        ui.waitFor("about window", () -> ui.exists("#aboutLibraries"));
        assertThat(ui.text("#aboutDataFolder")).isEqualTo(home.toString());
        @SuppressWarnings("unchecked")
        TableView<io.atlasonboard.ui.help.AboutView.Row> libs = ui.node("#aboutLibraries", TableView.class);
        assertThat(ui.fx(() -> libs.getItems().stream().filter(r -> r.name().equals("Bouncy Castle"))
                .findFirst().orElseThrow().version())).isEqualTo("1.87");
        assertThat(ui.fx(() -> libs.getItems().size())).isGreaterThanOrEqualTo(12);
        assertThat(ui.fx(() -> libs.getItems().stream().filter(r -> r.version().isBlank()).map(r -> r.name())
                .toList())).as("libraries without a version").isEmpty();
        Parent about = ui.fx(() -> ui.node("#aboutWindow", Parent.class));
        assertThat(ui.fx(() -> UiChecks.englishTexts(about))).isEmpty();
        assertThat(ui.fx(() -> TextFit.cutTexts(about))).isEmpty();
        Png.shoot(ui.robot, about.getScene(), "about-de");
        ui.click("#aboutClose");
    }
}
