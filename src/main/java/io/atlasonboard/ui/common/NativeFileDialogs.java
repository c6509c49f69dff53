package io.atlasonboard.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** JavaFX {@link FileChooser} behind {@link FileDialogs}. */
public final class NativeFileDialogs implements FileDialogs {
    private File lastDirectory;

    @Override
    public Optional<Path> open(Window owner, String title, List<Filter> filters) {
        FileChooser chooser = chooser(title, filters);
        File f = chooser.showOpenDialog(owner);
        return remember(f);
    }

    @Override
    public Optional<Path> save(Window owner, String title, String suggestedName, List<Filter> filters) {
        FileChooser chooser = chooser(title, filters);
        chooser.setInitialFileName(suggestedName);
        File f = chooser.showSaveDialog(owner);
        return remember(f);
    }

    @Override
    public Optional<Path> folder(Window owner, String title) {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle(title);
        if (lastDirectory != null && lastDirectory.isDirectory()) {
            chooser.setInitialDirectory(lastDirectory);
        }
        File f = chooser.showDialog(owner);
        if (f == null) {
            return Optional.empty();
        }
        lastDirectory = f;
        return Optional.of(f.toPath());
    }

    private FileChooser chooser(String title, List<Filter> filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        for (Filter filter : filters) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(filter.description(), filter.patterns()));
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(I18n.t("ui.common.allFiles"), "*"));
        if (lastDirectory != null && lastDirectory.isDirectory()) {
            chooser.setInitialDirectory(lastDirectory);
        }
        return chooser;
    }

    private Optional<Path> remember(File f) {
        if (f == null) {
            return Optional.empty();
        }
        lastDirectory = f.getParentFile();
        return Optional.of(f.toPath());
    }
}
