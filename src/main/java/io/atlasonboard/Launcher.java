package io.atlasonboard;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.atlasonboard.cli.Cli;

/**
 * Plain main class: JavaFX refuses to start from a classpath jar whose main class extends Application.
 * No arguments opens the application; any argument runs the command line. Without a display or without GTK the
 * application says so in one paragraph and exits 1 (no stack trace).
 */
public final class Launcher {
    /**
     * JavaFX warns on every class-path start ("Unsupported JavaFX configuration"), which is how this jar runs (its
     * jmods are not on Maven Central); only that record is dropped, the logger's other messages stay.
     */
    private static final Logger FX_LOG = Logger.getLogger("javafx");

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        // before any HttpClient exists: Basic proxy auth for HTTPS tunnels (why: core.atlas.ProxyTunnelAuth)
        io.atlasonboard.core.atlas.ProxyTunnelAuth.enableBasicForProxyTunnels();
        if (args.length == 0 || (args.length == 2 && args[0].equals("--home"))) {
            String missing = missingDisplay(System.getenv(), System.getProperty("os.name", ""),
                    System.getProperty("glass.platform"));
            if (missing != null) {
                System.err.println(noGui(missing));
                System.exit(1);
            }
            FX_LOG.setFilter(r -> r.getLevel() != Level.WARNING || r.getMessage() == null
                    || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
            try {
                io.atlasonboard.ui.shell.AtlasOnboardApp.launchApp(args);
            } catch (UnsupportedOperationException e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("GTK")) {
                    System.err.println(noGui("the GTK 3 library (libgtk-3-0), which the window needs, is not "
                            + "installed"));
                } else if (m.contains("DISPLAY")) {
                    System.err.println(noGui("the display named by DISPLAY (" + System.getenv("DISPLAY")
                            + ") cannot be opened"));
                } else {
                    throw e;
                }
                System.exit(1);
            }
        } else {
            System.exit(Cli.run(args));
        }
    }

    /** What stops a window from opening before JavaFX even starts, or null (Monocle needs no display). */
    static String missingDisplay(Map<String, String> env, String osName, String glassPlatform) {
        if ("Monocle".equalsIgnoreCase(glassPlatform) || !osName.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        boolean x11 = env.get("DISPLAY") != null && !env.get("DISPLAY").isBlank();
        boolean wayland = env.get("WAYLAND_DISPLAY") != null && !env.get("WAYLAND_DISPLAY").isBlank();
        return x11 || wayland ? null : "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)";
    }

    /** The one paragraph shown when the window cannot open. */
    static String noGui(String what) {
        return "Atlas Onboard cannot open its window: " + what + ". The application needs a graphical desktop "
                + "with GTK 3 (install it with: sudo apt-get install libgtk-3-0). To run it without a screen, "
                + "for example on a server or in CI, start it under a virtual display: xvfb-run -a atlas-onboard "
                + "(sudo apt-get install xvfb). The command line works without any display: atlas-onboard --help.";
    }
}
