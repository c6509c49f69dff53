package io.atlasonboard.core.dns;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import io.atlasonboard.core.Msg;

/**
 * Finds the relevant CAA record set of a name as a CA does (RFC 8659 section 3): ask for CAA at the name itself,
 * following CNAMEs; when that gives no CAA records, climb to the parent, and so on up to (not including) the root.
 * The first non-empty set wins. For a wildcard name {@code *.X} the search starts at {@code X}.
 * {@link RecordSet#evaluate} then says whether a given CA may issue (RFC 8659 {@code issue}/{@code issuewild},
 * RFC 9495 {@code issuemail}).
 */
public final class CaaLookup {
    private static final int MAX_CNAME_HOPS = 8;
    private static final Set<String> KNOWN_TAGS = Set.of("issue", "issuewild", "iodef", "issuemail", "issuevmc",
            "contactemail", "contactphone");

    private final DnsAsk ask;

    public CaaLookup(DnsAsk ask) {
        this.ask = Objects.requireNonNull(ask);
    }

    /** What is being issued: a server name, a wildcard server name, or an S/MIME certificate for a mail domain. */
    public enum Kind {
        SERVER("issue"), WILDCARD("issuewild"), EMAIL("issuemail");

        public final String tag;

        Kind(String tag) {
            this.tag = tag;
        }
    }

    /** One CAA record: flags, tag, value (the quotes removed). */
    public record Entry(int flags, String tag, String value) {
        public boolean critical() {
            return (flags & 0x80) != 0;
        }

        /** The issuer domain of an issue/issuewild/issuemail value ({@code ""} when the value forbids every CA). */
        public String issuer() {
            String v = value.trim();
            int semi = v.indexOf(';');
            return (semi < 0 ? v : v.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return flags + " " + tag + " \"" + value + "\"";
        }
    }

