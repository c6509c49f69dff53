package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atlasonboard.core.atlas.ApproverEmails;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.claims.AlternativeValidation;
import io.atlasonboard.core.claims.AuthorizationDomains;
import io.atlasonboard.core.claims.ClaimLifetime;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.claims.DomainsException;
import io.atlasonboard.core.claims.VerifyResult;
import io.atlasonboard.core.dns.TxtRecordPresentation;
import io.atlasonboard.core.store.DomainClaimRecord;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The parts of {@code dns claim} / {@code dns verify} for authorization domains and for validation over HTTP or by
 * e-mail (issue 9), kept out of {@link DnsClaimCommands} so that file stays small.
 */
final class DnsVerifyMethods {
    private DnsVerifyMethods() {
    }

    /** {@code dns verify} options for HTTP and e-mail validation. */
    static final class Options {
        @Option(names = "--method", paramLabel = "dns|http|email", defaultValue = "dns",
                description = "How GlobalSign checks control: dns (TXT record, default), http (a file on the web "
                        + "server of the authorization domain), email (an approval mail).")
        String method = "dns";

        @Option(names = "--scheme", paramLabel = "http|https", defaultValue = "https",
                description = "For --method http: how GlobalSign fetches the file (default: ${DEFAULT-VALUE}).")
        String scheme = "https";

        @Option(names = "--precheck-url", paramLabel = "URL",
                description = "For --method http: fetch the file from this URL for the pre-check instead of the "
                        + "public one (e.g. a web server not yet in DNS).")
        URI precheckUrl;

        @Option(names = "--no-precheck", description = "For --method http: do not fetch the file first.")
        boolean noPrecheck;

        @Option(names = "--email", paramLabel = "ADDRESS",
                description = "For --method email: the approver address to send the mail to (without it the "
                        + "addresses GlobalSign accepts are listed).")
        String email;
    }

