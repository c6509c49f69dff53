package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.atlasonboard.core.claims.ClaimResult;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.claims.DomainsException;
import io.atlasonboard.core.claims.VerifyResult;
import io.atlasonboard.core.dns.TxtRecordPresentation;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.store.DomainClaimRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dns claim}, {@code dns status}, {@code dns verify}: domain claims of a provider (ATLAS-API.md section 5).
 * Nested commands registered under {@link DnsCommand}; they find the root options by walking up.
 */
public final class DnsClaimCommands {
    private DnsClaimCommands() {
    }

    static List<String> domains(CommandLine cl, List<String> in) {
        try {
            return ClaimService.normaliseDomains(in);
        } catch (InvalidInputException e) {
            throw new CommandLine.ParameterException(cl, "Invalid DOMAIN: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ claim

    @Command(name = "claim", mixinStandardHelpOptions = true,
            description = {"Create a GlobalSign domain claim for each DOMAIN (an existing claim of the provider is "
                    + "reused) and print the TXT record to publish: host, value and deadline.",
                    "With --reassert, ask GlobalSign for a new token and deadline for the existing claims (after the "
                            + "deadline passed); the new token replaces the old one."})
    public static final class Claim implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ProviderSession.Name providerName;

        @Option(names = "--reassert", description = "Reassert the existing claims (new token and deadline).")
        boolean reassert;

        @Option(names = "--auth-domain", paramLabel = "ADN",
                description = "Prove control through this authorization domain (a parent of DOMAIN that GlobalSign "
                        + "lists for the claim): the TXT record goes there. Use --list-auth-domains to see them.")
        String authDomain;

        @Option(names = "--list-auth-domains", description = "Print the authorization domains usable for each claim.")
        boolean listAuthDomains;

        @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
                description = "Domains claimed at the same time (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Parameters(arity = "1..*", paramLabel = "DOMAIN", description = "Domain names to claim, e.g. example.com.")
        List<String> domainArgs = new ArrayList<>();

        @Override
        public Integer call() {
            if (concurrency < 1 || concurrency > 16) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--concurrency must be 1..16");
            }
            List<String> names = domains(spec.commandLine(), domainArgs);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int failed = 0;
            try (ProviderSession s = ProviderSession.open(spec, providerName.value)) {
                ClaimService svc = new ClaimService(s.store, s.provider, s.client).concurrency(concurrency);
                Instant now = Instant.now();
                if (reassert) {
                    for (String d : names) {
                        try {
                            DomainClaimRecord old = svc.current(d).orElse(null);
                            DomainClaimRecord r = svc.reassert(d);
                            out.println(d + ": claim " + r.claimId() + " reasserted, status " + r.status()
                                    + (old != null && old.token() != null && !old.token().equals(r.token())
                                    ? " (new token replaces the old one)" : ""));
                            print(out, r, now);
                        } catch (DomainsException | java.util.NoSuchElementException e) {
                            failed++;
                            err.println(d + ": " + e.getMessage());
                        }
                    }
                } else {
                    for (ClaimResult r : svc.claim(names, CliCancellation.sink(null))) {
                        if (!r.ok()) {
                            failed++;
                            err.println(r.domain() + ": " + r.error());
                            continue;
                        }
                        out.println(r.domain() + ": claim " + r.claim().claimId() + (r.created() ? " created"
                                : " (existing)") + ", status " + r.claim().status());
                        if (authDomain != null || listAuthDomains) {
                            try {
                                String chosen = DnsVerifyMethods.printAuthDomains(out, s.client, r.claim(),
                                        authDomain, now);
                                if (chosen != null) { // kept with the claim: dns verify and the UI use it
                                    s.store.domainClaims().setAuthorizationDomain(s.provider.id(),
                                            r.claim().claimId(), chosen);
                                }
                            } catch (DomainsException e) {
                                failed++;
                                err.println(r.domain() + ": " + e.getMessage());
                            }
                            if (authDomain != null) {
                                continue;
                            }
                        }
                        print(out, r.claim(), now);
                    }
                }
                out.flush();
            }
            if (failed > 0) {
                throw new CliException(failed + " of " + names.size() + " domain(s) could not be claimed");
            }
            return 0;
        }

        static void print(PrintWriter out, DomainClaimRecord r, Instant now) {
            if ("VERIFIED".equals(r.status())) {
                out.println("  Verified; expires " + ProviderSession.when(r.expiresAt()));
                return;
            }
            TxtRecordPresentation p = ClaimService.presentation(r);
            out.println("  Host:     " + p.host());
            out.println("  Type:     TXT");
            out.println("  Value:    " + p.value());
            out.println("  TTL:      " + p.suggestedTtl().toSeconds() + " (suggested)");
            out.println("  Deadline: " + ProviderSession.when(r.assertBy()) + " ("
                    + ProviderSession.countdown(r.assertBy(), now) + ")");
            out.println("  Zone file line: " + p.zoneFileLine());
        }
    }

    // ------------------------------------------------------------------------------------------------ status

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the provider's domain claims (refreshed from GlobalSign): status, assert-by deadline, "
                    + "expiry and the last log entry.")
    public static final class Status implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ProviderSession.Name providerName;

        @Option(names = "--local", description = "Only what the store knows; do not ask GlobalSign.")
        boolean local;

        @Option(names = "--log", description = "Print each claim's whole log.")
        boolean fullLog;

