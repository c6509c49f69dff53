package io.atlasonboard.core.store;

import io.atlasonboard.core.Msg;
import java.nio.file.Path;

/** Another process (or another open {@link Store}) holds the store. */
public final class StoreInUseException extends StoreException {
    private final long pid;

    public StoreInUseException(Path file, Throwable cause) {
        super(Msg.of("core.store.inUse.file", file.toString()), cause);
        this.pid = -1;
    }

    /** The store in {@code home} is locked by process {@code pid} (-1: not known). */
    public StoreInUseException(Path home, long pid) {
        super(pid == ProcessHandle.current().pid() ? Msg.of("core.store.inUse.self", home.toString(), pid)
                : pid > 0 ? Msg.of("core.store.inUse.pid", home.toString(), pid)
                : Msg.of("core.store.inUse.home", home.toString()), null);
        this.pid = pid;
    }

    /** The holder's process id, -1 if not known. */
    public long pid() {
        return pid;
    }
}
