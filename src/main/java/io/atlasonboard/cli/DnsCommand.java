package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.atlasonboard.core.dns.DnsUpdateException;
import io.atlasonboard.core.dns.DnsUpdater;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.PropagationReport;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.core.dns.ServerResult;
import io.atlasonboard.core.dns.TsigKey;
import io.atlasonboard.core.dns.TsigKeyFile;
import io.atlasonboard.core.dns.TxtCheck;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.tasks.ProgressSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dns ...}: DNS TXT validation helpers. Each subcommand is a nested class listed in {@code subcommands};
 * add more (claim, status, verify) the same way. Subcommands reach the root options through {@link #root()}.
 */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "DNS TXT validation: check propagation, publish the record by RFC 2136 dynamic update.",
        subcommands = {DnsCommand.Check.class, DnsCommand.Publish.class,
                DnsClaimCommands.Claim.class, DnsClaimCommands.Status.class, DnsClaimCommands.Verify.class,
                DnsPreflightCommand.class, DnsHandoffCommand.class})
public final class DnsCommand implements Callable<Integer> {

    @ParentCommand
    Cli root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Cli root() {
        return root;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    static List<ResolverSpec> parseServers(CommandLine cl, List<String> texts, String option) {
        List<ResolverSpec> out = new ArrayList<>();
        for (String t : texts == null ? List.<String>of() : texts) {
            try {
                out.add(ResolverSpec.parse(t));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "Invalid value for " + option + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** What a provider's stored claim gives {@code check} and {@code publish}: the name, the token, the resolvers. */
    record ClaimValue(String domain, String token, List<ResolverSpec> resolvers) {
    }

    /**
     * The value to use for DOMAIN: from {@code --expect}/{@code --value} without a provider, else from the provider's
     * stored claim for DOMAIN (with the resolvers configured for that provider). Giving both is a usage error.
     */
    static ClaimValue value(CommandLine.Model.CommandSpec spec, String provider, String domain, String given,
            String option) {
        return values(spec, provider, List.of(domain), given, option).get(0);
    }

    /** {@link #value} for many names; the provider's store is opened once for all of them. */
    static List<ClaimValue> values(CommandLine.Model.CommandSpec spec, String provider, List<String> domains,
            String given, String option) {
        CommandLine cl = spec.commandLine();
        if (provider == null) {
            if (given == null || given.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "Missing required option: '" + option
                        + "=VALUE' (or --provider NAME to take it from the provider's claim)");
            }
            List<ClaimValue> out = new ArrayList<>();
            for (String d : domains) {
                out.add(new ClaimValue(d, given, List.of()));
            }
            return out;
        }
        if (given != null) {
            throw new CommandLine.ParameterException(cl, option + " and --provider exclude each other: "
                    + "with --provider the value is the provider's claim token");
        }
        List<String> names = DnsClaimCommands.domains(cl, domains);
        try (ProviderSession s = ProviderSession.open(spec, provider)) {
            ClaimService svc = new ClaimService(s.store, s.provider, s.client);
            List<ResolverSpec> resolvers;
            try {
                resolvers = svc.configuredResolvers();
            } catch (IllegalArgumentException e) {
                throw new CliException("Provider '" + s.provider.name() + "' has an invalid resolver setting: "
                        + e.getMessage());
            }
            List<ClaimValue> out = new ArrayList<>();
            for (String name : names) {
                DomainClaimRecord r = svc.current(name).orElseThrow(() -> new CliException("Provider '"
                        + s.provider.name() + "' has no claim for " + name + "; run 'dns claim --provider "
                        + provider + " " + name + "' first"));
                if (r.token() == null || r.token().isEmpty()) {
                    throw new CliException("The claim for " + r.domain() + " has no token; run 'dns status "
                            + "--provider " + provider + " " + r.domain() + "' to refresh it");
                }
                out.add(new ClaimValue(r.domain(), r.token(), resolvers));
            }
            return out;
        }
    }

    /** Options shared by the DNS subcommands for timeouts. */
    static final class Timing {
        @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "2000",
                description = "Time to wait for one DNS answer (default: ${DEFAULT-VALUE}).")
        int timeoutMs;

        @Option(names = "--retries", paramLabel = "N", defaultValue = "1",
                description = "Extra tries after a timeout (default: ${DEFAULT-VALUE}).")
        int retries;

        Duration timeout(CommandLine cl) {
            if (timeoutMs < 1 || timeoutMs > 60_000) {
                throw new CommandLine.ParameterException(cl, "--timeout-ms must be 1..60000");
            }
            if (retries < 0 || retries > 10) {
                throw new CommandLine.ParameterException(cl, "--retries must be 0..10");
            }
            return Duration.ofMillis(timeoutMs);
        }
    }

    // ----------------------------------------------------------------------------------------------- check

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Ask every authoritative name server of each DOMAIN's zone (following CNAMEs) and each "
                    + "--server whether the TXT record with the expected value is there; prints per-server results "
                    + "and n/m for each DOMAIN. Many DOMAINs are checked together in one run.",
                    "Exit status 0 only when every server sees the value for every DOMAIN."})
    public static final class Check implements Callable<Integer> {

