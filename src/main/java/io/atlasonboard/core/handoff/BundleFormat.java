package io.atlasonboard.core.handoff;

import java.nio.file.Path;
import java.util.List;

/** One export target: plans its files in memory, then checks the written files by reading them back. */
interface BundleFormat {
    void plan(ExportMaterial m, ExportOptions o, Bundle b, List<String> warnings);

    /** Reads the written bundle back; throws {@link ExportException} on the first problem; adds what it checked. */
    void check(ExportMaterial m, ExportOptions o, Path folder, List<String> checks);
}
