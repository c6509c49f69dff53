package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import io.atlasonboard.core.tasks.Cancellation;
import io.atlasonboard.core.tasks.ProgressSink;
import picocli.CommandLine;

/**
 * Ctrl-C (SIGINT) and SIGTERM on the command line: instead of the JVM's abrupt exit (which ran H2's own shutdown hook
 * and left the store without a clean close), the running operation is cancelled through {@link Cancellation}: its
 * network waits and retry sleeps end at once, the command unwinds through its normal paths (the store is closed by
 * the code that opened it; one left open is closed here), and the process says what was stopped and exits 130 (143
 * for SIGTERM). An operation that does not stop within {@link #GRACE} is interrupted outright, and a second Ctrl-C
 * ends the process at once.
 */
final class CliCancellation {
    /** How long the operation may take to wind down after Ctrl-C before it is interrupted outright. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private static volatile String what = "the command";
    private static volatile String detail;
    private static volatile int exitStatus = 130;
    private static volatile String signal = "Ctrl-C";

    private CliCancellation() {
    }

    /** True once Ctrl-C/SIGTERM cancelled the running command. */
    static boolean cancelled() {
        return Cancellation.cancelledAll();
    }

    /** The exit status for a cancelled run: 128 + the signal's number. */
    static int exitStatus() {
        return exitStatus;
    }

    /** What the cancelled operation was doing when it stopped (the message it stopped with). */
    static void stoppedWith(String message) {
        if (detail == null && message != null && !message.isBlank()) {
            detail = message;
        }
    }

    /** A progress sink for core services that sees the cancel; {@code lines} (may be null) gets progress text. */
    static ProgressSink sink(java.util.function.Consumer<String> lines) {
        return new ProgressSink() {
            @Override
            public void update(double fraction, String message) {
                if (lines != null && message != null) {
                    lines.accept(message);
                }
            }

            @Override
            public boolean isCancelled() {
                return Cancellation.cancelledAll();
            }
        };
    }

    /**
     * Runs {@code command} (the parsed command line {@code root} with {@code args}) with the signal handlers
     * installed; restores the previous handlers afterwards.
     */
    static int run(CommandLine root, String[] args, IntSupplier command) {
        what = commandName(root, args);
        if (what.equals("sandbox") || what.isEmpty()) {
            return command.getAsInt(); // the sandbox stops by its own shutdown hook; help/version need nothing
        }
        PrintWriter err = root.getErr();
        Thread main = Thread.currentThread();
        List<Object[]> previous = new ArrayList<>();
        install("INT", 130, "Ctrl-C", main, err, previous);
        install("TERM", 143, "SIGTERM", main, err, previous);
        int rc;
        try {
            rc = command.getAsInt();
        } finally {
            restore(previous);
        }
        if (!cancelled()) {
            return rc;
        }
        Thread.interrupted();
        int closed = CliStore.closeLeftOpen();
        err.println("Cancelled (" + signal + "): " + what + " was stopped"
                + (detail == null ? "" : " (" + detail + ")") + ". "
                + (CliStore.openedAny() ? "The store was closed" + (closed > 0 ? " by the cancel" : "")
                        + "; what was saved before stays saved." : "Nothing was saved."));
        err.flush();
        return exitStatus;
    }

    private static void install(String name, int status, String label, Thread main, PrintWriter err,
            List<Object[]> previous) {
        try {
            sun.misc.Signal sig = new sun.misc.Signal(name);
            sun.misc.SignalHandler old = sun.misc.Signal.handle(sig, s -> onSignal(status, label, main, err));
            previous.add(new Object[] {sig, old});
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // this platform has no such signal (or it is taken): the JVM's default applies
        }
    }

    private static void restore(List<Object[]> previous) {
        for (Object[] p : previous) {
            try {
                sun.misc.Signal.handle((sun.misc.Signal) p[0], (sun.misc.SignalHandler) p[1]);
            } catch (IllegalArgumentException e) {
                // leave it
            }
        }
    }

    private static void onSignal(int status, String label, Thread main, PrintWriter err) {
        if (cancelled()) {
            err.println("Stopping at once (" + label + " again); the store may not have been closed cleanly.");
            err.flush();
            Runtime.getRuntime().halt(status);
        }
        exitStatus = status;
        signal = label;
        err.println();
        err.println("Stopping " + what + " (" + label + ") ...");
        err.flush();
        Cancellation.cancelAll("cancelled (" + label + ")");
        Thread watchdog = new Thread(() -> {
            try {
                main.join(GRACE.toMillis());
                if (main.isAlive()) {
                    err.println(what + " did not stop within " + GRACE.toSeconds() + " s; interrupting it.");
                    err.flush();
                    main.interrupt();
                    main.join(5_000);
                    if (main.isAlive()) {
                        err.println("Exiting without waiting any longer; the store may not have been closed cleanly.");
                        err.flush();
                        Runtime.getRuntime().halt(status);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cancel-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** "dns verify" for {@code --home X dns verify --provider p a.com}: the subcommand names in the arguments. */
    static String commandName(CommandLine root, String[] args) {
        List<String> names = new ArrayList<>();
        CommandLine c = root;
        for (String a : args) {
            if (c.getSubcommands().isEmpty()) {
                break;
            }
            if (a.startsWith("-")) {
                continue;
            }
            CommandLine sub = c.getSubcommands().get(a);
            if (sub != null) {
                names.add(a);
                c = sub;
            }
        }
        return String.join(" ", names);
    }
}
