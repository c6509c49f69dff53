package io.atlasonboard.core.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.atlasonboard.core.tasks.ProgressSink;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Checks whether a TXT value has reached every authoritative name server of the zone (asked directly, recursion off)
 * and any resolvers the user configured. A dead server is an ERROR for that server after {@code timeout * (retries+1)},
 * never a hang; servers are asked in parallel.
 */
public final class PropagationChecker {

    private static final int MAX_CNAME_HOPS = 8;

    private final List<ResolverSpec> bootstrap;
    private final int authoritativePort;
    private final Duration timeout;
    private final int retries;
    private final int maxParallel;
    private final Clock clock;

    private PropagationChecker(Builder b) {
        this.bootstrap = List.copyOf(b.bootstrap);
        this.authoritativePort = b.authoritativePort;
        this.timeout = b.timeout;
        this.retries = b.retries;
        this.maxParallel = b.maxParallel;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: the system's resolvers, port 53, 2 s timeout, 1 retry. */
    public static PropagationChecker withDefaults() {
        return builder().build();
    }

    public List<ResolverSpec> bootstrap() {
        return bootstrap.isEmpty() ? systemResolvers() : bootstrap;
    }

    public int authoritativePort() {
        return authoritativePort;
    }

    public Duration timeout() {
        return timeout;
    }

    public int retries() {
        return retries;
    }

    public static final class Builder {
        private final List<ResolverSpec> bootstrap = new ArrayList<>();
        private int authoritativePort = 53;
        private Duration timeout = Duration.ofSeconds(2);
        private int retries = 1;
        private int maxParallel = 16;
        private Clock clock = Clock.systemUTC();

        /** The resolver used to find the zone, its name servers and their addresses (default: the system's). */
        public Builder bootstrap(ResolverSpec... specs) {
            bootstrap.clear();
            bootstrap.addAll(List.of(specs));
            return this;
        }

        public Builder bootstrap(List<ResolverSpec> specs) {
            bootstrap.clear();
            bootstrap.addAll(specs);
            return this;
        }

        /** Port on which the authoritative servers are asked (53; tests use a high port). */
        public Builder authoritativePort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.authoritativePort = port;
            return this;
        }

        /** Time to wait for one answer. */
        public Builder timeout(Duration t) {
            if (t == null || t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = t;
            return this;
        }

        /** Extra tries after a timeout (0 = one try only). */
        public Builder retries(int n) {
            if (n < 0 || n > 10) {
                throw new IllegalArgumentException("retries must be 0..10");
            }
            this.retries = n;
            return this;
        }

        public Builder maxParallel(int n) {
            this.maxParallel = Math.max(1, n);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public PropagationChecker build() {
            return new PropagationChecker(this);
        }
    }

    /** The resolvers of this machine (resolv.conf or platform equivalent) as found by dnsjava. */
    public static List<ResolverSpec> systemResolvers() {
        List<ResolverSpec> out = new ArrayList<>();
        for (InetSocketAddress a : ResolverConfig.getCurrentConfig().servers()) {
            out.add(new ResolverSpec(a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString(),
                    a.getPort()));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ check

    /**
     * @param domain         the claimed name (trailing dot optional)
     * @param expectedValue  the TXT value to look for, exactly
     * @param extraResolvers resolvers to ask in addition (recursion on, for the domain itself)
     */
    public PropagationReport check(String domain, String expectedValue, List<ResolverSpec> extraResolvers) {
        Objects.requireNonNull(expectedValue, "expectedValue");
        String fq = TxtRecordPresentation.fqdn(domain);
        Name start = name(fq);
        List<String> problems = new ArrayList<>();
        List<String> chain = new ArrayList<>();
        Map<Name, List<InetAddress>> glue = new LinkedHashMap<>();

        Name current = start;
        ZoneInfo zone = null;
        List<AuthServer> servers = List.of();
        Set<Name> visited = new LinkedHashSet<>();
        visited.add(current);
        try {
            for (int hop = 0; ; hop++) {
                zone = findZone(current, glue);
                servers = authServers(zone, glue, problems);
                Name target = cnameAt(current, servers);
                if (target == null) {
                    break;
                }
                chain.add(current + " -> " + target);
                if (!visited.add(target)) {
                    problems.add("CNAME loop at " + target);
                    break;
                }
                if (hop + 1 >= MAX_CNAME_HOPS) {
                    problems.add("more than " + MAX_CNAME_HOPS + " CNAMEs in a row; stopped at " + target);
                    break;
                }
                current = target;
            }
        } catch (LookupProblem e) {
            problems.add(e.getMessage());
            zone = null;
        }

        List<Supplier<ServerResult>> jobs = new ArrayList<>();
        if (zone != null) {
            if (servers.isEmpty()) {
                problems.add("no address found for any name server of " + zone.zone);
            }
            final Name checked = current;
            final String zoneName = zone.zone.toString();
            for (AuthServer s : servers) {
                jobs.add(() -> askAuthoritative(s, checked, zoneName, expectedValue));
            }
        }
        for (ResolverSpec spec : extraResolvers == null ? List.<ResolverSpec>of() : extraResolvers) {
            jobs.add(() -> askResolver(spec, start, expectedValue));
        }
        List<ServerResult> results = runAll(jobs);
        return new PropagationReport(fq, expectedValue, current.toString(), chain,
                zone == null ? null : zone.zone.toString(), problems, results, clock.instant());
    }

    /**
     * Re-checks every {@code interval} until every server sees the value, the deadline passes, or the sink is
     * cancelled; reports "n of m" through the sink after each round. Returns the last report.
     *
     * @param deadline null for no deadline (then only success or cancellation ends it)
     */
    public PropagationReport poll(String domain, String expectedValue, List<ResolverSpec> extraResolvers,
                                  Duration interval, Instant deadline, ProgressSink sink) {
        ProgressSink s = sink == null ? ProgressSink.NONE : sink;
        Duration step = interval == null || interval.isNegative() || interval.isZero() ? Duration.ofSeconds(5)
                : interval;
        int round = 0;
        while (true) {
            round++;
            PropagationReport r = check(domain, expectedValue, extraResolvers);
            double fraction = r.total() == 0 ? 0 : (double) r.seen() / r.total();
            if (r.allSee()) {
                s.update(1.0, r.summary());
                return r;
            }
            Instant now = clock.instant();
            if (deadline != null && !now.plus(step).isBefore(deadline.plusMillis(1))) {
                s.update(fraction, r.summary() + " (deadline reached after " + round + " checks)");
                return r;
            }
            s.update(fraction, r.summary() + "; checking again in " + step.toSeconds() + " s");
            long until = System.nanoTime() + step.toNanos();
            while (System.nanoTime() < until) {
                if (s.isCancelled()) {
                    return r;
                }
                try {
                    Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return r;
                }
            }
            if (s.isCancelled()) {
                return r;
            }
        }
    }

    /**
     * Asks one server (recursion desired) for the TXT records at {@code domain}, e.g. to confirm a dynamic update
     * on the server that took it. Reported as kind RESOLVER with the spec as its name.
     */
    public ServerResult checkServer(ResolverSpec server, String domain, String expectedValue) {
        return askResolver(server, name(TxtRecordPresentation.fqdn(domain)), expectedValue);
    }

    // ------------------------------------------------------------------------------------------------ zone

    private static final class LookupProblem extends Exception {
        LookupProblem(String m) {
            super(m);
        }
    }

    private record ZoneInfo(Name zone, List<Name> nameServers) {
    }

    private record AuthServer(Name host, InetSocketAddress address) {
    }

    /** Walks up from the name to the zone cut: NS at the name, a referral, or the SOA in a negative answer. */
    private ZoneInfo findZone(Name name, Map<Name, List<InetAddress>> glue) throws LookupProblem {
        Name cur = name;
        while (true) {
            Message r = askBootstrap(cur, Type.NS);
            boolean cnameHere = false;
            List<Name> ns = new ArrayList<>();
            for (Record rec : r.getSection(Section.ANSWER)) {
                if (rec instanceof NSRecord n && rec.getName().equals(cur)) {
                    ns.add(n.getTarget());
                } else if (rec instanceof CNAMERecord && rec.getName().equals(cur)) {
                    cnameHere = true;
                }
            }
            if (ns.isEmpty() && !cnameHere) {
                for (Record rec : r.getSection(Section.AUTHORITY)) {
                    if (rec instanceof NSRecord n && rec.getName().equals(cur)) {
                        ns.add(n.getTarget()); // referral to the child zone
                    }
                }
            }
            if (!ns.isEmpty()) {
                ns.sort(null);
                collectGlue(r, glue);
                return new ZoneInfo(cur, ns);
            }
            if (!cnameHere) {
                for (Record rec : r.getSection(Section.AUTHORITY)) {
                    if (rec instanceof SOARecord && cur.subdomain(rec.getName()) && !rec.getName().equals(cur)) {
                        Name z = rec.getName();
                        Message nr = askBootstrap(z, Type.NS);
                        List<Name> zns = new ArrayList<>();
                        for (Record x : nr.getSection(Section.ANSWER)) {
                            if (x instanceof NSRecord n && x.getName().equals(z)) {
                                zns.add(n.getTarget());
                            }
                        }
                        if (zns.isEmpty()) {
                            throw new LookupProblem("the zone " + z + " has no NS records");
                        }
                        zns.sort(null);
                        collectGlue(nr, glue);
                        return new ZoneInfo(z, zns);
                    }
                }
            }
            if (cur.labels() <= 1) {
                throw new LookupProblem("could not find the zone of " + name + " (no SOA/NS found up to the root)");
            }
            cur = new Name(cur, 1);
        }
    }

    private static void collectGlue(Message r, Map<Name, List<InetAddress>> glue) {
        for (Record rec : r.getSection(Section.ADDITIONAL)) {
            InetAddress a = rec instanceof ARecord ar ? ar.getAddress()
                    : rec instanceof AAAARecord aa ? aa.getAddress() : null;
            if (a != null) {
                glue.computeIfAbsent(rec.getName(), k -> new ArrayList<>());
                if (!glue.get(rec.getName()).contains(a)) {
                    glue.get(rec.getName()).add(a);
                }
            }
        }
    }

    /** Every address of every NS host; hosts without any address become a problem line. */
    private List<AuthServer> authServers(ZoneInfo zone, Map<Name, List<InetAddress>> glue, List<String> problems) {
        List<AuthServer> out = new ArrayList<>();
        for (Name host : zone.nameServers) {
            List<InetAddress> addrs = new ArrayList<>(glue.getOrDefault(host, List.of()));
            if (addrs.isEmpty()) {
                String failure = null;
                for (int type : new int[] {Type.A, Type.AAAA}) {
                    try {
                        Message r = askBootstrap(host, type);
                        for (Record rec : r.getSection(Section.ANSWER)) {
                            if (rec instanceof ARecord a) {
                                addrs.add(a.getAddress());
                            } else if (rec instanceof AAAARecord a) {
                                addrs.add(a.getAddress());
                            }
                        }
                    } catch (LookupProblem e) {
                        failure = e.getMessage();
                    }
                }
                glue.put(host, addrs);
                if (addrs.isEmpty()) {
                    String p = "name server " + host + " has no address"
                            + (failure == null ? " (no A/AAAA record)" : ": " + failure);
                    if (!problems.contains(p)) {
                        problems.add(p);
                    }
                }
            }
            for (InetAddress a : addrs) {
                out.add(new AuthServer(host, new InetSocketAddress(a, authoritativePort)));
            }
        }
        return out;
    }

    /** The CNAME target at the name as the zone's servers say (first usable answer), or null. */
    private Name cnameAt(Name name, List<AuthServer> servers) throws LookupProblem {
        for (AuthServer s : servers) {
            try {
                Message r = DnsQueries.query(s.address, name, Type.TXT, false, timeout, 0);
                int rc = r.getRcode();
                if ((rc == Rcode.NOERROR || rc == Rcode.NXDOMAIN) && r.getHeader().getFlag(Flags.AA)) {
                    return cnameIn(r, name);
                }
            } catch (DnsQueries.QueryFailure e) {
                // try the next server
            }
        }
        Message r = askBootstrap(name, Type.TXT);
        return cnameIn(r, name);
    }

    private static Name cnameIn(Message r, Name owner) {
        for (Record rec : r.getSection(Section.ANSWER)) {
            if (rec instanceof CNAMERecord c && rec.getName().equals(owner)) {
                return c.getTarget();
            }
        }
        return null;
    }

    /** A recursive query to the bootstrap resolvers; first NOERROR/NXDOMAIN answer wins. */
    private Message askBootstrap(Name name, int type) throws LookupProblem {
        List<ResolverSpec> servers = bootstrap();
        if (servers.isEmpty()) {
            throw new LookupProblem("no bootstrap resolver: the system has none configured and none was given");
        }
        List<String> reasons = new ArrayList<>();
        for (ResolverSpec spec : servers) {
            InetSocketAddress addr;
            try {
                addr = spec.socketAddress();
            } catch (UnknownHostException e) {
                reasons.add(spec + ": unknown host");
                continue;
            }
            try {
                Message r = DnsQueries.query(addr, name, type, true, timeout, retries);
                int rc = r.getRcode();
                if (rc == Rcode.NOERROR || rc == Rcode.NXDOMAIN) {
                    return r;
                }
                reasons.add(spec + " answered " + Rcode.string(rc));
            } catch (DnsQueries.QueryFailure e) {
                reasons.add(spec + ": " + e.getMessage());
            }
        }
        throw new LookupProblem("looking up " + Type.string(type) + " " + name + " failed: "
                + String.join("; ", reasons));
    }

    // ------------------------------------------------------------------------------------------------ servers

    private ServerResult askAuthoritative(AuthServer s, Name name, String zone, String expected) {
        String server = s.host.toString();
        String addr = DnsQueries.hostPort(s.address);
        Message r;
        try {
            r = DnsQueries.query(s.address, name, Type.TXT, false, timeout, retries);
        } catch (DnsQueries.QueryFailure e) {
            return new ServerResult(server, addr, ServerKind.AUTHORITATIVE, CheckOutcome.ERROR, List.of(),
                    e.getMessage());
        }
        int rc = r.getRcode();
        if (rc != Rcode.NOERROR && rc != Rcode.NXDOMAIN) {
            String hint = rc == Rcode.REFUSED ? " (it does not serve the zone " + zone + " to us)" : "";
            return new ServerResult(server, addr, ServerKind.AUTHORITATIVE, CheckOutcome.ERROR, List.of(),
                    "server answered " + Rcode.string(rc) + hint);
        }
        if (!r.getHeader().getFlag(Flags.AA)) {
            return new ServerResult(server, addr, ServerKind.AUTHORITATIVE, CheckOutcome.ERROR, List.of(),
                    "answer is not authoritative: the server does not serve the zone " + zone + " (lame delegation)");
        }
        return evaluate(server, addr, ServerKind.AUTHORITATIVE, r, name, expected);
    }

    private ServerResult askResolver(ResolverSpec spec, Name name, String expected) {
        String server = spec.toString();
        InetSocketAddress a;
        try {
            a = spec.socketAddress();
        } catch (UnknownHostException e) {
            return new ServerResult(server, server, ServerKind.RESOLVER, CheckOutcome.ERROR, List.of(),
                    "unknown host " + spec.host());
        }
        String addr = DnsQueries.hostPort(a);
        Message r;
        try {
            r = DnsQueries.query(a, name, Type.TXT, true, timeout, retries);
        } catch (DnsQueries.QueryFailure e) {
            return new ServerResult(server, addr, ServerKind.RESOLVER, CheckOutcome.ERROR, List.of(), e.getMessage());
        }
        int rc = r.getRcode();
        if (rc != Rcode.NOERROR && rc != Rcode.NXDOMAIN) {
            return new ServerResult(server, addr, ServerKind.RESOLVER, CheckOutcome.ERROR, List.of(),
                    "server answered " + Rcode.string(rc));
        }
        return evaluate(server, addr, ServerKind.RESOLVER, r, name, expected);
    }

    private static ServerResult evaluate(String server, String addr, ServerKind kind, Message r, Name name,
                                         String expected) {
        List<String> values = new ArrayList<>();
        for (Record rec : r.getSection(Section.ANSWER)) {
            if (rec instanceof TXTRecord t) {
                values.add(joined(t));
            }
        }
        if (values.contains(expected)) {
            return new ServerResult(server, addr, kind, CheckOutcome.FOUND, values, "");
        }
        if (r.getRcode() == Rcode.NXDOMAIN) {
            return new ServerResult(server, addr, kind, CheckOutcome.NOT_FOUND, values,
                    "the name " + name + " does not exist (NXDOMAIN)");
        }
        String hint = null;
        boolean related = false;
        for (String v : values) {
            String h = nearMiss(v, expected);
            if (h != null) {
                hint = hint == null ? h : hint;
                related = true;
            } else if (related(v, expected)) {
                related = true;
            }
        }
        if (related) {
            return new ServerResult(server, addr, kind, CheckOutcome.WRONG_VALUE, values,
                    hint != null ? hint : "a verification record is there, but with another value");
        }
        return new ServerResult(server, addr, kind, CheckOutcome.NOT_FOUND, values,
                values.isEmpty() ? "no TXT record at " + name : "no TXT record with this value at " + name);
    }

    /** The strings of one TXT record joined without separator (how a split long value is read back). */
    static String joined(TXTRecord t) {
        StringBuilder sb = new StringBuilder();
        for (byte[] b : t.getStringsAsByteArrays()) {
            sb.append(new String(b, java.nio.charset.StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static String nearMiss(String seen, String expected) {
        String s = seen.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
                && s.substring(1, s.length() - 1).strip().equals(expected)) {
            return "the value has extra quotes around it: enter it without quotes in the DNS console";
        }
        if (s.equals(expected) || s.replaceAll("\\s+", "").equals(expected.replaceAll("\\s+", ""))) {
            return "the value has extra spaces or line breaks in it";
        }
        if (s.equalsIgnoreCase(expected)) {
            return "the value differs in upper/lower case; it must match exactly";
        }
        int eq = expected.indexOf('=');
        if (eq > 0 && s.length() > 0 && expected.endsWith(s) && !s.contains("=")) {
            return "only the part after '=' was published; publish the whole value including \""
                    + expected.substring(0, eq + 1) + "\"";
        }
        return null;
    }

    private static boolean related(String seen, String expected) {
        String s = seen.toLowerCase(Locale.ROOT);
        String e = expected.toLowerCase(Locale.ROOT);
        int eq = e.indexOf('=');
        if (eq > 0 && s.startsWith(e.substring(0, eq + 1))) {
            return true;
        }
        if (s.contains("globalsign")) {
            return true;
        }
        if (eq < 0 && e.matches("[0-9a-f]{16,}") && s.replaceAll("[^0-9a-f]", "").length() == e.length()
                && s.matches("[0-9a-f]+")) {
            return true; // bare-hex token (2018 format) replaced by another one
        }
        return s.contains(e) || (!s.isEmpty() && e.contains(s));
    }

    private List<ServerResult> runAll(List<Supplier<ServerResult>> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs.size(), maxParallel), r -> {
            Thread t = new Thread(r, "dns-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ServerResult>> fs = new ArrayList<>();
            for (Supplier<ServerResult> j : jobs) {
                fs.add(pool.submit(j::get));
            }
            List<ServerResult> out = new ArrayList<>();
            for (Future<ServerResult> f : fs) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("DNS check failed: " + DnsQueries.describe(e.getCause()),
                            e.getCause());
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("DNS check interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private static Name name(String fqdn) {
        try {
            return Name.fromString(fqdn);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a valid domain name: " + fqdn);
        }
    }
}
