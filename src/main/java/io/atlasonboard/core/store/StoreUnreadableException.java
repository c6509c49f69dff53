package io.atlasonboard.core.store;

import java.nio.file.Path;

/**
 * A store file exists but cannot be read (corrupt vault header, corrupt or missing database, schema written by a newer
 * version). The files are left exactly as they were; a new store is never created over them.
 */
public final class StoreUnreadableException extends StoreException {
    private final Path file;

    public StoreUnreadableException(Path file, String reason) {
        this(file, reason, null);
    }

    public StoreUnreadableException(Path file, String reason, Throwable cause) {
        super("The store file " + file + " cannot be read: " + reason
                + " The file was kept untouched; no new store was created over it.", cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
