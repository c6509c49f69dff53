package io.atlasonboard.ui.shell;

import io.atlasonboard.ui.common.FileDialogs;
import io.atlasonboard.ui.common.FxTasks;

import io.atlasonboard.core.tasks.TaskService;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The composition root's parts, wired by hand: the data folder, the task service, the UI-thread bridge, file dialogs
 * and the clock. Tests build their own with a temporary home and scripted file dialogs.
 */
public record AppContext(Path home, TaskService taskService, FxTasks fxTasks, FileDialogs fileDialogs, Clock clock) {
}
