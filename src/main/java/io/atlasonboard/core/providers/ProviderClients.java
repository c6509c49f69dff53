package io.atlasonboard.core.providers;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;

/**
 * Finds a stored provider by name and opens an {@link AtlasClient} for it through {@link ProviderService}, with a
 * hook to adjust the config (clock, sleeper, retries) before the client is built.
 */
public final class ProviderClients {
    private ProviderClients() {
    }

    /** The provider with this name (case-insensitive); a message listing the known names otherwise. */
    public static ProviderRecord find(Store store, String name) {
        return store.providers().findByName(name).orElseThrow(() -> {
            List<String> names = new ArrayList<>();
            store.providers().list().forEach(p -> names.add(p.name()));
            return new NoSuchElementException("There is no provider named '" + name + "'"
                    + (names.isEmpty() ? " (the store has no providers yet; add one first)."
                    : " (known: " + String.join(", ", names) + ")."));
        });
    }

    /**
     * Opens a client for the stored provider through {@link ProviderService#client(long, Consumer)};
     * {@code customise} may set clock, sleeper, retries (null: defaults). Refuses a provider without an API secret.
     */
    public static AtlasClient open(Store store, ProviderRecord p, Consumer<AtlasConnectionConfig.Builder> customise) {
        try (ProviderSecrets s = store.providers().secrets(p.id())) {
            if (s.apiSecret() == null || s.apiSecret().length == 0) {
                throw new IllegalStateException("Provider '" + p.name() + "' has no API secret stored.");
            }
        }
        return new ProviderService(store.providers()).client(p.id(), customise);
    }
}
