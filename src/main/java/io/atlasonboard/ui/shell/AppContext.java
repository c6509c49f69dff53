package io.atlasonboard.ui.shell;

import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.FxTasks;

import io.atlasonboard.core.tasks.TaskService;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The composition root's parts, wired by hand: the data folder, the task service, the UI-thread bridge, the file dialogs
 * (owned by the main window) and the clock. Tests build their own with a temporary home and scripted file dialogs.
 */
public record AppContext(Path home, TaskService taskService, FxTasks fxTasks, FileOpener fileDialogs, Clock clock) {
}