        @ParentCommand
        DnsCommand dns;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "DOMAIN",
                description = "The claimed domain(s) (the TXT record's name).")
        List<String> domains;

        @Option(names = "--expect", paramLabel = "VALUE",
                description = "The TXT value to look for, exactly as GlobalSign returned the token (without "
                        + "--provider; the same value for every DOMAIN).")
        String expect;

        @Option(names = "--provider", paramLabel = "NAME",
                description = "Take the value from this provider's claim for DOMAIN and also ask the resolvers "
                        + "configured for the provider.")
        String provider;

        @Option(names = "--server", paramLabel = "HOST[:PORT]",
                description = "An extra resolver to ask (recursion on); repeatable.")
        List<String> servers = new ArrayList<>();

        @Option(names = "--bootstrap", paramLabel = "HOST[:PORT]",
                description = "Resolver used to find the zone and its name servers (default: the system's).")
        String bootstrap;

        @Option(names = "--auth-port", paramLabel = "N", defaultValue = "53",
                description = "Port on which the authoritative servers are asked (default: ${DEFAULT-VALUE}).")
        int authPort;

        @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "0", converter = CliWait.Converter.class,
                description = "Re-check until every server sees the value or this long has passed, e.g. 90s, 5m "
                        + "(default: check once; a number alone is seconds).")
        Duration wait;

        @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5",
                description = "Seconds between checks with --wait (default: ${DEFAULT-VALUE}).")
        int intervalSeconds;

        @CommandLine.Mixin
        Timing timing = new Timing();

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            List<ResolverSpec> given = parseServers(cl, servers, "--server");
            if (authPort < 1 || authPort > 65535) {
                throw new CommandLine.ParameterException(cl, "--auth-port must be 1..65535");
            }
            List<ClaimValue> claims = values(spec, provider, domains, expect, "--expect");
            List<ResolverSpec> extra = new ArrayList<>(claims.get(0).resolvers());
            for (ResolverSpec r : given) {
                if (!extra.contains(r)) {
                    extra.add(r);
                }
            }
            PropagationChecker.Builder b = PropagationChecker.builder().authoritativePort(authPort)
                    .timeout(timing.timeout(cl)).retries(timing.retries);
            if (bootstrap != null) {
                b.bootstrap(parseServers(cl, List.of(bootstrap), "--bootstrap"));
            }
            PropagationChecker checker = b.build();
            PrintWriter out = cl.getOut();
            PrintWriter err = cl.getErr();
            ProgressSink sink = new ProgressSink() {
                @Override
                public void update(double fraction, String message) {
                    err.println(message);
                    err.flush();
                }

                @Override
                public boolean isCancelled() {
                    return CliCancellation.cancelled();
                }
            };
            boolean waiting = !wait.isZero();
            Instant until = Instant.now().plus(wait);
            List<TxtCheck> names = new ArrayList<>();
            for (ClaimValue c : claims) {
                names.add(new TxtCheck(c.domain(), c.token()));
            }
            Duration interval = Duration.ofSeconds(Math.max(1, intervalSeconds));
            List<PropagationReport> reports;
            try {
                if (names.size() == 1) {
                    TxtCheck one = names.get(0);
                    reports = List.of(waiting
                            ? checker.poll(one.domain(), one.expectedValue(), extra, interval, until, sink)
                            : checker.check(one.domain(), one.expectedValue(), extra));
                } else {
                    reports = waiting
                            ? checker.pollAll(names, extra, interval, until, sink, null)
                            : checker.checkAll(names, extra, null, null);
                }
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            List<String> missing = new ArrayList<>();
            for (PropagationReport report : reports) {
                out.print(report.describe());
                if (!report.allSee()) {
                    missing.add(report.domain());
                }
            }
            if (reports.size() > 1) {
                out.println((reports.size() - missing.size()) + " of " + reports.size()
                        + " names are seen by every server");
            }
            out.flush();
            if (missing.isEmpty()) {
                return 0;
            }
            if (reports.size() == 1) {
                PropagationReport report = reports.get(0);
                err.println("Error: " + (report.total() == 0 ? "no server could be asked"
                        + (report.problems().isEmpty() ? "" : ": " + String.join("; ", report.problems()))
                        : "only " + report.summary()));
            } else {
                err.println("Error: " + missing.size() + " of " + reports.size() + " names are not seen by every "
                        + "server: " + String.join(", ", missing.subList(0, Math.min(10, missing.size())))
                        + (missing.size() > 10 ? ", ..." : ""));
            }
            err.flush();
            return 1;
        }
    }

    // ---------------------------------------------------------------------------------------------- publish

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Publish (or with --remove, delete) the TXT record at DOMAIN by RFC 2136 dynamic update "
                    + "signed with a TSIG key. Other TXT records at DOMAIN are kept.")
    public static final class Publish implements Callable<Integer> {

        @ParentCommand
        DnsCommand dns;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DOMAIN", description = "The claimed domain (the TXT record's name).")
        String domain;

        @Option(names = "--value", paramLabel = "VALUE",
                description = "The TXT value (the claim token, exactly; without --provider).")
        String value;

        @Option(names = "--provider", paramLabel = "NAME",
                description = "Take the value from this provider's claim for DOMAIN.")
        String provider;

        @Option(names = "--server", required = true, paramLabel = "HOST[:PORT]",
                description = "The primary name server that accepts updates.")
        String server;

        @Option(names = "--tsig-key", required = true, paramLabel = "FILE",
                description = "Key file as BIND's tsig-keygen writes it.")
        Path tsigKeyFile;

        @Option(names = "--tsig-key-name", paramLabel = "NAME",
                description = "Which key of the file to use (default: the first).")
        String tsigKeyName;

        @Option(names = "--zone", paramLabel = "ZONE", description = "The zone to update (default: ask the server).")
        String zone;

        @Option(names = "--ttl", paramLabel = "SECONDS", defaultValue = "300",
                description = "TTL of the record (default: ${DEFAULT-VALUE}).")
        int ttl;

        @Option(names = "--remove", description = "Delete this value instead of adding it.")
        boolean remove;

        @CommandLine.Mixin
        Timing timing = new Timing();

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            ResolverSpec target = parseServers(cl, List.of(server), "--server").get(0);
            if (ttl < 0 || ttl > 604_800) {
                throw new CommandLine.ParameterException(cl, "--ttl must be 0..604800");
            }
            Duration timeout = timing.timeout(cl);
            TsigKey key = readKey();
            DnsUpdater.Result result;
            String name;
            String v;
            try {
                ClaimValue claim = value(spec, provider, domain, value, "--value");
                name = claim.domain();
                v = claim.token();
                DnsUpdater updater = new DnsUpdater(timeout, timing.retries);
                result = remove ? updater.removeTxt(target, zone, name, v, key)
                        : updater.publishTxt(target, zone, name, v, ttl, key);
            } catch (DnsUpdateException e) {
                throw new CliException(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            } finally {
                key.destroy(); // the secret is wiped as soon as the update is signed and sent
            }
            PrintWriter out = cl.getOut();
            out.println(result.describe());
            ServerResult now = PropagationChecker.builder().bootstrap(target).timeout(timeout)
                    .retries(timing.retries).build().checkServer(target, name, v);
            if (now.outcome() == io.atlasonboard.core.dns.CheckOutcome.ERROR) {
                out.flush();
                cl.getErr().println("Warning: could not confirm on " + target + ": " + now.detail());
                cl.getErr().flush();
                return 0;
            }
            boolean ok = remove ? !now.sees() : now.sees();
            out.println((ok ? "Confirmed: " : "Not confirmed: ") + target + (now.sees() ? " answers" : " does not answer")
                    + " the value");
            out.flush();
            if (!ok) {
                throw new CliException("the server accepted the update but " + (remove ? "still answers" : "does not answer")
                        + " the value: " + now.describe());
            }
            return 0;
        }

        private TsigKey readKey() {
            byte[] bytes = CliFiles.read(tsigKeyFile, TsigKeyFile.MAX_BYTES, "TSIG key");
            try {
                return tsigKeyName == null ? TsigKeyFile.parse(bytes) : TsigKeyFile.parse(bytes, tsigKeyName);
            } catch (IllegalArgumentException e) {
                throw new CliException("TSIG key file " + tsigKeyFile + ": " + e.getMessage());
            } finally {
                java.util.Arrays.fill(bytes, (byte) 0); // the file's bytes, secret included, never became a String
            }
        }
    }
}
