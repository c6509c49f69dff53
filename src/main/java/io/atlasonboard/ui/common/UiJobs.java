package io.atlasonboard.ui.common;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.atlasonboard.core.tasks.BackgroundJob;
import io.atlasonboard.core.tasks.Progress;
import io.atlasonboard.core.tasks.TaskHandle;
import io.atlasonboard.core.tasks.TaskService;

/**
 * The callback style of the one task bridge ({@link FxTasks}): core work on the {@link TaskService}, progress and the
 * outcome delivered through the UI executor ({@code Platform::runLater} in the app, a direct executor in tests).
 */
public interface UiJobs {

    /** Runs {@code job} in the background; every callback runs on the UI executor. Returns the handle (cancel). */
    <T> TaskHandle<T> run(String title, BackgroundJob<T> job, Consumer<Progress> onProgress, Consumer<T> onSuccess,
            Consumer<Throwable> onFailure);

    /** Runs {@code r} on the UI thread (for listeners called from workers). */
    void onUi(Runnable r);

    /** The bridge ({@link FxTasks}) over a task service and a UI executor. */
    static UiJobs of(TaskService tasks, Executor ui) {
        return new FxTasks(tasks, ui);
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
        if (e instanceof io.atlasonboard.core.Localized l && l.msg() != null) {
            return I18n.text(l.msg()); // in the user's language
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
