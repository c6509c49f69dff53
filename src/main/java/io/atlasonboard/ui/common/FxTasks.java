package io.atlasonboard.ui.common;

import io.atlasonboard.core.tasks.BackgroundJob;
import io.atlasonboard.core.tasks.TaskHandle;
import io.atlasonboard.core.tasks.TaskService;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The implementation of {@link UiJobs}, the UI's one task bridge: built once by the shell over the application's
 * {@link TaskService} and {@code Platform::runLater}; view-model tests build it over a direct executor.
 */
public final class FxTasks implements UiJobs {
    private final TaskService tasks;
    private final Executor ui;

    public FxTasks(TaskService tasks, Executor ui) {
        this.tasks = Objects.requireNonNull(tasks);
        this.ui = Objects.requireNonNull(ui);
    }

    @Override
    public <T> FxTask<T> run(String title, BackgroundJob<T> job) {
        TaskHandle<T> handle = tasks.submit(title, job);
        return new FxTask<>(handle, ui);
    }

    @Override
    public void onUi(Runnable r) {
        ui.execute(r);
    }

    public Executor uiExecutor() {
        return ui;
    }

    public TaskService taskService() {
        return tasks;
    }
}
