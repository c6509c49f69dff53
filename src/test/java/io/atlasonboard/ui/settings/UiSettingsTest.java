package io.atlasonboard.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.ui.shell.WindowPlacement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiSettingsTest {
    @TempDir
    Path home;

    @Test
    void roundTripKeepsTheWindowPlaceAndTheWindowPlaceKeepsTheSettings() throws Exception {
        WindowPlacement.save(home, new WindowPlacement.Place(10, 20, 1200, 800, true));
        new UiSettings(UiSettings.Language.GERMAN, UiSettings.ThemeChoice.DARK).save(home);
        assertThat(UiSettings.load(home))
                .isEqualTo(new UiSettings(UiSettings.Language.GERMAN, UiSettings.ThemeChoice.DARK));
        assertThat(WindowPlacement.load(home)).contains(new WindowPlacement.Place(10, 20, 1200, 800, true));

        WindowPlacement.save(home, new WindowPlacement.Place(30, 40, 1100, 760, false));
        assertThat(UiSettings.load(home).language()).isEqualTo(UiSettings.Language.GERMAN);
        assertThat(UiSettings.load(home).theme()).isEqualTo(UiSettings.ThemeChoice.DARK);
        assertThat(Files.exists(home.resolve("ui.properties.tmp"))).as("replaced in one move").isFalse();

        new UiSettings(UiSettings.Language.ENGLISH, UiSettings.ThemeChoice.LIGHT).save(home);
        assertThat(UiSettings.load(home))
                .isEqualTo(new UiSettings(UiSettings.Language.ENGLISH, UiSettings.ThemeChoice.LIGHT));
        assertThat(WindowPlacement.load(home)).isEqualTo(Optional.of(new WindowPlacement.Place(30, 40, 1100, 760,
                false)));
    }

    @Test
    void nothingSavedMeansSystem() {
        assertThat(UiSettings.load(home)).isEqualTo(UiSettings.DEFAULT);
        assertThat(UiSettings.load(home.resolve("missing"))).isEqualTo(UiSettings.DEFAULT);
    }

    @Test
    void unknownValuesFallBackToSystem() throws Exception {
        Files.writeString(home.resolve("ui.properties"), "ui.language=klingon\nui.theme=\nwindow.x=1\n");
        assertThat(UiSettings.load(home)).isEqualTo(UiSettings.DEFAULT);
        Files.writeString(home.resolve("ui.properties"), "ui.language=german\nui.theme=sepia\n");
        assertThat(UiSettings.load(home))
                .isEqualTo(new UiSettings(UiSettings.Language.GERMAN, UiSettings.ThemeChoice.SYSTEM));
    }

    @Test
    void aCorruptFileDoesNotBreakTheStartAndIsRepairedBySaving() throws Exception {
        // a malformed \\uXXXX escape makes Properties.load throw IllegalArgumentException
        Files.write(home.resolve("ui.properties"), "ui.language=\\u12G4\n\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(UiSettings.load(home)).isEqualTo(UiSettings.DEFAULT);
        assertThat(WindowPlacement.load(home)).isEmpty();
        new UiSettings(UiSettings.Language.ENGLISH, UiSettings.ThemeChoice.DARK).save(home);
        Properties p = new Properties();
        try (var in = Files.newInputStream(home.resolve("ui.properties"))) {
            p.load(in);
        }
        assertThat(p.getProperty("ui.language")).isEqualTo("ENGLISH");
        assertThat(p.getProperty("ui.theme")).isEqualTo("DARK");
        Files.writeString(home.resolve("ui.properties"), "x");
        Files.delete(home.resolve("ui.properties"));
        Files.createDirectory(home.resolve("ui.properties")); // not even a file
        assertThat(UiSettings.load(home)).isEqualTo(UiSettings.DEFAULT);
    }

    @Test
    void systemLanguageFollowsTheSystemLocale() {
        assertThat(UiSettings.Language.SYSTEM.locale(Locale.GERMANY)).isEqualTo(Locale.GERMAN);
        assertThat(UiSettings.Language.SYSTEM.locale(Locale.FRANCE)).isEqualTo(Locale.ENGLISH);
        assertThat(UiSettings.Language.GERMAN.locale(Locale.US)).isEqualTo(Locale.GERMAN);
        assertThat(UiSettings.Language.ENGLISH.locale(Locale.GERMANY)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void viewModelReadsAndSavesInTheBackgroundAndSaysWhenARestartIsNeeded() throws Exception {
        new UiSettings(UiSettings.Language.SYSTEM, UiSettings.ThemeChoice.LIGHT).save(home);
        java.util.List<UiSettings.ThemeChoice> applied = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (io.atlasonboard.core.tasks.TaskService tasks = new io.atlasonboard.core.tasks.TaskService(2)) {
            // the UI executor (direct here) records that the results came through it
            io.atlasonboard.ui.common.UiJobs jobs = io.atlasonboard.ui.common.UiJobs.of(tasks, r -> {
                threads.add(Thread.currentThread().getName());
                r.run();
            });
            SettingsViewModel vm = new SettingsViewModel(home, Locale.ENGLISH, Locale.US, applied::add, jobs);
            long until = System.nanoTime() + 10_000_000_000L;
            while (!vm.loadedProperty().get() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(vm.loadedProperty().get()).as("loaded").isTrue();
            assertThat(vm.languageProperty().get()).isEqualTo(UiSettings.Language.SYSTEM);
            assertThat(vm.themeProperty().get()).isEqualTo(UiSettings.ThemeChoice.LIGHT);
            assertThat(applied).as("the saved theme is not applied again").isEmpty();
            assertThat(vm.restartNeededProperty().get()).isFalse();
            vm.languageProperty().set(UiSettings.Language.GERMAN);
            assertThat(vm.restartNeededProperty().get()).isTrue();
            vm.themeProperty().set(UiSettings.ThemeChoice.DARK);
            assertThat(applied).containsExactly(UiSettings.ThemeChoice.DARK);
            vm.lastSave().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(UiSettings.load(home))
                    .isEqualTo(new UiSettings(UiSettings.Language.GERMAN, UiSettings.ThemeChoice.DARK));
            vm.languageProperty().set(UiSettings.Language.ENGLISH);
            assertThat(vm.restartNeededProperty().get()).isFalse();
            vm.lastSave().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(UiSettings.load(home))
                    .isEqualTo(new UiSettings(UiSettings.Language.ENGLISH, UiSettings.ThemeChoice.DARK));
            assertThat(vm.errorProperty().get()).isEmpty();
            assertThat(threads).as("results are handed over through the UI executor").isNotEmpty();
        }
    }
}
