package io.atlasonboard.ui;

import io.atlasonboard.ui.common.FileOpener;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** File dialogs for headless tests: each open/save takes the next queued path, and records what was asked. */
public final class ScriptedFileDialogs implements FileOpener {
    private final Deque<Path> next = new ArrayDeque<>();
    public final List<String> asked = new ArrayList<>();

    public ScriptedFileDialogs answer(Path p) {
        next.add(p);
        return this;
    }

    @Override
    public Optional<Path> open(String title, List<String> patterns) {
        asked.add("open: " + title);
        return take(title);
    }

    @Override
    public Optional<Path> save(String title, String suggestedName, List<String> patterns) {
        asked.add("save: " + title + " [" + suggestedName + "]");
        return take(title);
    }

    private Optional<Path> take(String title) {
        if (next.isEmpty()) {
            throw new AssertionError("The test did not expect a file dialog: " + title);
        }
        return Optional.of(next.poll());
    }
}
