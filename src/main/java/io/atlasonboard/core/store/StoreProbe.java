package io.atlasonboard.core.store;

import io.atlasonboard.core.Msg;
import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The check of a store's database before it is opened for writing: its fingerprint after a clean close, then a
 * read-only pass over every row of every table, so a damaged file is reported before anything could write to it,
 * and a schema from a newer version is refused. None of it needs the data key, so {@link Store#open} runs it on a
 * thread of its own while Argon2id derives the key (Bouncy Castle computes the lanes on one core); only the key
 * check value it reads is verified afterwards, with the key.
 */
final class StoreProbe {

    /**
     * What the check found wrong with each database in this process. H2 keeps a damaged file locked after its failed
     * open, so a second try in the same process (a retyped passphrase) meets that lock: it is told the same damage,
     * not "in use by another process".
     */
    private static final Map<Path, Object> DAMAGE = new ConcurrentHashMap<>();

    private final FutureTask<Result> task;
    /** Set when the answer is no longer wanted (a wrong passphrase): the pass over the rows stops early. */
    private volatile boolean unwanted;

    private StoreProbe(Path home, Path dbFile) {
        this.task = new FutureTask<>(() -> {
            try {
                checkFingerprint(home, dbFile);
                Result r = readAll(home, dbFile);
                if (r.damage() instanceof StoreUnreadableException u) {
                    DAMAGE.put(dbFile, u.reason());
                } else {
                    DAMAGE.remove(dbFile);
                }
                return r;
            } catch (StoreUnreadableException e) {
                DAMAGE.put(dbFile, e.reason());
                throw e;
            }
        });
    }

    /** Starts the check of {@code dbFile}; the caller holds the store lock until {@link #await} has returned. */
    static StoreProbe start(Path home, Path dbFile) {
        StoreProbe probe = new StoreProbe(home, dbFile);
        Thread t = new Thread(probe.task, "store-check");
        t.setDaemon(true);
        t.start();
        return probe;
    }

    /** The check's result, or the {@link StoreException} it found. Waits for it without giving up on interrupts. */
    Result await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the check holds the database open: it must end before the lock is freed
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException r) {
                        throw r;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new StoreException("The store's database could not be checked: " + c, c);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the check early and waits for it to end, ignoring what it found (when the passphrase was wrong). */
    void awaitQuietly() {
        unwanted = true; // not an interrupt: that would close H2's file channel under it
        try {
            await();
        } catch (RuntimeException | Error ignored) {
            // the caller reports its own failure
        }
    }

    /**
     * What the read-only pass found: the highest schema version applied, the stored key check value (if any) and, when
     * rows could not be read after that value was, the damage, reported after the key check as before.
     */
    record Result(int schema, byte[] keyCheck, StoreException damage) {

        /** The schema version, once the key check value (if stored) decrypts under {@code dataKey}. */
        int verifyKeyCheck(Path vaultFile, byte[] dataKey) {
            if (keyCheck == null) {
                return schema; // schema 2 or older, or not yet written: added after the migration
            }
            SecretBox box = new SecretBox(dataKey);
            try {
                byte[] plain = box.decrypt(keyCheck, SecretBox.aad("store_meta", "meta_value", 0));
                if (!java.util.Arrays.equals(plain, Store.KEY_CHECK_PLAIN)) {
                    throw new javax.crypto.AEADBadTagException();
                }
            } catch (javax.crypto.AEADBadTagException e) {
                throw new StoreUnreadableException(vaultFile, "it unlocks, but belongs to a different database than "
                        + Store.DB_FILE + " (the key check does not match), so the stored secrets could not be read.");
            } finally {
                box.destroy();
            }
            if (damage != null) {
                throw damage;
            }
            return schema;
        }
    }

    /** After a clean close the database must be exactly what was closed; otherwise it was damaged or replaced. */
    private static void checkFingerprint(Path home, Path dbFile) {
        StoreState.Json state = StoreState.read(home);
        if (state == null || !state.cleanClose || state.databaseSha256 == null) {
            return;
        }
        String actual;
        try {
            actual = StoreState.sha256(dbFile);
        } catch (IOException e) {
            throw new StoreUnreadableException(dbFile, "it could not be read (" + e.getClass().getSimpleName() + ").",
                    e);
        }
        if (!actual.equalsIgnoreCase(state.databaseSha256)) {
            throw new StoreUnreadableException(dbFile, "it changed after Atlas Onboard last closed it (its SHA-256 "
                    + "does not match " + StoreState.FILE + "), so it is damaged or was replaced. If you restored it "
                    + "from a backup on purpose, delete " + StoreState.FILE + " and unlock again.");
        }
    }

    private Result readAll(Path home, Path dbFile) {
        int applied = 0;
        byte[] keyCheck = null;
        try (Connection c = Store.connect(home, true, true)) {
            DatabaseMetaData md = c.getMetaData();
            boolean hasHistory;
            try (ResultSet rs = md.getTables(null, "PUBLIC", "flyway_schema_history", null)) {
                hasHistory = rs.next();
            }
            if (!hasHistory) {
                throw new StoreUnreadableException(dbFile, Msg.of("core.store.reason.noSchema"));
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int v;
                    try {
                        v = Integer.parseInt(rs.getString(1).split("\\.")[0]);
                    } catch (NumberFormatException e) {
                        throw new StoreUnreadableException(dbFile, Msg.of("core.store.reason.badVersion"));
                    }
                    if (v > Store.SCHEMA_VERSION) {
                        throw new StoreUnreadableException(dbFile,
                                Msg.of("core.store.reason.newer", v, Store.SCHEMA_VERSION));
                    }
                    if (!rs.getBoolean(2)) {
                        throw new StoreUnreadableException(dbFile, Msg.of("core.store.reason.migration", v));
                    }
                    applied = Math.max(applied, v);
                }
            }
            keyCheck = readKeyCheck(c);
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, "PUBLIC", "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String t : tables) {
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM \"" + t.replace("\"", "\"\"") + "\"");
                     ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData rmd = rs.getMetaData();
                    while (rs.next() && !unwanted) {
                        for (int i = 1; i <= rmd.getColumnCount(); i++) {
                            rs.getObject(i);
                        }
                    }
                }
            }
            return new Result(applied, keyCheck, null);
        } catch (SQLException e) {
            Object found = DAMAGE.get(dbFile);
            if (found != null && heldInThisProcess(e)) {
                return failed(applied, keyCheck, new StoreUnreadableException(dbFile, found, e));
            }
            return failed(applied, keyCheck, Store.mapOpenFailure(dbFile, e));
        } catch (StoreException e) {
            return failed(applied, keyCheck, e);
        } catch (RuntimeException e) {
            return failed(applied, keyCheck, new StoreUnreadableException(dbFile,
                    Msg.of("core.store.reason.database", e.getClass().getSimpleName()), e));
        }
    }

    /** Damage found before the key check value was read is thrown; after it, kept for {@link Result#verifyKeyCheck}. */
    private static Result failed(int applied, byte[] keyCheck, StoreException damage) {
        if (keyCheck == null) {
            throw damage;
        }
        return new Result(applied, keyCheck, damage);
    }

    /** The file's lock is held by this JVM (another process's lock is no overlap, just a refused lock). */
    private static boolean heldInThisProcess(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OverlappingFileLockException) {
                return true;
            }
        }
        return false;
    }

    private static byte[] readKeyCheck(Connection c) throws SQLException {
        try (ResultSet t = c.getMetaData().getTables(null, "PUBLIC", "STORE_META", null)) {
            if (!t.next()) {
                return null;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT meta_value FROM store_meta WHERE meta_key = ?")) {
            ps.setString(1, Store.KEY_CHECK);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }
}
