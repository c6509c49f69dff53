package io.atlasonboard.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The reliability suite's scale and its printed figures. Short runs in the normal build; {@code -Preliability} sets
 * {@code atlas.reliability=long} for many rounds. Every figure is printed and appended to
 * {@code target/reliability-figures.txt}.
 */
public final class Figures {
    private Figures() {
    }

    public static boolean isLong() {
        return "long".equals(System.getProperty("atlas.reliability"));
    }

    /** {@code shortRun} rounds in the normal build, {@code longRun} under the reliability profile. */
    public static int rounds(int shortRun, int longRun) {
        return isLong() ? longRun : shortRun;
    }

    public static synchronized void print(String what, String figure) {
        String line = "RELIABILITY " + what + ": " + figure;
        System.out.println(line);
        try {
            Path f = Path.of("target", "reliability-figures.txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the printed line is the figure; the file is a convenience
        }
    }
}
