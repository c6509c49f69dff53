package io.atlasonboard.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One JDBC connection to the embedded H2 database, used under a lock: every repository call is one short
 * transaction, so setters called from several background threads are serialised and never interleave.
 *
 * <p>Group commit for high-volume writes ({@link #txGrouped}: audit rows, the claims of a batch): the work runs at
 * once under the lock (a later read on this connection sees it) but its commit is shared with the next ones. Each such
 * work runs inside its own savepoint, so a failing one (or a failing plain {@link #tx}) rolls back only itself and
 * never what is waiting to be committed. What is waiting is committed by the next plain {@link #tx}, by
 * {@link #commitPending()}, once {@value #GROUP_MAX} works wait, {@value #GROUP_DELAY_MS} ms after the first one
 * (a daemon timer), and before shutdown. A crash of the process can therefore lose at most that window of grouped
 * writes; callers use it only for writes that are recoverable (see DomainClaimRepository.upsertGrouped) or
 * diagnostic (the audit trail). Every commit of H2 here writes a chunk to the file (WRITE_DELAY=0), which is what
 * grouping saves.
 */
final class Db {
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Connection conn;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;

    /** Grouped works run but not committed yet (guarded by {@link #lock}). */
    private int pending;
    private boolean flushScheduled; // guarded by lock
    private ScheduledExecutorService flusher; // guarded by lock; created on first grouped work

    static final int GROUP_MAX = 64;
    static final long GROUP_DELAY_MS = 250;

    Db(Connection conn) throws SQLException {
        this.conn = conn;
        conn.setAutoCommit(false);
    }

    <T> T tx(Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The store is closed.");
            }
            Savepoint sp = null;
            try {
                if (pending > 0) {
                    sp = conn.setSavepoint(); // a failure of this work must not roll back what is waiting
                }
                T result = work.run(conn);
                conn.commit();
                pending = 0;
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(sp);
                if (sp != null) {
                    commitQuietly();
                }
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw failure((SQLException) e);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} now under the lock, in its own savepoint, and leaves the commit to the group (see the class
     * comment). A failure rolls back this work only and is thrown as by {@link #tx}.
     */
    <T> T txGrouped(Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The store is closed.");
            }
            Savepoint sp = null;
            try {
                sp = conn.setSavepoint();
                T result = work.run(conn);
                pending++;
                if (pending >= GROUP_MAX) {
                    conn.commit();
                    pending = 0;
                } else {
                    scheduleFlush();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(sp);
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw failure((SQLException) e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Commits the grouped works waiting for their commit, if any. */
    void commitPending() {
        lock.lock();
        try {
            if (closed || pending == 0) {
                return;
            }
            try {
                conn.commit();
                pending = 0;
            } catch (SQLException e) {
                throw failure(e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Grouped works not committed yet (tests). */
    int pendingCommits() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    private void scheduleFlush() {
        if (flushScheduled) {
            return;
        }
        if (flusher == null) {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "store-group-commit");
                t.setDaemon(true);
                return t;
            });
        }
        flushScheduled = true;
        flusher.schedule(() -> {
            lock.lock();
            try {
                flushScheduled = false;
            } finally {
                lock.unlock();
            }
            try {
                commitPending();
            } catch (RuntimeException e) {
                // the next commit tries again; shutdown commits too
            }
        }, GROUP_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    private void rollback(Savepoint sp) {
        try {
            if (sp != null) {
                conn.rollback(sp);
            } else {
                conn.rollback();
            }
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    private void commitQuietly() {
        try {
            conn.commit();
            pending = 0;
        } catch (SQLException ignored) {
            // left pending: the next commit tries again
        }
    }

    private static StoreException failure(SQLException e) {
        return new StoreException("The store could not complete the operation (database error "
                + e.getErrorCode() + ").", e);
    }

    void run(Work<?> work) {
        tx(work);
    }

    boolean isClosed() {
        return closed;
    }

    /** Compacts and closes the database; true if H2 shut down cleanly. */
    boolean shutdown(boolean compact) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            boolean clean = true;
            if (pending > 0) {
                try {
                    conn.commit();
                    pending = 0;
                } catch (SQLException e) {
                    clean = false;
                }
            }
            closed = true;
            if (flusher != null) {
                flusher.shutdownNow();
            }
            try (PreparedStatement ps = conn.prepareStatement(compact ? "SHUTDOWN COMPACT" : "SHUTDOWN")) {
                ps.execute();
            } catch (SQLException e) {
                clean = false;
            }
            try {
                conn.close();
            } catch (SQLException ignored) {
                // already shut down
            }
            return clean;
        } finally {
            lock.unlock();
        }
    }
}
