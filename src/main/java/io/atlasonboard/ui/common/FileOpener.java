package io.atlasonboard.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Picks a file to open or a place to save (native choosers in the app, scripted paths in tests). The shell's
 * {@code FileDialogs} adapts with {@code (title, patterns) -> dialogs.open(window, title, List.of(new Filter(title, patterns)))}.
 */
public interface FileOpener {
    Optional<Path> open(String title, List<String> patterns);

    /** Where to save; the default implementation offers no choice. */
    default Optional<Path> save(String title, String suggestedName, List<String> patterns) {
        return Optional.empty();
    }

    /** A folder to write into; the default implementation offers no choice. */
    default Optional<Path> folder(String title) {
        return Optional.empty();
    }
}
