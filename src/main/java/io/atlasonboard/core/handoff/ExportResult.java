package io.atlasonboard.core.handoff;

import java.nio.file.Path;
import java.util.List;

/**
 * A written and re-checked bundle: the folder, every file (with its secret flag), the checks that passed, and
 * warnings for the person (e.g. an unencrypted key). The same list is in the bundle's {@code MANIFEST.json}.
 */
public record ExportResult(ExportFormat format, Path folder, List<ExportedFile> files, List<String> checks,
                           List<String> warnings) {
    public ExportResult {
        files = List.copyOf(files);
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
    }

    /** A text summary (no secret values: only file names). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Exported for ").append(format.label()).append(" to ").append(folder).append('\n');
        for (ExportedFile f : files) {
            sb.append(String.format("  %-28s %-7s %s%n", f.name(), f.secret() ? "SECRET" : "", f.description()));
        }
        for (String c : checks) {
            sb.append("Checked: ").append(c).append('\n');
        }
        for (String w : warnings) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }
}
