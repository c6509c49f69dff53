package io.atlasonboard.core.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Delegation health of the zone that holds a name: find the zone (SOA), its NS set, each server's addresses, and ask
 * every address for the zone's SOA without recursion. A server must answer authoritatively (AA set, NOERROR, the
 * SOA); one that answers otherwise (REFUSED, no AA, a referral) is lame; one that does not answer is unreachable.
 * GlobalSign asks any of them, so one bad server makes validation fail at random.
 */
public final class DelegationCheck {

    public enum State {
        OK, LAME, UNREACHABLE, NO_ADDRESS
    }

    /** One name server address and how it answered. */
    public record Server(String host, String address, State state, String detail) {
        public String describe() {
            return host + (address == null ? "" : " (" + address + ")") + ": " + switch (state) {
                case OK -> "answers authoritatively";
                case LAME -> "lame: " + detail;
                case UNREACHABLE -> "unreachable: " + detail;
                case NO_ADDRESS -> "no address: " + detail;
            };
        }
    }

    /** The zone, every server's result, and problems that kept the check from running (zone not found). */
    public record Report(String name, String zone, List<Server> servers, String problem) {
        public boolean healthy() {
            return problem == null && !servers.isEmpty() && servers.stream().allMatch(s -> s.state() == State.OK);
        }

        public long okCount() {
            return servers.stream().filter(s -> s.state() == State.OK).count();
        }
    }

    private final DnsAsk ask;
    private final int authoritativePort;

    /** @param authoritativePort the port on which name servers are asked (53 in real life) */
    public DelegationCheck(DnsAsk ask, int authoritativePort) {
        this.ask = Objects.requireNonNull(ask);
        this.authoritativePort = authoritativePort;
    }

    public Report check(String domain) {
        String d = domain.trim().startsWith("*.") ? domain.trim().substring(2) : domain.trim();
        Name zone;
        try {
            zone = zoneOf(DnsAsk.name(d));
        } catch (DnsAsk.Failure e) {
            return new Report(d, null, List.of(), e.getMessage());
        }
        List<Name> hosts = new ArrayList<>();
        try {
            Message m = ask.recursive(zone, Type.NS, false, false);
            for (Record r : m.getSection(Section.ANSWER)) {
                if (r instanceof NSRecord ns && r.getName().equals(zone)) {
                    hosts.add(ns.getTarget());
                }
            }
        } catch (DnsAsk.Failure e) {
            return new Report(d, DnsAsk.text(zone), List.of(), "the NS records of " + DnsAsk.text(zone)
                    + " could not be read: " + e.getMessage());
        }
        if (hosts.isEmpty()) {
            return new Report(d, DnsAsk.text(zone), List.of(), "the zone " + DnsAsk.text(zone) + " has no NS records");
        }
        hosts.sort(null);
        List<Server> out = new ArrayList<>();
        for (Name host : hosts) {
            List<InetAddress> addrs = new ArrayList<>();
            String failure = null;
            for (int type : new int[] {Type.A, Type.AAAA}) {
                try {
                    Message m = ask.recursive(host, type, false, false);
                    for (Record r : m.getSection(Section.ANSWER)) {
                        if (r instanceof ARecord a) {
                            addrs.add(a.getAddress());
                        } else if (r instanceof AAAARecord a) {
                            addrs.add(a.getAddress());
                        }
                    }
                } catch (DnsAsk.Failure e) {
                    failure = e.getMessage();
                }
            }
            if (addrs.isEmpty()) {
                out.add(new Server(DnsAsk.text(host), null, State.NO_ADDRESS, failure == null
                        ? "the name has no A or AAAA record" : failure));
                continue;
            }
            for (InetAddress a : addrs) {
                out.add(askServer(host, new InetSocketAddress(a, authoritativePort), zone));
            }
        }
        return new Report(d, DnsAsk.text(zone), List.copyOf(out), null);
    }

    private Server askServer(Name host, InetSocketAddress addr, Name zone) {
        String h = DnsAsk.text(host);
        String a = DnsAsk.hostPort(addr);
        Message m;
        try {
            m = ask.once(addr, zone, Type.SOA, false, false, false);
        } catch (DnsAsk.Failure e) {
            return new Server(h, a, State.UNREACHABLE, e.getMessage());
        }
        int rc = m.getRcode();
        if (rc != Rcode.NOERROR) {
            return new Server(h, a, State.LAME, "answers " + Rcode.string(rc) + " for " + DnsAsk.text(zone)
                    + " (it does not serve the zone)");
        }
        if (!m.getHeader().getFlag(Flags.AA)) {
            return new Server(h, a, State.LAME, "answers without authority for " + DnsAsk.text(zone));
        }
        boolean soa = m.getSection(Section.ANSWER).stream().anyMatch(r -> r instanceof SOARecord
                && r.getName().equals(zone));
        if (!soa) {
            return new Server(h, a, State.LAME, "answers authoritatively but without the SOA of " + DnsAsk.text(zone));
        }
        return new Server(h, a, State.OK, "");
    }

    /** The zone cut above (or at) the name: an SOA at the name, or the SOA in the authority section of the answer. */
    Name zoneOf(Name name) throws DnsAsk.Failure {
        Name cur = name;
        while (true) {
            Message m = ask.recursive(cur, Type.SOA, false, false);
            if (m.getRcode() != Rcode.NOERROR && m.getRcode() != Rcode.NXDOMAIN) {
                throw new DnsAsk.Failure("SOA " + cur + " answered " + Rcode.string(m.getRcode()));
            }
            for (Record r : m.getSection(Section.ANSWER)) {
                if (r instanceof SOARecord && r.getName().equals(cur)) {
                    return cur;
                }
            }
            for (Record r : m.getSection(Section.AUTHORITY)) {
                if (r instanceof SOARecord && cur.subdomain(r.getName())) {
                    return r.getName();
                }
            }
            if (cur.labels() <= 2) {
                throw new DnsAsk.Failure("could not find the zone of " + name + " (no SOA up to the top)");
            }
            cur = new Name(cur, 1);
        }
    }
}
