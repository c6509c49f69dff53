package io.atlasonboard.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** JavaFX's native choosers behind {@link FileOpener}, owned by the window the shell supplies (may give null). */
public final class NativeFileDialogs implements FileOpener {
    private final Supplier<Window> owner;
    private File lastDirectory;

    public NativeFileDialogs(Supplier<Window> owner) {
        this.owner = Objects.requireNonNull(owner);
    }

    @Override
    public Optional<Path> open(String title, List<String> patterns) {
        return open(title, new Filter(title, patterns));
    }

    @Override
    public Optional<Path> save(String title, String suggestedName, List<String> patterns) {
        return save(title, suggestedName, new Filter(title, patterns));
    }

    @Override
    public Optional<Path> open(String title, Filter filter) {
        FileChooser chooser = chooser(title, filter);
        File f = chooser.showOpenDialog(owner.get());
        return remember(f);
    }

    @Override
    public Optional<Path> save(String title, String suggestedName, Filter filter) {
        FileChooser chooser = chooser(title, filter);
        chooser.setInitialFileName(suggestedName);
        File f = chooser.showSaveDialog(owner.get());
        return remember(f);
    }

    @Override
    public Optional<Path> folder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (lastDirectory != null && lastDirectory.isDirectory()) {
            chooser.setInitialDirectory(lastDirectory);
        }
        File f = chooser.showDialog(owner.get());
        if (f == null) {
            return Optional.empty();
        }
        lastDirectory = f;
        return Optional.of(f.toPath());
    }

    private FileChooser chooser(String title, Filter filter) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(filter.description(), filter.patterns()));
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
