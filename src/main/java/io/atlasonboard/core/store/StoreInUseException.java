package io.atlasonboard.core.store;

import java.nio.file.Path;

/** Another process (or another open {@link Store}) holds the store. */
public final class StoreInUseException extends StoreException {
    private final long pid;

    public StoreInUseException(Path file, Throwable cause) {
        super("The store " + file + " is in use by another Atlas Onboard window or process. Close it and try again.",
                cause);
        this.pid = -1;
    }

    /** The store in {@code home} is locked by process {@code pid} (-1: not known). */
    public StoreInUseException(Path home, long pid) {
        super("The store in " + home + " is in use by another Atlas Onboard"
                + (pid > 0 ? " (pid " + pid + ")" : "")
                + (pid == ProcessHandle.current().pid() ? ", a window of this same process" : "")
                + ". Close it and try again; nothing was changed.", null);
        this.pid = pid;
    }

    /** The holder's process id, -1 if not known. */
    public long pid() {
        return pid;
    }
}
