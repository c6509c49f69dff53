package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.settings.UiSettings;
import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Application;
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
        ui.shot("settings-dark-german");
        assertThat(UiSettings.load(home))
                .isEqualTo(new UiSettings(UiSettings.Language.GERMAN, UiSettings.ThemeChoice.DARK));

        ui.click("#settingsClose");
        ui.waitFor("dialog closed", () -> !ui.shown("#settingsView"));
    }
}
