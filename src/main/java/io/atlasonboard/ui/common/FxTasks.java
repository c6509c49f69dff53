package io.atlasonboard.ui.common;

import io.atlasonboard.core.tasks.BackgroundJob;
import io.atlasonboard.core.tasks.TaskHandle;
import io.atlasonboard.core.tasks.TaskService;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import io.atlasonboard.core.tasks.Progress;

/**
 * The UI's one task bridge: runs core work on the {@link TaskService} and hands progress and results back on the UI
 * thread. The UI executor is injected: {@code Platform::runLater} in the application, a direct executor in view-model
 * tests. Two call styles over the same bridge: {@link #run(String, BackgroundJob)} returns an {@link FxTask} with
 * bindable progress; the {@link UiJobs} callback style is used by the provider, DNS and certificate view models.
 */
public final class FxTasks implements UiJobs {
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
                onFailure.accept(UiJobs.unwrap(e));
            }
        }));
        return h;
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
