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

import io.atlasonboard.core.Msg;

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

    /** One name server address and how it answered ({@code detail} in English, {@code detailMsg} for the UI). */
    public record Server(String host, String address, State state, String detail, Msg detailMsg) {
        Server(String host, String address, State state, Msg detail) {
            this(host, address, state, detail == null ? "" : detail.english(), detail);
        }

        public String describe() {
            return describeMsg().english();
        }

        /** {@link #describe()} as a {@link Msg}: the server, then how it answered. */
        public Msg describeMsg() {
            String who = host + (address == null ? "" : " (" + address + ")");
            return Msg.of("core.dns.delegation.server." + state.name(), who,
                    detailMsg != null ? detailMsg : Msg.of("core.dns.problem.failed", detail));
        }
    }

    /**
     * The zone, every server's result, and problems that kept the check from running (zone not found): English in
     * {@code problem}, the same as a {@link Msg} in {@code problemMsg}.
     */
    public record Report(String name, String zone, List<Server> servers, String problem, Msg problemMsg) {
        Report(String name, String zone, List<Server> servers, Msg problem) {
            this(name, zone, servers, problem == null ? null : problem.english(), problem);
        }

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
            return new Report(d, null, List.of(), Msg.of("core.dns.problem.failed", e.getMessage()));
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
            return new Report(d, DnsAsk.text(zone), List.of(), Msg.of("core.dns.delegation.nsUnreadable",
                    DnsAsk.text(zone), e.getMessage()));
        }
        if (hosts.isEmpty()) {
            return new Report(d, DnsAsk.text(zone), List.of(), Msg.of("core.dns.delegation.noNs",
                    DnsAsk.text(zone)));
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
                        ? Msg.of("core.dns.delegation.noAddressRecord") : Msg.of("core.dns.problem.failed", failure)));
                continue;
            }
            for (InetAddress a : addrs) {
                out.add(askServer(host, new InetSocketAddress(a, authoritativePort), zone));
            }
        }
        return new Report(d, DnsAsk.text(zone), List.copyOf(out), (Msg) null);
    }

    private Server askServer(Name host, InetSocketAddress addr, Name zone) {
        String h = DnsAsk.text(host);
        String a = DnsAsk.hostPort(addr);
        Message m;
        try {
            m = ask.once(addr, zone, Type.SOA, false, false, false);
        } catch (DnsAsk.Failure e) {
            return new Server(h, a, State.UNREACHABLE, Msg.of("core.dns.problem.failed", e.getMessage()));
        }
        int rc = m.getRcode();
        if (rc != Rcode.NOERROR) {
            return new Server(h, a, State.LAME, Msg.of("core.dns.delegation.rcode", Rcode.string(rc),
                    DnsAsk.text(zone)));
        }
        if (!m.getHeader().getFlag(Flags.AA)) {
            return new Server(h, a, State.LAME, Msg.of("core.dns.delegation.noAuthority", DnsAsk.text(zone)));
        }
        boolean soa = m.getSection(Section.ANSWER).stream().anyMatch(r -> r instanceof SOARecord
                && r.getName().equals(zone));
        if (!soa) {
            return new Server(h, a, State.LAME, Msg.of("core.dns.delegation.noSoa",
                    DnsAsk.text(zone)));
        }
        return new Server(h, a, State.OK, (Msg) null);
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
