package io.atlasonboard.core.tasks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A submitted job: its result, its progress stream, and a cancel button. {@link #cancel} completes the result as
 * cancelled at once and reaches the worker through {@link Cancellation}: a worker waiting on the network or between
 * retries is interrupted (the API call ends with {@code AtlasCancelledException}), one doing other work is refused at
 * its next wait and sees {@link ProgressSink#isCancelled()}. {@link #ended()} tells when the worker really stopped.
 */
public final class TaskHandle<T> {
    private final String title;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final List<Consumer<Progress>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private volatile Future<?> future;
    private volatile Progress last;
    private volatile Thread worker;
    private final CompletableFuture<Throwable> ended = new CompletableFuture<>();

    TaskHandle(String title) {
        this.title = title;
        this.last = new Progress(title, -1, "Waiting");
    }

    public String title() {
        return title;
    }

    public CompletableFuture<T> result() {
        return result;
    }

    /** Listeners run on the worker thread; UI code marshals to its own thread. */
    public TaskHandle<T> onProgress(Consumer<Progress> listener) {
        listeners.add(listener);
        listener.accept(last);
        return this;
    }

    public void cancel() {
        synchronized (this) {
            cancelled = true;
            Thread w = worker;
            if (w != null) {
                Cancellation.cancel(w);
            }
        }
        Future<?> f = future;
        if (f != null) {
            f.cancel(false); // never started: it never will; running: Cancellation reached it above
        }
        result.cancel(false);
    }

    /**
     * Completes when the worker has left the job: with null when the job returned, with what it threw otherwise
     * (after a cancel typically {@code AtlasCancelledException} or {@link java.util.concurrent.CancellationException}).
     * A job cancelled before it started completes with a {@link java.util.concurrent.CancellationException}.
     */
    public CompletableFuture<Throwable> ended() {
        return ended;
    }

    /** Called on the worker thread as the job starts; false when it was cancelled before. */
    synchronized boolean started(Thread t) {
        if (cancelled) {
            return false;
        }
        worker = t;
        return true;
    }

    /** Called on the worker thread as the job ends. */
    void finished(Throwable failure) {
        Thread w;
        synchronized (this) {
            w = worker;
            worker = null;
        }
        if (w != null) {
            Cancellation.clear(w);
        }
        ended.complete(failure);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void attach(Future<?> f) {
        this.future = f;
        if (cancelled) {
            f.cancel(false);
            ended.complete(new java.util.concurrent.CancellationException("cancelled before it started"));
        }
    }

    ProgressSink sink() {
        return new ProgressSink() {
            @Override
            public void update(double fraction, String message) {
                last = new Progress(title, fraction, message);
                for (Consumer<Progress> l : listeners) {
                    l.accept(last);
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled || Thread.currentThread().isInterrupted();
            }
        };
    }
}
