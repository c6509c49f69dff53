package io.atlasonboard.ui.settings;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Settings dialog: language (used from the next start, which the dialog says) and theme (applied at once). The
 * data folder's {@code ui.properties} is read and every change written through the task bridge, off the UI thread;
 * the choices are empty until the saved ones are read ({@link #loadedProperty()}).
 */
public final class SettingsViewModel {
    private final Path home;
    private final Locale running;
    private final Locale system;
    private final Consumer<UiSettings.ThemeChoice> applyTheme;
    private final UiJobs jobs;
    private final ObjectProperty<UiSettings.Language> language = new SimpleObjectProperty<>();
    private final ObjectProperty<UiSettings.ThemeChoice> theme = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper restartNeeded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    /** Orders the writes: a save that reaches the worker after a later one does not overwrite it. */
    private final AtomicLong saves = new AtomicLong();
    private final Object writeLock = new Object();
    private long written;
    private volatile CompletableFuture<?> lastSave = CompletableFuture.completedFuture(null);

    /**
     * @param running    the language this run shows (I18n.locale())
     * @param system     the system's default locale ("System" language)
     * @param applyTheme applies a theme choice at once (on the UI thread)
     * @param jobs       the task bridge: reads and writes of ui.properties run in the background
     */
    public SettingsViewModel(Path home, Locale running, Locale system, Consumer<UiSettings.ThemeChoice> applyTheme,
            UiJobs jobs) {
        this.home = home;
        this.running = running;
        this.system = system;
        this.applyTheme = applyTheme;
        this.jobs = jobs;
        language.addListener((o, a, b) -> {
            updateRestart();
            if (loaded.get()) {
                save();
            }
        });
        theme.addListener((o, a, b) -> {
            if (loaded.get()) {
                save();
                applyTheme.accept(b == null ? UiSettings.ThemeChoice.SYSTEM : b);
            }
        });
        jobs.run(I18n.t("ui.settings.job.load"), p -> UiSettings.load(home)).onSuccess(saved -> {
            language.set(saved.language());
            theme.set(saved.theme()); // already applied when the application started
            updateRestart();
            loaded.set(true);
        }).onFailure(e -> {
            error.set(I18n.t("ui.settings.error.load", home, UiJobs.describe(e)));
            language.set(UiSettings.Language.SYSTEM);
            theme.set(UiSettings.ThemeChoice.SYSTEM);
            loaded.set(true);
        });
    }

    private void updateRestart() {
        UiSettings.Language l = language.get() == null ? UiSettings.Language.SYSTEM : language.get();
        restartNeeded.set(!l.locale(system).getLanguage().equals(running.getLanguage()));
    }

    private void save() {
        UiSettings chosen = new UiSettings(language.get(), theme.get()); // read here, on the UI thread
        long n = saves.incrementAndGet();
        lastSave = jobs.run(I18n.t("ui.settings.job.save"), p -> {
            synchronized (writeLock) {
                if (n > written) {
                    chosen.save(home);
                    written = n;
                }
            }
            return n;
        }).onSuccess(done -> error.set(""))
                .onFailure(e -> error.set(I18n.t("ui.settings.error.save", home, UiJobs.describe(e))))
                .result();
    }

    /** Completes when the last change asked for so far is written (or failed; see {@link #errorProperty()}). */
    public CompletableFuture<?> lastSave() {
        return lastSave.handle((v, e) -> null);
    }

    /** True once the saved choices are read (the dialog enables its choices then). */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
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
