package io.atlasonboard.ui.sandbox;

import java.util.Objects;
import java.util.function.Consumer;

import io.atlasonboard.sim.Sandbox;
import io.atlasonboard.ui.providers.UiJobs;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The application's sandbox: started on demand (in the background, on a free loopback port) from the start page's
 * "Try it in the sandbox: no GlobalSign account needed", and stopped when the application closes ({@link #close()}).
 * It is never the default target: nothing starts it but the user's choice.
 */
public final class SandboxSession implements AutoCloseable {
    private final UiJobs jobs;
    private final ReadOnlyObjectWrapper<Sandbox> sandbox = new ReadOnlyObjectWrapper<>();
    private boolean starting;

    public SandboxSession(UiJobs jobs) {
        this.jobs = Objects.requireNonNull(jobs);
    }

    /** Starts the sandbox unless it runs; calls {@code ready} on the UI thread with it. */
    public void start(Consumer<Sandbox> ready, Consumer<Throwable> failed) {
        if (sandbox.get() != null) {
            ready.accept(sandbox.get());
            return;
        }
        if (starting) {
            return;
        }
        starting = true;
        jobs.run("Start sandbox", p -> {
            p.update(-1, "Starting the local GlobalSign simulator (" + Sandbox.LABEL + ")");
            return Sandbox.start();
        }, null, sb -> {
            starting = false;
            sandbox.set(sb);
            ready.accept(sb);
        }, e -> {
            starting = false;
            if (failed != null) {
                failed.accept(e);
            }
        });
    }

    /** The running sandbox, or null. */
    public Sandbox current() {
        return sandbox.get();
    }

    /** The running sandbox; {@link IllegalStateException} when it is not running. */
    public Sandbox require() {
        Sandbox s = sandbox.get();
        if (s == null) {
            throw new IllegalStateException("The sandbox is not running (it stops when the application closes); "
                    + "start it again from the start page.");
        }
        return s;
    }

    public ReadOnlyObjectProperty<Sandbox> sandboxProperty() {
        return sandbox.getReadOnlyProperty();
    }

    /** For tests and embedding: adopt an already started sandbox. */
    public void adopt(Sandbox s) {
        sandbox.set(Objects.requireNonNull(s));
    }

    @Override
    public void close() {
        Sandbox s = sandbox.get();
        sandbox.set(null);
        if (s != null) {
            s.close();
        }
    }
}
