package io.atlasonboard.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.atlasonboard.core.claims.AuthorizationDomains;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.claims.DomainsException;
import io.atlasonboard.core.claims.HandoffSheet;
import io.atlasonboard.core.claims.HandoffSheets;
import io.atlasonboard.core.dns.DnsAsk;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.core.store.DomainClaimRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dns handoff}: the sheet for the DNS team, as a printable HTML page and/or plain text for a ticket. */
@Command(name = "handoff", mixinStandardHelpOptions = true,
        description = "Write the sheet for the DNS team: every TXT record to create for the provider's claims on "
                + "DOMAIN (name, type, value, TTL, deadline), the CAA line when GlobalSign is not allowed yet, a dig "
                + "command per authoritative server, and what to answer back.")
public final class DnsHandoffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ProviderSession.Name providerName;

    @Parameters(arity = "1..*", paramLabel = "DOMAIN", description = "Claimed domains (claim them first).")
    List<String> domainArgs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE.html", description = "Write the printable HTML page here.")
    Path out;

    @Option(names = "--text", paramLabel = "FILE.txt", description = "Write the plain-text variant here ('-' for "
            + "standard output).")
    String text;

    @Option(names = "--auth-domain", paramLabel = "ADN",
            description = "Place the records on this authorization domain (checked against GlobalSign's list).")
    String authDomain;

    @Option(names = "--bootstrap", paramLabel = "HOST[:PORT]",
            description = "Resolver used to find the zones, their name servers and CAA records (default: the "
                    + "system's).")
    String bootstrap;

    @Option(names = "--auth-port", paramLabel = "N", defaultValue = "53",
            description = "Port of the authoritative servers (default: ${DEFAULT-VALUE}).")
    int authPort;

    @Option(names = "--force", description = "Replace existing output files.")
    boolean force;

    @CommandLine.Mixin
    DnsCommand.Timing timing = new DnsCommand.Timing();

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (out == null && text == null) {
            throw new CommandLine.ParameterException(cl, "Give --out FILE.html and/or --text FILE.txt");
        }
        if (authPort < 1 || authPort > 65535) {
            throw new CommandLine.ParameterException(cl, "--auth-port must be 1..65535");
        }
        List<String> names = DnsClaimCommands.domains(cl, domainArgs);
        List<ResolverSpec> boot = bootstrap == null ? List.of()
                : DnsCommand.parseServers(cl, List.of(bootstrap), "--bootstrap");
        PropagationChecker.Builder pb = PropagationChecker.builder().authoritativePort(authPort)
                .timeout(timing.timeout(cl)).retries(timing.retries);
        if (!boot.isEmpty()) {
            pb.bootstrap(boot);
        }
        if (out != null) {
            CliFiles.checkOutput(out, force);
        }
        if (text != null && !"-".equals(text)) {
            CliFiles.checkOutput(Path.of(text), force);
        }
        HandoffSheet sheet;
        try (ProviderSession s = ProviderSession.open(spec, providerName.value)) {
            ClaimService svc = new ClaimService(s.store, s.provider, s.client);
            List<DomainClaimRecord> recs = new ArrayList<>();
            Map<String, String> adns = new LinkedHashMap<>();
            for (String d : names) {
                DomainClaimRecord r = svc.current(d).orElseThrow(() -> new CliException("Provider '"
                        + providerName.value + "' has no claim for " + d + "; run 'dns claim' first"));
                recs.add(r);
                if (authDomain != null) {
                    adns.put(r.domain(), new AuthorizationDomains(s.client).choose(r, authDomain));
                }
            }
            sheet = new HandoffSheets(pb.build(), new DnsAsk(boot, timing.timeout(cl), timing.retries),
                    s.provider.intendedUse()).build(s.provider.name(), recs, adns, Instant.now());
        } catch (DomainsException e) {
            throw new CliException(e.getMessage());
        }
        if (out != null) {
            CliFiles.writeAtomically(out, sheet.html().getBytes(StandardCharsets.UTF_8), false, force);
            cl.getOut().println("Wrote " + out + " (" + sheet.entries().size() + " record(s))");
        }
        if ("-".equals(text)) {
            cl.getOut().print(sheet.text());
        } else if (text != null) {
            CliFiles.writeAtomically(Path.of(text), sheet.text().getBytes(StandardCharsets.UTF_8), false, force);
            cl.getOut().println("Wrote " + text);
        }
        cl.getOut().flush();
        return 0;
    }
}
