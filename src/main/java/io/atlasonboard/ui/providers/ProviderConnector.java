package io.atlasonboard.ui.providers;

import java.time.Clock;
import java.util.Objects;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.providers.ConnectionListener;
import io.atlasonboard.core.providers.ConnectionReport;
import io.atlasonboard.core.providers.ProviderService;
import io.atlasonboard.core.atlas.Sleeper;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.ProgressSink;

/**
 * Turns a stored provider into a connection (no JavaFX; call it from background jobs only): delegates to
 * {@link ProviderService} (config with copied secrets, connection test recorded in the store, API clients for the DNS
 * and certificate views).
 */
public final class ProviderConnector {
    private final Store store;
    private final ProviderService service;

    public ProviderConnector(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.service = new ProviderService(store.providers(), Objects.requireNonNull(clock), Sleeper.REAL);
    }

    public Store store() {
        return store;
    }

    /** The connection settings of a provider (password arrays are copies; {@code secrets} may be closed after). */
    public AtlasConnectionConfig config(ProviderRecord r, ProviderSecrets secrets) {
        return service.config(r, secrets);
    }

    /**
     * Runs the connection test of a stored provider and records the result with its time; {@code events} hears
     * each check start, pass or fail (worker thread).
     */
    public ConnectionReport test(long providerId, ProgressSink progress, ConnectionListener events) {
        return service.test(providerId, progress, unlessCancelled(progress, events));
    }

    /**
     * A cancelled test records nothing: the test reports its last check (passed or failed) just before the result is
     * recorded, so an event after Cancel ends the job there (a check that ends on its own timeout after a Cancel, as
     * the TLS step's socket does, must not leave "Bad" as the stored status).
     */
    static ConnectionListener unlessCancelled(ProgressSink progress, ConnectionListener events) {
        ConnectionListener to = events == null ? ConnectionListener.NONE : events;
        if (progress == null) {
            return to;
        }
        return e -> {
            if (progress.isCancelled()) {
                throw new java.util.concurrent.CancellationException("cancelled");
            }
            to.on(e);
        };
    }

    /** An API client for a stored provider (the caller closes it). */
    public AtlasClient client(long providerId) {
        return service.client(providerId);
    }
}
