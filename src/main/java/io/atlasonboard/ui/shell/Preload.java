package io.atlasonboard.ui.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads (without initialising) the JavaFX, theme and icon classes the first window needs, on a worker thread while
 * the FX thread composes the window: a third of the first window's time on the FX thread was class loading (issue 12).
 * Without the AppCDS archive this is what the archive saves; with it, the loads are cheap and this costs little.
 * Nothing runs: a class is only read and defined, its static initialiser runs when the FX thread first uses it.
 */
final class Preload {
    private static boolean started;

    private Preload() {
    }

    /** Starts the worker once (any thread). */
    static synchronized void firstWindow() {
        if (started) {
            return;
        }
        started = true;
        ClassLoader loader = Preload.class.getClassLoader();
        Thread t = new Thread(() -> {
            try (InputStream in = Preload.class.getResourceAsStream("first-window.classes")) {
                if (in == null) {
                    return;
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    try {
                        Class.forName(line.strip(), false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // another JavaFX version or platform: that class is loaded when used, as without the list
                    }
                }
            } catch (IOException e) {
                // only the head start is lost
            }
        }, "preload-first-window");
        t.setDaemon(true);
        t.start();
    }
}
