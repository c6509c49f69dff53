package io.atlasonboard.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's OS-level lock: {@code atlas.lock} in the data folder, locked with {@link FileChannel#tryLock()} before
 * anything of the store is created or opened and held until the store is closed (the OS drops it when the process
 * dies, so a crash never leaves a stale lock). While held the file holds the owner's pid, so a second opener can say
 * who has it; it is emptied on release. The file itself is never deleted: deleting a lock file lets two processes lock
 * two different files.
 */
final class StoreLock implements AutoCloseable {
    static final String FILE = Store.DB_NAME + ".lock";

    /** Data folders locked in this JVM (the OS lock is per process; a second Store here must be refused too). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path home;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(Path home, FileChannel channel, FileLock lock) {
        this.home = home;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks the (existing) data folder {@code home}, or throws {@link StoreInUseException} naming the holder. */
    static StoreLock acquire(Path home) {
        if (!HELD.add(home)) {
            throw new StoreInUseException(home, ProcessHandle.current().pid());
        }
        FileChannel ch = null;
        try {
            Path file = home.resolve(FILE);
            Set<StandardOpenOption> opts = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileAttribute<?>[] attrs = home.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            if (java.nio.file.Files.isSymbolicLink(file)) {
                throw new StoreException("The lock file " + file + " is a symbolic link; refusing to use it.");
            }
            ch = FileChannel.open(file, opts, attrs);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                long pid = holderPid(ch);
                ch.close();
                ch = null;
                HELD.remove(home);
                throw new StoreInUseException(home, pid);
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            StoreLock sl = new StoreLock(home, ch, l);
            ch = null;
            return sl;
        } catch (IOException e) {
            HELD.remove(home);
            throw new StoreException("The store in " + home + " could not be locked: " + e.getMessage(), e);
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing to add
                }
                HELD.remove(home);
            }
        }
    }

    /** The pid the holder wrote, or -1 if it is not there (yet): a holder writes it right after locking. */
    private static long holderPid(FileChannel ch) throws IOException {
        for (int attempt = 0; attempt < 40; attempt++) {
            ByteBuffer b = ByteBuffer.allocate(24);
            int n = ch.read(b, 0);
            if (n > 0) {
                String s = new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
                if (s.matches("\\d{1,19}")) {
                    return Long.parseLong(s);
                }
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return -1;
    }

    /** Empties the pid, releases the OS lock. Idempotent. */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(0);
        } catch (IOException ignored) {
            // the OS lock goes with the channel anyway
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to add
        } finally {
            HELD.remove(home);
        }
    }
}
