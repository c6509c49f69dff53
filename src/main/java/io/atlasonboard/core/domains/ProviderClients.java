package io.atlasonboard.core.domains;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.atlas.ProviderService;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;

/**
 * Finds a stored provider and opens an {@link AtlasClient} for it; the config comes from
 * {@link ProviderService#configBuilder}, adjustable (clock, sleeper, retries) before the client is built.
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
                    + (names.isEmpty() ? " (the store has no providers yet; add one with 'provider add')."
                    : " (known: " + String.join(", ", names) + ")."));
        });
    }

    /** A connection config for the provider (API URL, PKCS#12 identity, extra trusted CAs, proxy). */
    public static AtlasConnectionConfig.Builder config(Store store, ProviderRecord p, ProviderSecrets s) {
        return new ProviderService(store.providers()).configBuilder(p, s);
    }

    /** Opens a client for the stored provider; {@code customise} may set clock, sleeper, retries (null: defaults). */
    public static AtlasClient open(Store store, ProviderRecord p, Consumer<AtlasConnectionConfig.Builder> customise) {
        try (ProviderSecrets s = store.providers().secrets(p.id())) {
            if (s.apiSecret() == null || s.apiSecret().length == 0) {
                throw new IllegalStateException("Provider '" + p.name() + "' has no API secret stored.");
            }
            AtlasConnectionConfig.Builder b = config(store, p, s);
            if (customise != null) {
                customise.accept(b);
            }
            return new AtlasClient(b.build(), p.apiKey(), s.apiSecret());
        }
    }
}
