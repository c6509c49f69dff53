package io.atlasonboard.ui.common;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import io.atlasonboard.core.tasks.BackgroundJob;
import io.atlasonboard.core.tasks.TaskService;

/**
 * The UI's one task bridge, the type features are given: core work runs on the {@link TaskService}, and the returned
 * {@link FxTask} hands progress ({@link FxTask#progressProperty()}, {@link FxTask#onProgress}, coalesced) and the
 * outcome ({@link FxTask#onSuccess}, {@link FxTask#onFailure}, {@link FxTask#whenDone}) back on the UI executor:
 * {@code Platform::runLater} in the application, a direct executor in view-model tests. {@link FxTask#cancel()}
 * cancels the job. One call style everywhere:
 * <pre>{@code jobs.run(title, p -> work(p)).onSuccess(this::show).onFailure(e -> error.set(I18n.text(e)));}</pre>
 */
public interface UiJobs {

    /** Runs {@code job} in the background; everything the returned task reports happens on the UI executor. */
    <T> FxTask<T> run(String title, BackgroundJob<T> job);

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
