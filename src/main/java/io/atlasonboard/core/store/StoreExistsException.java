package io.atlasonboard.core.store;

import io.atlasonboard.core.Msg;
import java.nio.file.Path;

/** {@link Store#create} refuses because store files already exist in the data folder. */
public final class StoreExistsException extends StoreException {
    public StoreExistsException(Path home, Path existing) {
        super(Msg.of("core.store.exists", home.toString(), existing.getFileName().toString()), null);
    }
}
