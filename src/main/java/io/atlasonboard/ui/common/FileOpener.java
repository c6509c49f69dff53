package io.atlasonboard.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The UI's one file-dialog service: picks a file to open, a place to save or a folder. Features never pass a window:
 * the shell supplies the owner ({@link NativeFileDialogs} over the main window in the app; tests script the paths).
 * A filter is given as its patterns (the dialog's title names it) or as a {@link Filter} with its own description.
 */
public interface FileOpener {
    /** A filter as shown to the user, e.g. ("Certificates", List.of("*.pem", "*.crt")). */
    record Filter(String description, List<String> patterns) {
    }

    Optional<Path> open(String title, List<String> patterns);

    /** Where to save; the default implementation offers no choice. */
    default Optional<Path> save(String title, String suggestedName, List<String> patterns) {
        return Optional.empty();
    }

    /** A folder to write into; the default implementation offers no choice. */
    default Optional<Path> folder(String title) {
        return Optional.empty();
    }

    /** Opens with a described filter; implementations that cannot show the description use its patterns. */
    default Optional<Path> open(String title, Filter filter) {
        return open(title, filter.patterns());
    }

    /** Saves with a described filter; implementations that cannot show the description use its patterns. */
    default Optional<Path> save(String title, String suggestedName, Filter filter) {
        return save(title, suggestedName, filter.patterns());
    }
}
