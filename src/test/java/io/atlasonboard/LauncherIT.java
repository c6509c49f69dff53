package io.atlasonboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.testing.ProcessRun;

/**
 * The jar started like a user would, without the test's Monocle settings: no display means one paragraph and exit
 * 1, never a stack trace; {@code --version} prints the version.
 */
class LauncherIT {
    @TempDir
    Path home;

    /** {@code env -u ... java -jar atlas-onboard.jar}: the child gets no DISPLAY/WAYLAND_DISPLAY at all. */
    private ProcessRun jar(List<String> envArgs, String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "-u", "DISPLAY", "-u", "WAYLAND_DISPLAY",
                "HOME=" + home, "ATLAS_ONBOARD_HOME=" + home.resolve("data")));
        cmd.addAll(envArgs);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-jar", System.getProperty("atlas.test.jar", "target/atlas-onboard.jar")));
        cmd.addAll(List.of(args));
        return ProcessRun.of(cmd, java.util.Map.of(), null, 120);
    }

    private static void assertParagraph(ProcessRun r) {
        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        assertThat(r.out).as(r.toString()).isEmpty();
        String err = r.err.strip();
        assertThat(err).as(r.toString()).startsWith("Atlas Onboard cannot open its window: ")
                .contains("apt-get install libgtk-3-0").contains("xvfb-run")
                .contains("The command line works without any display: atlas-onboard --help.")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("WARNING");
        assertThat(err.lines().count()).as("one paragraph: " + err).isEqualTo(1);
    }

    @Test
    void withoutDisplayTheGuiExplainsWhatIsMissingAndExits1() {
        ProcessRun r = jar(List.of());
        assertParagraph(r);
        assertThat(r.err).contains("there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)");
        // the data folder was not created just to say that
        assertThat(home.resolve("data")).doesNotExist();
    }

    @Test
    void withADisplayThatCannotBeOpenedOrWithoutGtkTheSameParagraphIsShown() {
        // no X server listens on display 987 (a local socket); with GTK missing, JavaFX fails earlier, on GTK
        ProcessRun r = jar(List.of("DISPLAY=:987"));
        assertParagraph(r);
        assertThat(r.err).containsAnyOf("the display named by DISPLAY (:987) cannot be opened",
                "the GTK 3 library (libgtk-3-0), which the window needs, is not installed");
    }

    @Test
    void commandLineWorksWithoutDisplayAndPrintsTheVersion() {
        ProcessRun v = jar(List.of(), "--version");
        assertThat(v.exit).as(v.toString()).isZero();
        assertThat(v.out.strip()).matches("Atlas Onboard \\d+\\.\\d+\\.\\d+");
        ProcessRun h = jar(List.of(), "--help");
        assertThat(h.exit).as(h.toString()).isZero();
        assertThat(h.out).contains("Usage: atlas-onboard").contains("provider");
    }
}
