package io.atlasonboard.core.store;

import io.atlasonboard.core.Msg;
import java.nio.file.Path;

/**
 * A store file exists but cannot be read (corrupt vault header, corrupt or missing database, schema written by a newer
 * version). The files are left exactly as they were; a new store is never created over them.
 */
public final class StoreUnreadableException extends StoreException {
    private final Path file;
    private final Object reason;

    public StoreUnreadableException(Path file, Object reason) {
        this(file, reason, null);
    }

    /** @param reason English text, or a {@link Msg} to show it in the user's language */
    public StoreUnreadableException(Path file, Object reason, Throwable cause) {
        super(Msg.of("core.store.unreadable", file.toString(), reason), cause);
        this.file = file;
        this.reason = reason;
    }

    /** Why it cannot be read: English text or a {@link Msg}, as given. */
    public Object reason() {
        return reason;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
