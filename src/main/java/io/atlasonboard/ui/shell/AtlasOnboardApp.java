package io.atlasonboard.ui.shell;

import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.FxTasks;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.settings.UiSettings;
import java.util.Locale;
import io.atlasonboard.ui.common.NativeFileDialogs;
import io.atlasonboard.ui.common.Theme;

import io.atlasonboard.core.AppHome;
import io.atlasonboard.core.tasks.TaskService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** JavaFX entry point and composition root: builds the object graph by hand and shows the main window. */
public class AtlasOnboardApp extends Application {
    private TaskService taskService;
    private MainWindow window;
    private Path home;
    private boolean dark;

    public static void launchApp(String[] args) {
        Preload.firstWindow(); // while the toolkit starts
        Application.launch(AtlasOnboardApp.class, args);
    }

    /** Parses {@code --home DIR}; everything else resolves like the command line (ATLAS_ONBOARD_HOME, ~). */
    static Path homeFrom(List<String> args) {
        String explicit = null;
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--home")) {
                explicit = args.get(i + 1);
            }
        }
        return AppHome.resolve(explicit, System.getenv());
    }

    /** Wires the application for a given home; tests call this with their own file dialogs. */
    public static MainWindow compose(Path home, TaskService tasks, FileOpener dialogs, Clock clock) {
        Preload.firstWindow();
        FxTasks fx = new FxTasks(tasks, Platform::runLater);
        return new MainWindow(new AppContext(home, tasks, fx, dialogs, clock));
    }

    /**
     * Before the FX start (on the launcher thread): the saved language becomes the UI's, and the theme is decided
     * (asking the desktop for "System" may take up to about 2 s, so not on the FX thread).
     */
    @Override
    public void init() {
        home = homeFrom(getParameters().getRaw());
        UiSettings settings = UiSettings.load(home);
        I18n.setLocale(settings.language().locale(Locale.getDefault()));
        dark = settings.theme().dark();
    }

    @Override
    public void start(Stage stage) {
        Theme.apply(dark);
        taskService = TaskService.createDefault();
        window = compose(home, taskService, new NativeFileDialogs(() -> stage), Clock.systemUTC());
        window.install(stage);
        if (FrameMark.wanted()) {
            FrameMark.arm(stage);
        }
        stage.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
        if (taskService != null) {
            taskService.close();
        }
    }
}
