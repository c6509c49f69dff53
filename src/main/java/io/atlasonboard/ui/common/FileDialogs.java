package io.atlasonboard.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/** Where the user picks files. The application uses native choosers; tests inject paths. */
public interface FileDialogs {
    /** A filter as shown to the user, e.g. ("Certificates", List.of("*.pem", "*.crt")). */
    record Filter(String description, List<String> patterns) {
    }

    Optional<Path> open(Window owner, String title, List<Filter> filters);

    Optional<Path> save(Window owner, String title, String suggestedName, List<Filter> filters);

    /** A folder to write into (e.g. an export bundle); the default offers no choice. */
    default Optional<Path> folder(Window owner, String title) {
        return Optional.empty();
    }
}
