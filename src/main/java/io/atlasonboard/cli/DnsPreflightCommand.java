package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.atlasonboard.core.claims.Preflight;
import io.atlasonboard.core.claims.PreflightFinding;
import io.atlasonboard.core.claims.PreflightReport;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dns preflight}: what would make GlobalSign refuse issuance for these names (CAA, DNSSEC, delegation). */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {"Before claiming: check each DOMAIN's CAA records (may GlobalSign issue? RFC 8659 tree "
                + "climbing and CNAMEs; issuewild for *. names; issuemail for an S/MIME provider), DNSSEC (unsigned, "
                + "signed and valid, or bogus), and the zone's delegation (every name server answers "
                + "authoritatively). One finding per line: DOMAIN: OK|NOTE|WARNING|BLOCKING CHECK: text.",
                "Exit status 0 when nothing blocks issuance, 1 when something does."})
public final class DnsPreflightCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--provider", paramLabel = "NAME",
            description = "The provider the certificates are for (its intended use decides issue vs issuemail); "
                    + "default: TLS.")
    String provider;

    @Option(names = "--smime", description = "Check for S/MIME (CAA issuemail) without naming a provider.")
    boolean smime;

    @Option(names = "--resolver", paramLabel = "HOST[:PORT]",
            description = "Resolver for the lookups (default: the system's); repeatable.")
    List<String> resolvers = new ArrayList<>();

    @Option(names = "--validating-resolver", paramLabel = "HOST[:PORT]",
            description = "DNSSEC-validating resolver for the DNSSEC verdict (default: the --resolver ones).")
    List<String> validating = new ArrayList<>();

    @Option(names = "--auth-port", paramLabel = "N", defaultValue = "53",
            description = "Port on which the zones' name servers are asked (default: ${DEFAULT-VALUE}).")
    int authPort;

    @CommandLine.Mixin
    DnsCommand.Timing timing = new DnsCommand.Timing();

    @Parameters(arity = "1..*", paramLabel = "DOMAIN",
            description = "Names to check (wildcards such as *.example.com allowed; for S/MIME a mail domain or "
                    + "an address).")
    List<String> domainArgs = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        Duration timeout = timing.timeout(cl);
        if (authPort < 1 || authPort > 65535) {
            throw new CommandLine.ParameterException(cl, "--auth-port must be 1..65535");
        }
        List<String> names;
        try {
            names = Preflight.names(domainArgs);
        } catch (InvalidInputException e) {
            throw new CommandLine.ParameterException(cl, "Invalid DOMAIN: " + e.getMessage());
        }
        IntendedUse use = smime ? IntendedUse.SMIME : IntendedUse.TLS;
        if (provider != null) {
            if (smime) {
                throw new CommandLine.ParameterException(cl, "--smime and --provider exclude each other: the "
                        + "provider's intended use decides");
            }
            try (Store store = CliStore.open(spec)) {
                use = CliStore.provider(store, provider).intendedUse();
            }
        }
        Preflight p = Preflight.builder()
                .resolvers(DnsCommand.parseServers(cl, resolvers, "--resolver"))
                .validatingResolvers(DnsCommand.parseServers(cl, validating, "--validating-resolver"))
                .authoritativePort(authPort).timeout(timeout).retries(timing.retries).intendedUse(use).build();
        PrintWriter out = cl.getOut();
        PreflightReport report = p.run(names);
        out.print(report.describe());
        List<String> lines = report.caaLinesToAdd();
        if (!lines.isEmpty()) {
            out.println("CAA lines to add (zone-file form):");
            for (String l : lines) {
                out.println("  " + l);
            }
        }
        long blocking = report.findings().stream().filter(f -> f.level() == PreflightFinding.Level.BLOCKING).count();
        out.flush();
        if (blocking > 0) {
            cl.getErr().println("Error: " + blocking + " finding(s) block issuance");
            cl.getErr().flush();
            return 1;
        }
        return 0;
    }
}
