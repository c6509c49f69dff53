package io.atlasonboard.ui.sandbox;

import java.util.Objects;
import java.util.function.Consumer;

import io.atlasonboard.sim.Sandbox;
import io.atlasonboard.ui.common.UiJobs;
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
    /** API keys of the credential sets the running sandbox created (a restarted sandbox knows none of the old). */
    private final java.util.Set<String> knownKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();

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

    /**
     * Creates a credential set in the running sandbox, in the background; {@code done} gets it on the UI thread.
     */
    public void createCredentials(Consumer<Sandbox.Credentials> done, Consumer<Throwable> failed) {
        jobs.run("Sandbox credentials", p -> {
            Sandbox.Credentials c = require().createCredentials();
            knownKeys.add(c.apiKey());
            return c;
        }, null, done, failed);
    }

    /** Issues the mTLS certificate for {@code csrPem} bound to {@code apiKey}, in the background (PEM to done). */
    public void issueMtlsCertificate(String apiKey, String csrPem, Consumer<String> done, Consumer<Throwable> failed) {
        jobs.run("Sandbox mTLS certificate", p -> require().issueMtlsCertificate(apiKey, csrPem), null, done, failed);
    }

    /** Whether the running sandbox created the credential set with this API key. */
    public boolean knows(String apiKey) {
        return apiKey != null && knownKeys.contains(apiKey);
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

    /**
     * Forgets the running sandbox (call on the UI thread) and returns it, so the caller can stop it elsewhere; null
     * when none runs.
     */
    public Sandbox release() {
        Sandbox s = sandbox.get();
        sandbox.set(null);
        knownKeys.clear();
        return s;
    }

    @Override
    public void close() {
        Sandbox s = sandbox.get();
        sandbox.set(null);
        knownKeys.clear();
        if (s != null) {
            s.close();
        }
    }
}
