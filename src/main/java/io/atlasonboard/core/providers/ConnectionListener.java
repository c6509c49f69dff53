package io.atlasonboard.core.providers;

/** Receives the {@link ConnectionEvent}s of a connection test, on the thread running the test. */
@FunctionalInterface
public interface ConnectionListener {
    ConnectionListener NONE = e -> { };

    void on(ConnectionEvent event);
}