    /**
     * The relevant record set: {@code owner} is where it was found (after CNAMEs; null when no name up the tree has
     * CAA records), {@code path} the names asked in order ("a -> CNAME b" steps included), {@code failure} set when a
     * lookup failed so that the answer is unknown (a CA then refuses to issue); {@code failureMsg} is the same failure
     * as a {@link Msg} for the UI.
     */
    public record RecordSet(String name, String owner, List<Entry> entries, List<String> path, String failure,
            Msg failureMsg) {
        public RecordSet(String name, String owner, List<Entry> entries, List<String> path, String failure) {
            this(name, owner, entries, path, failure, failure == null ? null : Msg.of("core.dns.problem.failed",
                    failure));
        }

        static RecordSet failed(String name, List<String> path, Msg failure) {
            return new RecordSet(name, null, List.of(), path, failure.english(), failure);
        }

        public boolean found() {
            return owner != null && !entries.isEmpty();
        }

        /** Whether {@code caDomain} (e.g. globalsign.com) may issue for {@code kind}, with the reason. */
        public Verdict evaluate(String caDomain, Kind kind) {
            String ca = caDomain.toLowerCase(Locale.ROOT);
            if (failure != null) {
                return new Verdict(false, true, owner, List.of(), Msg.of("core.dns.caa.unreadable",
                        failureMsg != null ? failureMsg : failure));
            }
            if (!found()) {
                return new Verdict(true, false, null, List.of(), Msg.of("core.dns.caa.none", name));
            }
            for (Entry e : entries) {
                if (e.critical() && !KNOWN_TAGS.contains(e.tag().toLowerCase(Locale.ROOT))) {
                    return new Verdict(false, false, owner, List.of(), Msg.of("core.dns.caa.critical", owner,
                            e.tag()));
                }
            }
            List<Entry> relevant = tagged(kind.tag);
            if (kind == Kind.WILDCARD && relevant.isEmpty()) {
                relevant = tagged("issue");
            }
            if (relevant.isEmpty()) {
                return new Verdict(true, false, owner, List.of(), Msg.of("core.dns.caa.unrestricted." + kind.name(),
                        owner));
            }
            Set<String> allowed = new LinkedHashSet<>();
            for (Entry e : relevant) {
                if (!e.issuer().isEmpty()) {
                    allowed.add(e.issuer());
                }
            }
            if (allowed.contains(ca)) {
                return new Verdict(true, false, owner, List.copyOf(allowed), Msg.of("core.dns.caa.allows",
                        relevant.get(0).tag(), owner, ca));
            }
            return new Verdict(false, false, owner, List.copyOf(allowed), allowed.isEmpty()
                    ? Msg.of("core.dns.caa.allowsNone", owner, relevant.get(0).toString(), relevant.get(0).tag())
                    : Msg.of("core.dns.caa.allowsOnly", owner, String.join(", ", allowed), relevant.get(0).tag()));
        }

        private List<Entry> tagged(String tag) {
            List<Entry> out = new ArrayList<>();
            for (Entry e : entries) {
                if (e.tag().equalsIgnoreCase(tag)) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    /**
     * {@code mayIssue}; {@code unknown} when the lookup failed; {@code owner} where the relevant set is; the issuer
     * domains it allows for the kind asked; a reason for a person in English ({@code reason}, the command line) and
     * as a {@link Msg} ({@code reasonMsg}, the UI; null where a caller gave only English).
     */
    public record Verdict(boolean mayIssue, boolean unknown, String owner, List<String> allowed, String reason,
            Msg reasonMsg) {
        /** A verdict whose reason is a {@link Msg}; {@link #reason()} is its English. */
        public Verdict(boolean mayIssue, boolean unknown, String owner, List<String> allowed, Msg reason) {
            this(mayIssue, unknown, owner, allowed, reason.english(), reason);
        }
    }

    /** The zone-file line that lets {@code caDomain} issue for {@code kind}, at {@code owner}. */
    public static String lineToAdd(String owner, String caDomain, Kind kind) {
        return TxtRecordPresentation.fqdn(owner) + " IN CAA 0 " + kind.tag + " \"" + caDomain + "\"";
    }

    /** Looks up the relevant CAA set of {@code domain} (a {@code *.} prefix is dropped first). */
    public RecordSet find(String domain) {
        String d = domain.trim();
        if (d.startsWith("*.")) {
            d = d.substring(2);
        }
        Name start = DnsAsk.name(d);
        List<String> path = new ArrayList<>();
        Name cur = start;
        while (cur.labels() > 1) {
            Name at = cur;
            Set<Name> seen = new LinkedHashSet<>();
            for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
                if (!seen.add(at)) {
                    return RecordSet.failed(DnsAsk.text(start), path, Msg.of("core.dns.problem.cnameLoop",
                            String.valueOf(at)));
                }
                Message m;
                try {
                    m = ask.recursive(at, Type.CAA, false, false);
                } catch (DnsAsk.Failure e) {
                    return RecordSet.failed(DnsAsk.text(start), path, Msg.of("core.dns.problem.failed",
                            e.getMessage()));
                }
                int rc = m.getRcode();
                if (rc != Rcode.NOERROR && rc != Rcode.NXDOMAIN) {
                    return RecordSet.failed(DnsAsk.text(start), path, Msg.of("core.dns.caa.answered",
                            String.valueOf(at), Rcode.string(rc)));
                }
                // the resolver may have followed CNAMEs already: walk the chain inside the answer
                Name owner = at;
                for (int i = 0; i < MAX_CNAME_HOPS; i++) {
                    Name next = cname(m, owner);
                    if (next == null) {
                        break;
                    }
                    path.add(DnsAsk.text(owner) + " -> CNAME " + DnsAsk.text(next));
                    owner = next;
                }
                List<Entry> entries = new ArrayList<>();
                for (Record r : m.getSection(Section.ANSWER)) {
                    if (r instanceof CAARecord c && r.getName().equals(owner)) {
                        entries.add(new Entry(c.getFlags(), c.getTag(), c.getValue()));
                    }
                }
                if (owner.equals(at)) {
                    path.add(DnsAsk.text(at));
                }
                if (!entries.isEmpty()) {
                    return new RecordSet(DnsAsk.text(start), DnsAsk.text(owner), List.copyOf(entries), path, null);
                }
                if (owner.equals(at)) {
                    break; // no CNAME here: climb to the parent of the name asked about
                }
                // a CNAME chain ended at a target without CAA records in this answer; a resolver that does not
                // chase out-of-zone targets stops there, so ask for the target itself once more
                at = owner;
            }
            cur = new Name(cur, 1);
        }
        return new RecordSet(DnsAsk.text(start), null, List.of(), path, null);
    }

    private static Name cname(Message m, Name owner) {
        for (Record r : m.getSection(Section.ANSWER)) {
            if (r instanceof CNAMERecord c && r.getName().equals(owner)) {
                return c.getTarget();
            }
        }
        return null;
    }
}