        @Parameters(arity = "0..*", paramLabel = "DOMAIN", description = "Only these domains (default: all).")
        List<String> domainArgs = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> names = domainArgs.isEmpty() ? List.of() : domains(spec.commandLine(), domainArgs);
            PrintWriter out = spec.commandLine().getOut();
            try (ProviderSession s = ProviderSession.open(spec, providerName.value)) {
                ClaimService svc = new ClaimService(s.store, s.provider, s.client);
                List<DomainClaimRecord> recs;
                try {
                    if (names.isEmpty()) {
                        recs = local ? svc.list() : svc.refreshAll();
                    } else {
                        recs = new ArrayList<>();
                        for (String d : names) {
                            DomainClaimRecord r = svc.current(d).orElseThrow(() -> new CliException("Provider '"
                                    + providerName.value + "' has no claim for " + d + "; create one with 'dns claim'"));
                            recs.add(r);
                        }
                        if (!local) {
                            recs = svc.refresh(names);
                        }
                    }
                } catch (DomainsException e) {
                    throw new CliException(e.getMessage());
                }
                if (recs.isEmpty()) {
                    out.println("Provider '" + providerName.value + "' has no domain claims.");
                    return 0;
                }
                Instant now = Instant.now();
                Map<String, Instant> adopted = s.store.domainClaims().adopted(s.provider.id());
                out.printf("%-40s %-9s %-32s %s%n", "DOMAIN", "STATUS", "CLAIM ID", "DEADLINE / EXPIRY");
                for (DomainClaimRecord r : recs) {
                    String when = "VERIFIED".equals(r.status())
                            ? "expires " + ProviderSession.when(r.expiresAt())
                            : r.assertBy() == null ? "" : "assert by " + ProviderSession.when(r.assertBy()) + " ("
                                    + ProviderSession.countdown(r.assertBy(), now) + ")";
                    out.printf("%-40s %-9s %-32s %s%n", r.domain(), r.status(), r.claimId(), when);
                    Instant adoptedAt = adopted.get(r.claimId());
                    if (adoptedAt != null) {
                        out.println("    adopted from GlobalSign " + ProviderSession.when(adoptedAt)
                                + ": the claim existed there but not in this store (made elsewhere, or a run that"
                                + " stopped before saving it)");
                    }
                    DnsVerifyMethods.printLifetime(out, r, now);
                    List<io.atlasonboard.core.atlas.Claim.LogEntry> log = ClaimService.log(r);
                    List<io.atlasonboard.core.atlas.Claim.LogEntry> show = fullLog ? log
                            : log.isEmpty() ? List.of() : List.of(log.get(log.size() - 1));
                    for (var e : show) {
                        out.println("    " + ProviderSession.when(Instant.ofEpochSecond(e.timestamp())) + " "
                                + e.status() + " " + e.description());
                    }
                }
                out.flush();
            }
            return 0;
        }
    }

    // ------------------------------------------------------------------------------------------------ verify

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Ask GlobalSign to check each DOMAIN's TXT record and wait for the outcome (at most 4 "
                    + "domains at once; rate limits are respected). Prints VERIFIED, PENDING or ERROR per domain.",
                    "Exit status 0 only when every domain is VERIFIED."})
    public static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ProviderSession.Name providerName;

        @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "60s", converter = CliWait.Converter.class,
                description = "How long to wait for GlobalSign's check per domain, e.g. 90s, 5m, 1h (default: "
                        + "${DEFAULT-VALUE}; a number alone is seconds).")
        Duration wait;

        @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
                description = "Domains checked at the same time (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Parameters(arity = "1..*", paramLabel = "DOMAIN", description = "Claimed domains to verify.")
        List<String> domainArgs = new ArrayList<>();

        @Option(names = "--auth-domain", paramLabel = "ADN",
                description = "The authorization domain holding the proof (TXT record, or web server for http).")
        String authDomain;

        @CommandLine.Mixin
        DnsVerifyMethods.Options methods = new DnsVerifyMethods.Options();

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            if (!"dns".equals(methods.method)) {
                return DnsVerifyMethods.verify(spec, providerName.value, domains(cl, domainArgs), authDomain,
                        methods, wait);
            }
            if (concurrency < 1 || concurrency > 16) {
                throw new CommandLine.ParameterException(cl, "--concurrency must be 1..16");
            }
            List<String> names = domains(cl, domainArgs);
            PrintWriter out = cl.getOut();
            Map<String, VerifyResult> res;
            try (ProviderSession s = ProviderSession.open(spec, providerName.value)) {
                ClaimService svc = new ClaimService(s.store, s.provider, s.client).concurrency(concurrency);
                // without --auth-domain: the authorization domain stored with each claim (chosen in the DNS step)
                Map<String, String> adns = authDomain != null
                        ? DnsVerifyMethods.authDomains(svc, s.client, names, authDomain)
                        : s.store.domainClaims().authorizationDomains(s.provider.id());
                java.util.Set<String> open = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>(names));
                try (CliWait.Ticker ticker = CliWait.progress(cl.getErr(), wait, () -> {
                    synchronized (open) {
                        return open.isEmpty() ? null : "GlobalSign to verify " + CliWait.names(List.copyOf(open));
                    }
                })) {
                res = svc.verify(names, new ClaimService.VerifyOptions(wait, (d, r) -> {
                    open.remove(d);
                    synchronized (out) {
                        out.println(d + ": " + r.describe());
                        if (r.reassertNeeded()) {
                            out.println("  Run: dns claim --provider " + providerName.value + " --reassert " + d
                                    + " (then publish the new token and verify again)");
                        }
                        out.flush();
                    }
                }).withAuthorizationDomains(adns), CliCancellation.sink(null));
                }
            }
            long ok = res.values().stream().filter(r -> r.state() == VerifyResult.State.VERIFIED).count();
            if (ok < res.size()) {
                throw new CliException((res.size() - ok) + " of " + res.size() + " domain(s) not verified");
            }
            out.println(ok + " of " + res.size() + " domain(s) verified");
            out.flush();
            return 0;
        }
    }
}