    /** The ADN per domain for {@code dns verify --auth-domain}, each checked against GlobalSign's list. */
    static Map<String, String> authDomains(ClaimService svc, AtlasClient client, List<String> names, String adn) {
        Map<String, String> out = new LinkedHashMap<>();
        if (adn == null) {
            return out;
        }
        AuthorizationDomains adns = new AuthorizationDomains(client);
        for (String d : names) {
            DomainClaimRecord rec = svc.current(d).orElse(null);
            if (rec == null) {
                continue; // verify reports the missing claim
            }
            try {
                out.put(d, adns.choose(rec, adn));
            } catch (DomainsException e) {
                throw new CliException(d + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** {@code dns claim --list-auth-domains / --auth-domain}: the usable ADNs and the record at the chosen one. */
    /** Prints the usable authorization domains and, when {@code adn} is given, the record there; returns the choice. */
    static String printAuthDomains(PrintWriter out, AtlasClient client, DomainClaimRecord rec, String adn,
            Instant now) {
        AuthorizationDomains adns = new AuthorizationDomains(client);
        List<String> usable = adns.usable(rec);
        out.println("  Authorization domains: " + String.join(", ", usable));
        if (adn == null) {
            return null;
        }
        String chosen = adns.choose(rec, adn);
        out.println("  Authorization domain: " + chosen + " (one record there covers " + rec.domain() + ")");
        if ("VERIFIED".equals(rec.status())) {
            out.println("  Verified; expires " + ProviderSession.when(rec.expiresAt()));
            return chosen;
        }
        TxtRecordPresentation p = AuthorizationDomains.presentation(rec, chosen);
        out.println("  Host:     " + p.host());
        out.println("  Type:     TXT");
        out.println("  Value:    " + p.value());
        out.println("  TTL:      " + p.suggestedTtl().toSeconds() + " (suggested)");
        out.println("  Deadline: " + ProviderSession.when(rec.assertBy()) + " ("
                + ProviderSession.countdown(rec.assertBy(), now) + ")");
        out.println("  Zone file line: " + p.zoneFileLine());
        return chosen;
    }

    /**
     * {@code dns status}: for a verified claim, when it was last verified, when it expires, and when re-validation
     * is due under the reuse period in force (with the warning from 30 days before).
     */
    static void printLifetime(PrintWriter out, DomainClaimRecord r, Instant now) {
        if (!"VERIFIED".equals(r.status())) {
            return;
        }
        ClaimLifetime l = ClaimLifetime.of(r, now);
        out.println("    last verified " + ProviderSession.when(l.lastVerifiedAt()) + "; expires "
                + ProviderSession.when(l.expiresAt()) + "; re-validation due " + ProviderSession.when(
                l.revalidationDue()) + " (reuse period now " + l.reusePeriodNow().toDays() + " days)");
        String w = l.warning();
        if (w != null) {
            out.println("    WARNING: " + w);
        }
    }

    /** {@code dns verify --method http|email}. */
    static int verify(CommandLine.Model.CommandSpec spec, String provider, List<String> names, String adn,
            Options o, Duration wait) {
        CommandLine cl = spec.commandLine();
        if (!"http".equals(o.method) && !"email".equals(o.method)) {
            throw new CommandLine.ParameterException(cl, "--method must be dns, http or email");
        }
        if ("http".equals(o.method) && !"http".equals(o.scheme) && !"https".equals(o.scheme)) {
            throw new CommandLine.ParameterException(cl, "--scheme must be http or https");
        }
        if ("email".equals(o.method) && names.size() != 1 && o.email != null) {
            throw new CommandLine.ParameterException(cl, "--email sends to one address: give one DOMAIN");
        }
        PrintWriter out = cl.getOut();
        int ok = 0;
        try (ProviderSession s = ProviderSession.open(spec, provider)) {
            ClaimService svc = new ClaimService(s.store, s.provider, s.client);
            AlternativeValidation alt = new AlternativeValidation(svc, s.client);
            Map<String, String> adns = authDomains(svc, s.client, names, adn);
            for (String d : names) {
                DomainClaimRecord rec = svc.current(d).orElseThrow(() -> new CliException("Provider '" + provider
                        + "' has no claim for " + d + "; create one first (dns claim)"));
                VerifyResult r;
                if ("http".equals(o.method)) {
                    AlternativeValidation.HttpFile f = AlternativeValidation.httpFile(rec, adns.get(d), o.scheme);
                    out.println(d + ": publish the file " + f.url());
                    out.println("  Content: " + f.content());
                    if (!o.noPrecheck) {
                        AlternativeValidation.Precheck pc = AlternativeValidation.precheck(f, o.precheckUrl,
                                Duration.ofSeconds(10));
                        out.println("  Pre-check: " + (pc.ok() ? "OK, " : "FAILED, ") + pc.detail());
                        if (!pc.ok()) {
                            out.flush();
                            throw new CliException(d + ": the file is not served as GlobalSign needs it; not asking "
                                    + "GlobalSign yet");
                        }
                    }
                    out.flush();
                    try (CliWait.Ticker t = CliWait.progress(cl.getErr(), wait, () -> "GlobalSign to verify " + d)) {
                        r = alt.verifyHttp(rec, adns.get(d), o.scheme, wait);
                    }
                } else {
                    if (o.email == null) {
                        out.println(d + ": approver addresses (source):");
                        for (ApproverEmails.Address a : alt.approverAddresses(rec)) {
                            out.println("  " + a.email() + " (" + a.source() + ")");
                        }
                        continue;
                    }
                    out.println(d + ": sending the approval mail to " + o.email);
                    out.flush();
                    try (CliWait.Ticker t = CliWait.progress(cl.getErr(), wait,
                            () -> "the approval of the mail for " + d)) {
                        r = alt.verifyEmail(rec, o.email, wait);
                    }
                }
                out.println(d + ": " + r.describe());
                out.flush();
                if (r.state() == VerifyResult.State.VERIFIED) {
                    ok++;
                }
            }
        } catch (DomainsException e) {
            throw new CliException(e.getMessage());
        }
        if ("email".equals(o.method) && o.email == null) {
            out.flush();
            throw new CliException("choose the address for the approval mail (--email ADDRESS)");
        }
        if (ok < names.size()) {
            throw new CliException((names.size() - ok) + " of " + names.size() + " domain(s) not verified");
        }
        out.println(ok + " of " + names.size() + " domain(s) verified");
        out.flush();
        return 0;
    }
}
