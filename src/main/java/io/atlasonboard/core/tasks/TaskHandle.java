package io.atlasonboard.core.tasks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** A submitted job: its result, its progress stream, and a cancel button. */
public final class TaskHandle<T> {
    private final String title;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final List<Consumer<Progress>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private volatile Future<?> future;
    private volatile Progress last;

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
        cancelled = true;
        Future<?> f = future;
        if (f != null) {
            f.cancel(true);
        }
        result.cancel(false);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void attach(Future<?> f) {
        this.future = f;
        if (cancelled) {
            f.cancel(true);
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
