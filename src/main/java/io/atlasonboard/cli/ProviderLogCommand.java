package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.atlasonboard.core.providers.AuditTrail;
import io.atlasonboard.core.store.AuditEntry;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code provider log NAME [--since D] [--csv]}: the audit trail of a provider's API calls. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "The provider's API calls (time, method, path, HTTP status, duration, problem id); no secrets.")
final class ProviderLogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The provider's name.")
    String name;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only calls within this time back "
            + "(e.g. 30m, 24h, 7d, PT2H).")
    String since;

    @Option(names = "--csv", description = "CSV for a support ticket (header line, ISO-8601 UTC times).")
    boolean csv;

    @Override
    public Integer call() {
        Duration window = null;
        if (since != null) {
            try {
                window = AuditTrail.parseDuration(since);
            } catch (IllegalArgumentException e) {
                throw new CliException("--since: " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = CliStore.open(spec)) {
            ProviderRecord p = CliStore.provider(store, name);
            List<AuditEntry> entries = AuditTrail.since(store.audit(), p.id(), window, Instant.now());
            if (csv) {
                out.print(AuditTrail.csv(entries));
            } else if (entries.isEmpty()) {
                out.println("No API calls recorded for '" + p.name() + "'" + (since == null ? "" : " in the last "
                        + since) + ".");
            } else {
                String fmt = "%-23s %-6s %-6s %8s  %-24s %s%n";
                out.printf(fmt, "TIME (UTC)", "METHOD", "STATUS", "MS", "PROBLEM ID", "PATH");
                for (AuditEntry e : entries) {
                    out.printf(fmt, ProviderSession.when(e.at()), e.method(),
                            e.status() == null ? "-" : e.status().toString(), e.duration().toMillis(),
                            e.problemId() != null ? e.problemId() : e.transportError() != null
                                    ? "(" + e.transportError() + ")" : "-", e.path());
                }
            }
            out.flush();
            return 0;
        }
    }
}
