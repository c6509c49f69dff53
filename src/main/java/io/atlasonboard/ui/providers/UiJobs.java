package io.atlasonboard.ui.providers;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.atlasonboard.core.tasks.BackgroundJob;
import io.atlasonboard.core.tasks.Progress;
import io.atlasonboard.core.tasks.TaskHandle;
import io.atlasonboard.core.tasks.TaskService;

/**
 * How the provider, DNS and certificate view models run core work: on the {@link TaskService}, with progress and the
 * outcome delivered through the UI executor ({@code Platform::runLater} in the app, a direct executor in tests).
 * The shell's {@code FxTasks} maps onto this with {@code UiJobs.of(fxTasks.taskService(), fxTasks.uiExecutor())}.
 */
public interface UiJobs {

    /** Runs {@code job} in the background; every callback runs on the UI executor. Returns the handle (cancel). */
    <T> TaskHandle<T> run(String title, BackgroundJob<T> job, Consumer<Progress> onProgress, Consumer<T> onSuccess,
            Consumer<Throwable> onFailure);

    /** Runs {@code r} on the UI thread (for listeners called from workers). */
    void onUi(Runnable r);

    static UiJobs of(TaskService tasks, Executor ui) {
        Objects.requireNonNull(tasks);
        Objects.requireNonNull(ui);
        return new UiJobs() {
            @Override
            public <T> TaskHandle<T> run(String title, BackgroundJob<T> job, Consumer<Progress> onProgress,
                    Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                TaskHandle<T> h = tasks.submit(title, job);
                if (onProgress != null) {
                    h.onProgress(p -> ui.execute(() -> onProgress.accept(p)));
                }
                h.result().whenComplete((v, e) -> ui.execute(() -> {
                    if (e == null) {
                        if (onSuccess != null) {
                            onSuccess.accept(v);
                        }
                    } else if (onFailure != null) {
                        onFailure.accept(unwrap(e));
                    }
                }));
                return h;
            }

            @Override
            public void onUi(Runnable r) {
                ui.execute(r);
            }
        };
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** A readable sentence for an error (never a stack trace). */
    static String describe(Throwable t) {
        Throwable e = unwrap(t);
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
