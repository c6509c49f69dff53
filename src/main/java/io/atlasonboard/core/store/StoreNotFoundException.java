package io.atlasonboard.core.store;

import java.nio.file.Path;

/** {@link Store#open} found no store in the data folder. */
public final class StoreNotFoundException extends StoreException {
    public StoreNotFoundException(Path home) {
        super("There is no store in " + home + " yet. Create one first (choose a passphrase).");
    }
}
