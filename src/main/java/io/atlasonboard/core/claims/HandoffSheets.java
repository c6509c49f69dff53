package io.atlasonboard.core.claims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.atlasonboard.core.dns.CaaLookup;
import io.atlasonboard.core.dns.DnsAsk;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.PropagationReport;
import io.atlasonboard.core.dns.ServerKind;
import io.atlasonboard.core.dns.ServerResult;
import io.atlasonboard.core.dns.TxtRecordPresentation;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;

/**
 * Assembles a {@link HandoffSheet} from stored claims: the record at the claimed name (or the chosen authorization
 * domain), the zone's authoritative servers as the propagation checker finds them (one dig command each), and the
 * CAA line when the CAA records do not allow GlobalSign.
 */
public final class HandoffSheets {
    private final PropagationChecker checker;
    private final DnsAsk lookups;
    private final IntendedUse use;

    /**
     * @param checker finds each zone's authoritative servers (its bootstrap resolvers and port)
     * @param lookups resolvers for the CAA lookup
     */
    public HandoffSheets(PropagationChecker checker, DnsAsk lookups, IntendedUse use) {
        this.checker = Objects.requireNonNull(checker);
        this.lookups = Objects.requireNonNull(lookups);
        this.use = Objects.requireNonNull(use);
    }

    /** @param adns claimed domain to authorization domain, for records placed on a parent (may be empty) */
    public HandoffSheet build(String provider, List<DomainClaimRecord> claims, Map<String, String> adns, Instant now) {
        List<HandoffSheet.Entry> entries = new ArrayList<>();
        for (DomainClaimRecord c : claims) {
            if (c.token() == null || c.token().isEmpty()) {
                throw new DomainsException("the claim for " + c.domain() + " has no token; refresh it first");
            }
            String adn = adns.get(c.domain());
            TxtRecordPresentation r = AuthorizationDomains.presentation(c, adn);
            List<String> notes = new ArrayList<>();
            if (adn != null) {
                notes.add("This record on " + adn + " proves control of " + c.domain() + " (authorization domain).");
            }
            List<String> digs = new ArrayList<>();
            PropagationReport rep = checker.check(r.host(), r.value(), List.of());
            for (ServerResult s : rep.results()) {
                if (s.kind() == ServerKind.AUTHORITATIVE) {
                    digs.add(dig(s, r.host()));
                }
            }
            if (rep.followedCname()) {
                notes.add("The name is a CNAME; the record belongs at " + rep.checkedName() + ".");
            }
            if (digs.isEmpty()) {
                digs.add("dig " + r.host() + " TXT +short");
                notes.add("The zone's name servers could not be found from here"
                        + (rep.problems().isEmpty() ? "" : " (" + String.join("; ", rep.problems()) + ")")
                        + "; run the dig command against each of them.");
            }
            entries.add(new HandoffSheet.Entry(c.domain(), r, digs, caaLine(c.domain()), notes));
        }
        return new HandoffSheet(provider, now, entries);
    }

    private String caaLine(String domain) {
        CaaLookup.Kind kind = use == IntendedUse.SMIME ? CaaLookup.Kind.EMAIL : CaaLookup.Kind.SERVER;
        CaaLookup.RecordSet set = new CaaLookup(lookups).find(domain);
        CaaLookup.Verdict v = set.evaluate(Preflight.GLOBALSIGN_CAA, kind);
        if (v.mayIssue() || v.unknown()) {
            return null;
        }
        return CaaLookup.lineToAdd(v.owner() != null ? v.owner() : domain, Preflight.GLOBALSIGN_CAA, kind);
    }

    /** {@code dig @server name TXT +short}, with {@code -p PORT} when the server is not on port 53. */
    static String dig(ServerResult s, String name) {
        String server = s.server();
        String port = null;
        String addr = s.address();
        if (addr != null) {
            int colon = addr.lastIndexOf(':');
            if (colon > 0) {
                port = addr.substring(colon + 1);
                if (!"53".equals(port)) {
                    server = addr.substring(0, colon).replace("[", "").replace("]", "");
                }
            }
        }
        if (server.endsWith(".")) {
            server = server.substring(0, server.length() - 1);
        }
        boolean other = port != null && !"53".equals(port);
        String host = s.server().endsWith(".") ? s.server().substring(0, s.server().length() - 1) : s.server();
        return "dig @" + server + (other ? " -p " + port : "") + " " + name + " TXT +short" + (other ? "   # " + host
                : "");
    }
}
