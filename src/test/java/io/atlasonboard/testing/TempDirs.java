package io.atlasonboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary folders the test harness makes by hand (not JUnit's @TempDir): removed when done with. */
public final class TempDirs {
    private TempDirs() {
    }

    /** Removes {@code dir} and everything under it; what cannot be removed stays (best effort, for temp files). */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // temp files
        }
    }

    /** Removes {@code dir} when the JVM exits normally (for a folder shared by a whole test run). */
    public static void deleteAtExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "temp-dir-cleanup"));
    }
}
