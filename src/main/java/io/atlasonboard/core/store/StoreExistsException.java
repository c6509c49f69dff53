package io.atlasonboard.core.store;

import java.nio.file.Path;

/** {@link Store#create} refuses because store files already exist in the data folder. */
public final class StoreExistsException extends StoreException {
    public StoreExistsException(Path home, Path existing) {
        super("A store already exists in " + home + " (found " + existing.getFileName()
                + "). Unlock it with its passphrase instead; nothing was changed.");
    }
}
