package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.settings.UiSettings;
import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from the main window: Dark applies at once, Deutsch is saved for the next start and says so. */
class SettingsUiTest {
    @TempDir
    Path tmp;

    private final UiTestSupport ui = new UiTestSupport();

    @BeforeEach
    void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    @AfterEach
    void tearDown() throws Exception {
        ui.robot.interact(Theme::applyUserAgent);
        ui.close();
    }

    @Test
    void darkAppliesAtOnceAndGermanWaitsForTheNextStart() throws Exception {
        Path home = tmp.resolve("home");
        java.nio.file.Files.createDirectories(home);
        ui.launch(home);
        ui.waitFor("settings button", () -> ui.shown("#openSettings"));
        ui.click("#openSettings");
        ui.waitFor("settings dialog", () -> ui.shown("#settingsView"));
        assertThat(ui.shown("#settingsRestartNotice")).isFalse();
        assertThat(ui.fx(Theme::isDark)).isFalse();

        ui.click("#themeDark");
        ui.waitFor("dark stylesheet", () -> Theme.darkStylesheet().equals(Application.getUserAgentStylesheet()));

        ui.click("#languageGerman");
        ui.waitFor("restart notice", () -> ui.shown("#settingsRestartNotice"));
        assertThat(ui.text("#settingsRestartNotice"))
                .contains("takes effect when Atlas Onboard is started again");
        assertThat(I18n.locale()).as("this run stays English").isEqualTo(Locale.ENGLISH);
        ui.shot("settings-dark-main-window");
        Png.shoot(ui.robot, ui.fx(() -> ui.node("#settingsView", javafx.scene.Node.class).getScene()),
                "settings-dialog-dark-german");
        assertThat(UiSettings.load(home))
                .isEqualTo(new UiSettings(UiSettings.Language.GERMAN, UiSettings.ThemeChoice.DARK));

        ui.click("#settingsClose");
        ui.waitFor("dialog closed", () -> !ui.shown("#settingsView"));

        // Ctrl+, opens it again from the main window
        ui.robot.interact(() -> ui.stage.requestFocus());
        ui.robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        ui.waitFor("settings again by Ctrl+,", () -> ui.shown("#settingsView"));
        assertThat(ui.fx(() -> ui.node("#themeDark", javafx.scene.control.RadioButton.class).isSelected())).isTrue();
        assertThat(ui.fx(() -> ui.node("#languageGerman", javafx.scene.control.RadioButton.class).isSelected()))
                .isTrue();
        assertThat(ui.shown("#settingsRestartNotice")).isTrue();
        ui.click("#themeLight");
        ui.waitFor("light stylesheet", () -> Theme.lightStylesheet().equals(Application.getUserAgentStylesheet()));
    }
}
