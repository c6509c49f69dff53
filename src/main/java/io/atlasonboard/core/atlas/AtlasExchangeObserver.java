package io.atlasonboard.core.atlas;

/**
 * Told once per HTTP exchange of an {@link AtlasClient} (each retry and re-login is its own exchange), on the
 * calling thread, after the answer (or the transport failure). Must be quick and must not throw; an exception from it
 * is logged and ignored.
 */
@FunctionalInterface
public interface AtlasExchangeObserver {
    void exchanged(AtlasExchange exchange);
}
