package io.atlasonboard;

import io.atlasonboard.cli.Cli;

/**
 * Plain main class: JavaFX refuses to start from a classpath jar whose main class extends Application.
 * No arguments opens the application; any argument runs the command line.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        // before any HttpClient exists: Basic proxy auth for HTTPS tunnels (why: core.atlas.ProxyTunnelAuth)
        io.atlasonboard.core.atlas.ProxyTunnelAuth.enableBasicForProxyTunnels();
        if (args.length == 0 || (args.length == 2 && args[0].equals("--home"))) {
            io.atlasonboard.ui.shell.AtlasOnboardApp.launchApp(args);
        } else {
            System.exit(Cli.run(args));
        }
    }
}
