package io.atlasonboard.ui;

import io.atlasonboard.core.tasks.Progress;
import io.atlasonboard.core.tasks.TaskHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** A background job seen from the UI thread: progress properties and a result future completed on the UI thread. */
public final class FxTask<T> {
    private final TaskHandle<T> handle;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(true);
    private final CompletableFuture<T> done = new CompletableFuture<>();
    private final AtomicReference<Progress> pending = new AtomicReference<>();

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
                    }
                });
            }
        });
        handle.result().whenComplete((value, error) -> ui.execute(() -> {
            running.set(false);
            if (error == null) {
                progress.set(1);
                done.complete(value);
            } else {
                done.completeExceptionally(unwrap(error));
            }
        }));
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

    /** Completes on the UI thread, after the progress properties were updated. */
    public CompletableFuture<T> result() {
        return done;
    }

    public FxTask<T> onSuccess(Consumer<T> action) {
        done.thenAccept(action);
        return this;
    }

    public FxTask<T> onFailure(Consumer<Throwable> action) {
        done.exceptionally(e -> {
            action.accept(unwrap(e));
            return null;
        });
        return this;
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
