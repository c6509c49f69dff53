package io.atlasonboard.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One JDBC connection to the embedded H2 database, used under a lock: every repository call is one short
 * transaction, so setters called from several background threads are serialised and never interleave.
 */
final class Db {
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Connection conn;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;

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
            try {
                T result = work.run(conn);
                conn.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    conn.rollback();
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new StoreException("The store could not complete the operation (database error "
                        + ((SQLException) e).getErrorCode() + ").", e);
            }
        } finally {
            lock.unlock();
        }
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
            closed = true;
            boolean clean = true;
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
