package io.atlasonboard.ui.common;

import io.atlasonboard.core.tasks.BackgroundJob;
import io.atlasonboard.core.tasks.TaskHandle;
import io.atlasonboard.core.tasks.TaskService;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Runs core work on the {@link TaskService} and hands progress and results back on the UI thread. The UI executor is
 * injected: {@code Platform::runLater} in the application, a direct executor in view-model tests.
 */
public final class FxTasks {
    private final TaskService tasks;
    private final Executor ui;

    public FxTasks(TaskService tasks, Executor ui) {
        this.tasks = Objects.requireNonNull(tasks);
        this.ui = Objects.requireNonNull(ui);
    }

    public <T> FxTask<T> run(String title, BackgroundJob<T> job) {
        TaskHandle<T> handle = tasks.submit(title, job);
        return new FxTask<>(handle, ui);
    }

    public Executor uiExecutor() {
        return ui;
    }

    public TaskService taskService() {
        return tasks;
    }
}
