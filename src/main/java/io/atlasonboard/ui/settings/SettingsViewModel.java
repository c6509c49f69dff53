package io.atlasonboard.ui.settings;

import io.atlasonboard.ui.common.I18n;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Settings dialog: language (used from the next start, which the dialog says) and theme (applied at once). Every
 * change is saved to the data folder's {@code ui.properties} right away.
 */
public final class SettingsViewModel {
    private final Path home;
    private final Locale running;
    private final Locale system;
    private final Consumer<UiSettings.ThemeChoice> applyTheme;
    private final ObjectProperty<UiSettings.Language> language = new SimpleObjectProperty<>();
    private final ObjectProperty<UiSettings.ThemeChoice> theme = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper restartNeeded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    /**
     * @param running    the language this run shows (I18n.locale())
     * @param system     the system's default locale ("System" language)
     * @param applyTheme applies a theme choice at once (on the UI thread)
     */
    public SettingsViewModel(Path home, Locale running, Locale system, Consumer<UiSettings.ThemeChoice> applyTheme) {
        this.home = home;
        this.running = running;
        this.system = system;
        this.applyTheme = applyTheme;
        UiSettings saved = UiSettings.load(home);
        language.set(saved.language());
        theme.set(saved.theme());
        updateRestart();
        language.addListener((o, a, b) -> {
            updateRestart();
            save();
        });
        theme.addListener((o, a, b) -> {
            save();
            applyTheme.accept(b == null ? UiSettings.ThemeChoice.SYSTEM : b);
        });
    }

    private void updateRestart() {
        UiSettings.Language l = language.get() == null ? UiSettings.Language.SYSTEM : language.get();
        restartNeeded.set(!l.locale(system).getLanguage().equals(running.getLanguage()));
    }

    private void save() {
        try {
            new UiSettings(language.get(), theme.get()).save(home);
            error.set("");
        } catch (IOException e) {
            error.set(I18n.t("ui.settings.error.save", home, I18n.text(e)));
        }
    }

    public ObjectProperty<UiSettings.Language> languageProperty() {
        return language;
    }

    public ObjectProperty<UiSettings.ThemeChoice> themeProperty() {
        return theme;
    }

    /** True while the chosen language differs from the one this run shows. */
    public ReadOnlyBooleanProperty restartNeededProperty() {
        return restartNeeded.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
