package io.atlasonboard.ui.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.core.providers.ProviderService;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.sim.Sandbox;
import io.atlasonboard.ui.common.UiJobs;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The application's sandbox: started on demand (in the background, on a free loopback port) from the start page's
 * "Try it in the sandbox: no GlobalSign account needed", and stopped when the application closes ({@link #close()}).
 * It is never the default target: nothing starts it but the user's choice.
 * <p>Given a data folder, the sandbox survives a restart ({@link Sandbox#open(Path)}): credential sets, mTLS bindings,
 * claims and certificates come back, on the same port when it is free. When it is not, {@link #baseUrlChange()} says
 * "base URL changed from A to B" and {@link #followMove(ProviderService, Sandbox.BaseUrlChange)} points stored sandbox providers at B.
 * <p>Threads: {@link #sandboxProperty()} is the UI's (bind to it on the UI thread); {@link #current()},
 * {@link #require()}, {@link #knows(String)} and {@link #publishTxt(String, String)} read a thread-safe holder and may
 * be called from background jobs.
 */
public final class SandboxSession implements AutoCloseable {
    private final UiJobs jobs;
    private final Path dataDir;
    /** For the UI to bind; set on the UI thread only, always together with {@link #running}. */
    private final ReadOnlyObjectWrapper<Sandbox> sandbox = new ReadOnlyObjectWrapper<>();
    /** The running sandbox for any thread (jobs, DNS publishers): workers never read {@link #sandbox}. */
    private volatile Sandbox running;
    private boolean starting;
    /** API keys of the credential sets the running sandbox created (a restarted sandbox knows none of the old). */
    private final java.util.Set<String> knownKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** An in-memory sandbox: gone when the application closes. */
    public SandboxSession(UiJobs jobs) {
        this(jobs, null);
    }

    /** A sandbox kept in {@code dataDir} (e.g. the store's home + "/sandbox"); null for an in-memory one. */
    public SandboxSession(UiJobs jobs, Path dataDir) {
        this.jobs = Objects.requireNonNull(jobs);
        this.dataDir = dataDir;
    }

    /** The data folder, or null for an in-memory sandbox. */
    public Path dataDir() {
        return dataDir;
    }

    /** Starts the sandbox unless it runs; calls {@code ready} on the UI thread with it. */
    public void start(Consumer<Sandbox> ready, Consumer<Throwable> failed) {
        Sandbox now = running;
        if (now != null) {
            ready.accept(now);
            return;
        }
        if (starting) {
            return;
        }
        starting = true;
        jobs.run(I18n.t("ui.sandbox.task.start"), p -> {
            p.update(-1, I18n.t("ui.sandbox.progress.start", I18n.t("ui.common.sandbox.badge")));
            return dataDir == null ? Sandbox.start() : Sandbox.open(dataDir);
        }).onSuccess(sb -> {
            starting = false;
            set(sb);
            ready.accept(sb);
        }).onFailure(e -> {
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
        Sandbox s = running; // read here, not on the worker
        String notRunning = I18n.t("ui.sandbox.notRunning");
        jobs.run(I18n.t("ui.sandbox.task.credentials"), p -> {
            Sandbox.Credentials c = running(s, notRunning).createCredentials();
            knownKeys.add(c.apiKey());
            return c;
        }).onSuccess(done).onFailure(failed);
    }

    /** Issues the mTLS certificate for {@code csrPem} bound to {@code apiKey}, in the background (PEM to done). */
    public void issueMtlsCertificate(String apiKey, String csrPem, Consumer<String> done, Consumer<Throwable> failed) {
        Sandbox s = running;
        String notRunning = I18n.t("ui.sandbox.notRunning");
        jobs.run(I18n.t("ui.sandbox.task.mtls"), p -> running(s, notRunning).issueMtlsCertificate(apiKey, csrPem))
                .onSuccess(done).onFailure(failed);
    }

    /**
     * Publishes a TXT record in the running sandbox's DNS zone (the DNS pane's publisher for a sandbox provider). Any
     * thread; {@link IllegalStateException} when the sandbox is not running.
     */
    public void publishTxt(String name, String value) {
        require().publishTxt(name, value);
    }

    private static Sandbox running(Sandbox s, String notRunning) {
        if (s == null) {
            throw new IllegalStateException(notRunning);
        }
        return s;
    }

    /**
     * Whether the running sandbox has the credential set with this API key (created in this run, or, for a sandbox
     * with a data folder, in an earlier run). False while no sandbox runs: start it first, then ask.
     */
    public boolean knows(String apiKey) {
        Sandbox s = running;
        return apiKey != null && (knownKeys.contains(apiKey) || (s != null && s.knows(apiKey)));
    }

    /**
     * When the running sandbox came back on another port than the one it had saved: "base URL changed from
     * {@code from} to {@code to}". Empty when it kept its port, is new, or is not running.
     */
    public Optional<Sandbox.BaseUrlChange> baseUrlChange() {
        Sandbox s = running;
        return s == null ? Optional.empty() : s.baseUrlChange();
    }

    /**
     * Points stored sandbox providers at the sandbox's new base URL ({@code change} from {@link #baseUrlChange()},
     * read on the UI thread). Run it in a job: it writes the store. Returns the providers it updated.
     */
    public static List<ProviderRecord> followMove(ProviderService providers, Sandbox.BaseUrlChange change) {
        return change == null ? List.of() : providers.followMovedSandbox(change.from(), change.to());
    }

    /** The running sandbox, or null. Any thread. */
    public Sandbox current() {
        return running;
    }

    /** The running sandbox; {@link IllegalStateException} when it is not running. Any thread. */
    public Sandbox require() {
        return running(running, I18n.t("ui.sandbox.notRunning"));
    }

    public ReadOnlyObjectProperty<Sandbox> sandboxProperty() {
        return sandbox.getReadOnlyProperty();
    }

    /** For tests and embedding: adopt an already started sandbox. */
    public void adopt(Sandbox s) {
        set(Objects.requireNonNull(s));
    }

    private void set(Sandbox s) {
        running = s;
        sandbox.set(s);
    }

    /**
     * Forgets the running sandbox (call on the UI thread) and returns it, so the caller can stop it elsewhere; null
     * when none runs.
     */
    public Sandbox release() {
        Sandbox s = running;
        set(null);
        knownKeys.clear();
        return s;
    }

    @Override
    public void close() {
        Sandbox s = running;
        set(null);
        knownKeys.clear();
        if (s != null) {
            s.close();
        }
    }
}
