package io.atlasonboard.core.store;

import java.nio.file.Path;

/** Another process (or another open {@link Store}) holds the database. */
public final class StoreInUseException extends StoreException {
    public StoreInUseException(Path file, Throwable cause) {
        super("The store " + file + " is in use by another Atlas Onboard window or process. Close it and try again.",
                cause);
    }
}
