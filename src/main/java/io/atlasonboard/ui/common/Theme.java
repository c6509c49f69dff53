package io.atlasonboard.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * AtlantaFX PrimerLight or PrimerDark as the user-agent stylesheet plus the application's own small stylesheet (which
 * uses only the theme's looked-up colours, so it reads well in both).
 */
public final class Theme {
    private static volatile Boolean systemDark;

    private Theme() {
    }

    /** The light theme (tests and the default). */
    public static void applyUserAgent() {
        apply(false);
    }

    /** Light or dark at once; call on the FX thread (or before the first scene is shown). */
    public static void apply(boolean dark) {
        // the theme's binary stylesheet: loads in about a quarter of the time the CSS takes to parse
        Application.setUserAgentStylesheet(dark ? darkStylesheet() : lightStylesheet());
    }

    public static String lightStylesheet() {
        return new PrimerLight().getUserAgentStylesheetBSS();
    }

    public static String darkStylesheet() {
        return new PrimerDark().getUserAgentStylesheetBSS();
    }

    public static boolean isDark() {
        return darkStylesheet().equals(Application.getUserAgentStylesheet());
    }

    /**
     * Adds the application's stylesheet in its binary form, {@code app.bss} (made from {@code app.css} by JavaFX's
     * Css2Bin; ThemeStylesheetTest fails when it is out of date and says how to remake it): in a fresh JVM parsing
     * the 4 KB {@code app.css} cost the FX thread 100-145 ms of CPU before the first frame (the CSS parser's first
     * use), the binary form 1-2 ms.
     */
    public static void style(Scene scene) {
        scene.getStylesheets().add(appStylesheet());
    }

    /** The application's own stylesheet (binary), as {@link #style} adds it. */
    public static String appStylesheet() {
        return Theme.class.getResource("app.bss").toExternalForm();
    }

    /**
     * Whether the desktop prefers a dark look: GTK_THEME naming a dark variant, or GNOME's
     * {@code color-scheme} being {@code 'prefer-dark'}. Blocks up to about 2 s the first time (runs
     * {@code gsettings}), so call it off the FX thread or before the FX start; the answer is kept.
     */
    public static boolean systemPrefersDark() {
        Boolean known = systemDark;
        if (known == null) {
            known = detect(System.getenv());
            systemDark = known;
        }
        return known;
    }

    /** The kept answer of {@link #systemPrefersDark()}, or null when it was not asked yet. */
    public static Boolean knownSystemPreference() {
        return systemDark;
    }

    static boolean detect(Map<String, String> env) {
        String gtk = env.getOrDefault("GTK_THEME", "").toLowerCase(Locale.ROOT);
        if (gtk.contains(":dark") || gtk.contains("-dark")) {
            return true;
        }
        Process p = null;
        try {
            p = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", "color-scheme") // not user-visible
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                return false;
            }
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readNBytes(256), StandardCharsets.UTF_8);
                return p.exitValue() == 0 && out.contains("prefer-dark"); // not user-visible
            }
        } catch (IOException e) {
            return false; // no gsettings: not a GNOME desktop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
