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
 * The classes of the later screens follow after the first frame ({@link #laterScreens}). Nothing runs: a class is only
 * read and defined, its static initialiser runs when the FX thread first uses it.
 */
final class Preload {
    private static boolean started;
    private static boolean later;

    private Preload() {
    }

    /** Starts the worker once (any thread). */
    static synchronized void firstWindow() {
        if (started) {
            return;
        }
        started = true;
        start("first-window.classes", "preload-first-window");
    }

    /** After the first frame: the classes of the screens that come next (once). */
    static synchronized void laterScreens() {
        if (later) {
            return;
        }
        later = true;
        start("later-screens.classes", "preload-later-screens");
    }

    private static void start(String list, String name) {
        ClassLoader loader = Preload.class.getClassLoader();
        Thread t = new Thread(() -> {
            try (InputStream in = Preload.class.getResourceAsStream(list)) {
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
        }, name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
