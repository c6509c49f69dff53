package io.atlasonboard.ui.common;

import io.atlasonboard.core.tasks.Progress;
import io.atlasonboard.core.tasks.TaskHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A background job seen from the UI thread, as {@link UiJobs#run} returns it: progress properties and listeners, outcome
 * handlers and a result future, all on the UI thread; {@link #cancel()} cancels the job.
 */
public final class FxTask<T> {
    private final TaskHandle<T> handle;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(true);
    private final CompletableFuture<T> done = new CompletableFuture<>();
    private final AtomicReference<Progress> pending = new AtomicReference<>();
    private final List<BiConsumer<? super T, ? super Throwable>> handlers = new ArrayList<>();
    private final List<Consumer<? super Progress>> progressListeners = new CopyOnWriteArrayList<>();
    private boolean finished;
    private T outcome;
    private Throwable failure;

    FxTask(TaskHandle<T> handle, Executor ui) {
        this.handle = handle;
        handle.onProgress(p -> {
            // coalesce: at most one pending UI update at a time, always showing the newest progress
            if (pending.getAndSet(p) == null) {
                ui.execute(() -> {
                    Progress last = pending.getAndSet(null);
                    if (last != null) {
                        progress.set(last.fraction());
                        message.set(last.message() == null ? "" : last.message());
                        for (Consumer<? super Progress> l : progressListeners) {
                            l.accept(last);
                        }
                    }
                });
            }
        });
        handle.result().whenComplete((value, error) -> ui.execute(() -> {
            running.set(false);
            if (error == null) {
                progress.set(1);
            }
            List<BiConsumer<? super T, ? super Throwable>> toRun;
            synchronized (handlers) {
                finished = true;
                outcome = value;
                failure = error == null ? null : unwrap(error);
                toRun = List.copyOf(handlers);
                handlers.clear();
            }
            for (BiConsumer<? super T, ? super Throwable> h : toRun) {
                h.accept(value, failure);
            }
            if (failure == null) {
                done.complete(value);
            } else {
                done.completeExceptionally(failure);
            }
        }));
    }

    /**
     * Runs {@code handler} on the UI thread when the job ends (value or error), in registration order, before
     * {@link #result()} completes; so whoever waits on the result sees the view model already updated.
     */
    public FxTask<T> whenDone(BiConsumer<? super T, ? super Throwable> handler) {
        boolean now;
        synchronized (handlers) {
            now = finished;
            if (!now) {
                handlers.add(handler);
            }
        }
        if (now) {
            handler.accept(outcome, failure);
        }
        return this;
    }

    /** Calls {@code listener} on the UI thread with the newest progress, coalesced as {@link #progressProperty()}. */
    public FxTask<T> onProgress(Consumer<? super Progress> listener) {
        progressListeners.add(listener);
        return this;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Completes on the UI thread, after the progress properties were updated and the handlers ran. */
    public CompletableFuture<T> result() {
        return done;
    }

    /** Runs {@code action} with the value on the UI thread if the job succeeds; a null action does nothing. */
    public FxTask<T> onSuccess(Consumer<T> action) {
        if (action == null) {
            return this;
        }
        return whenDone((v, e) -> {
            if (e == null) {
                action.accept(v);
            }
        });
    }

    /** Runs {@code action} with the unwrapped error on the UI thread if the job fails; a null action does nothing. */
    public FxTask<T> onFailure(Consumer<Throwable> action) {
        if (action == null) {
            return this;
        }
        return whenDone((v, e) -> {
            if (e != null) {
                action.accept(e);
            }
        });
    }

    public void cancel() {
        handle.cancel();
    }

    public static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
