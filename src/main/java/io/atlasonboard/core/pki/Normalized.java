package io.atlasonboard.core.pki;

import java.util.List;

/**
 * A normalised value and what was changed to get there, in words for the user
 * (e.g. "removed the scheme https://"). {@code changes} is empty when the input was used as typed.
 */
public record Normalized(String value, List<String> changes) {
    public Normalized {
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
