package io.atlasonboard.core.tasks;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Cancellation that interrupts only where an interrupt is safe. A thread that waits on the network or sleeps between
 * retries does so inside {@link #await}; {@link #cancel(Thread)} (Cancel in the UI, through {@link TaskHandle}) and
 * {@link #cancelAll} (Ctrl-C on the command line) interrupt a thread only while it is inside such a wait, and a thread
 * that enters one after the cancel is refused at once. A thread doing store work is never interrupted: H2 closes its
 * database file when a thread is interrupted during file I/O, which would leave the store without a clean close.
 *
 * <p>A wait ended by this class clears the thread's interrupt status again before it throws its
 * {@link InterruptedException}: the exception is the signal, so that the caller can still record what happened and
 * close the store.
 */
public final class Cancellation {
    private static final Object LOCK = new Object();
    private static final Set<Thread> WAITING = new HashSet<>();
    private static final Set<Thread> CANCELLED = new HashSet<>();
    private static final java.util.Map<Thread, java.io.Closeable> CLOSERS = new java.util.HashMap<>();
    private static volatile String all;

    private Cancellation() {
    }

    /** A wait that may be interrupted: a future's get, a sleep. */
    @FunctionalInterface
    public interface Wait<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    /**
     * Runs {@code wait} as a place where a cancel may interrupt this thread. Throws {@link InterruptedException} at
     * once when this thread (or the whole process) was already cancelled, or when a cancel arrived during the wait.
     */
    public static <T> T await(Wait<T> wait) throws InterruptedException, ExecutionException, TimeoutException {
        Thread t = Thread.currentThread();
        synchronized (LOCK) {
            String why = why(t);
            if (why != null) {
                throw new InterruptedException(why);
            }
            WAITING.add(t);
        }
        T value;
        try {
            value = wait.get();
        } catch (InterruptedException e) {
            if (isCancelled(t)) {
                Thread.interrupted(); // the exception carries the cancel; the flag would break later store work
            }
            throw e;
        } finally {
            synchronized (LOCK) {
                WAITING.remove(t);
            }
        }
        String why = why(t);
        if (why != null) {
            Thread.interrupted(); // a cancel that came just as the wait ended
            throw new InterruptedException(why);
        }
        return value;
    }

    /** {@link Thread#sleep} as a cancellable wait. */
    public static void sleep(Duration d) throws InterruptedException {
        try {
            await(() -> {
                Thread.sleep(Math.max(0, d.toMillis()));
                return null;
            });
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e); // a sleep throws neither
        }
    }

    /** Ends a {@link #closeOnCancel} registration. */
    public interface Guard extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * For blocking socket I/O that an interrupt cannot stop (a handshake on a plain socket): until the guard is
     * closed, a cancel of this thread (or of the process) closes {@code resource}, so the blocked call fails at once;
     * the caller then checks {@link #isCancelled()}. Closed at once when the thread is already cancelled.
     */
    public static Guard closeOnCancel(java.io.Closeable resource) {
        Thread t = Thread.currentThread();
        boolean now;
        synchronized (LOCK) {
            now = why(t) != null;
            if (!now) {
                CLOSERS.put(t, resource);
            }
        }
        if (now) {
            closeQuietly(resource);
        }
        return () -> {
            synchronized (LOCK) {
                CLOSERS.remove(t, resource);
            }
        };
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (java.io.IOException | RuntimeException ignored) {
            // the blocked call fails with the close; that is the point
        }
    }

    /** Cancels one thread's work: interrupted now if it waits, refused at its next wait otherwise. */
    public static void cancel(Thread t) {
        java.io.Closeable closer;
        synchronized (LOCK) {
            CANCELLED.add(t);
            if (WAITING.contains(t)) {
                t.interrupt();
            }
            closer = CLOSERS.get(t);
        }
        if (closer != null) {
            closeQuietly(closer);
        }
    }

    /** Forgets a cancel of {@code t} (a pool thread that goes on to other work). */
    public static void clear(Thread t) {
        synchronized (LOCK) {
            CANCELLED.remove(t);
        }
    }

    /** Cancels everything this process waits on (Ctrl-C on the command line); {@code reason} names the cause. */
    public static void cancelAll(String reason) {
        List<java.io.Closeable> closers;
        synchronized (LOCK) {
            all = reason == null ? "cancelled" : reason;
            for (Thread t : WAITING) {
                t.interrupt();
            }
            closers = List.copyOf(CLOSERS.values());
        }
        closers.forEach(Cancellation::closeQuietly);
    }

    /** True once {@link #cancelAll} was called. */
    public static boolean cancelledAll() {
        return all != null;
    }

    /** True when {@code t}'s work was cancelled (by itself or by {@link #cancelAll}). */
    public static boolean isCancelled(Thread t) {
        return why(t) != null;
    }

    /** True when the calling thread's work was cancelled. */
    public static boolean isCancelled() {
        return isCancelled(Thread.currentThread());
    }

    /** How many threads wait right now (for tests and diagnostics). */
    public static int waiting() {
        synchronized (LOCK) {
            return WAITING.size();
        }
    }

    /** Back to "nothing cancelled" (tests; a command line run is one process). */
    public static void reset() {
        synchronized (LOCK) {
            all = null;
            CANCELLED.clear();
        }
    }

    private static String why(Thread t) {
        String a = all;
        if (a != null) {
            return a;
        }
        synchronized (LOCK) {
            return CANCELLED.contains(t) ? "cancelled" : null;
        }
    }
}
