package io.atlasonboard.core.dns;

import io.atlasonboard.core.Msg;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
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
 * One run of propagation checks for many names (package-internal engine of {@link PropagationChecker}).
 * Every question goes through one {@link DnsQueryPool}, so all names are in flight together. What is the same for
 * many names is asked once: bootstrap answers, the zone of a parent name, a zone's name servers and their addresses.
 * A name's own TXT question to its parent zone's servers doubles as the zone-cut test: a referral or another
 * zone's SOA in the answer sends that name through the full zone lookup instead.
 */
final class PropagationBatch {

    static final int MAX_CNAME_HOPS = 8;

    private final List<ResolverSpec> bootstrap;
    private final int authoritativePort;
    private final Duration timeout;
    private final int retries;
    private final Clock clock;
    private final DnsQueryPool pool;

    private final Map<String, CompletableFuture<Message>> bootstrapAnswers = new ConcurrentHashMap<>();
    private final Map<Name, CompletableFuture<ZoneInfo>> zones = new ConcurrentHashMap<>();
    private final Map<Name, CompletableFuture<Servers>> servers = new ConcurrentHashMap<>();

    PropagationBatch(List<ResolverSpec> bootstrap, int authoritativePort, Duration timeout, int retries, Clock clock,
                     int maxInFlight, Executor executor, BooleanSupplier cancelled) {
        this.bootstrap = bootstrap;
        this.authoritativePort = authoritativePort;
        this.timeout = timeout;
        this.retries = retries;
        this.clock = clock;
        this.pool = new DnsQueryPool(maxInFlight, executor, cancelled);
    }

    /** A problem not tied to one server (zone not found, no bootstrap answer, ...). */
    static final class LookupProblem extends Exception {
        LookupProblem(String m) {
            super(m, null, false, false);
        }
    }

    private record ZoneInfo(Name zone, List<Name> nameServers, Map<Name, List<InetAddress>> glue) {
    }

    private record AuthServer(Name host, InetSocketAddress address) {
    }

    private record Servers(List<AuthServer> list, List<Msg> problems) {
    }

    /** One server's answer to TXT at a name, or why there is none. */
    private record Answer(AuthServer server, Message message, String failure) {
    }

    /** What was found for one name so far; the CNAME hops mutate it in order (never concurrently). */
    private static final class Walk {
        final Name start;
        final String expected;
        final List<Msg> problems = new ArrayList<>();
        final List<String> chain = new ArrayList<>();
        final Set<Name> visited = new LinkedHashSet<>();
        Name current;
        ZoneInfo zone;
        List<Answer> answers = List.of();

        Walk(Name start, String expected) {
            this.start = start;
            this.expected = expected;
            this.current = start;
            visited.add(start);
        }
    }

    // ------------------------------------------------------------------------------------------------ per name

    CompletableFuture<PropagationReport> check(String fq, Name start, String expected, List<ResolverSpec> extra) {
        List<CompletableFuture<ServerResult>> resolverResults = new ArrayList<>();
        for (ResolverSpec spec : extra) {
            resolverResults.add(askResolver(spec, start, expected));
        }
        Walk w = new Walk(start, expected);
        return hop(w, 0).handle((v, ex) -> {
            if (ex != null) {
                w.problems.add(Msg.of("core.dns.problem.failed", reason(ex)));
                w.zone = null;
                w.answers = List.of();
            }
            return w;
        }).thenCompose(done -> CompletableFuture.allOf(resolverResults.toArray(CompletableFuture[]::new))
                .thenApply(x -> report(fq, w, resolverResults)));
    }

    private PropagationReport report(String fq, Walk w, List<CompletableFuture<ServerResult>> resolverResults) {
        List<ServerResult> results = new ArrayList<>();
        String zoneName = w.zone == null ? null : w.zone.zone.toString();
        for (Answer a : w.answers) {
            String server = a.server.host.toString();
            String addr = DnsQueries.hostPort(a.server.address);
            results.add(a.message == null
                    ? TxtEvaluation.failed(server, addr, ServerKind.AUTHORITATIVE, a.failure)
                    : TxtEvaluation.authoritative(server, addr, a.message, w.current, zoneName, w.expected));
        }
        for (CompletableFuture<ServerResult> f : resolverResults) {
            results.add(f.join());
        }
        return new PropagationReport(fq, w.expected, w.current.toString(), w.chain, zoneName,
                w.problems.stream().map(Msg::english).toList(), results, clock.instant(), w.problems);
    }

    /** Zone, servers and answers for {@code w.current}; follows a CNAME found there. */
    private CompletableFuture<Void> hop(Walk w, int hop) {
        return answersFor(w).thenCompose(v -> cnameAt(w)).thenCompose(target -> {
            if (target == null) {
                return CompletableFuture.completedFuture(null);
            }
            w.chain.add(w.current + " -> " + target);
            if (!w.visited.add(target)) {
                w.problems.add(Msg.of("core.dns.problem.cnameLoop", target.toString()));
                return CompletableFuture.completedFuture(null);
            }
            if (hop + 1 >= MAX_CNAME_HOPS) {
                w.problems.add(Msg.of("core.dns.problem.cnameHops", String.valueOf(MAX_CNAME_HOPS), target.toString()));
                return CompletableFuture.completedFuture(null);
            }
            w.current = target;
            return hop(w, hop + 1);
        });
    }

    /** Asks the servers of the parent's zone; falls back to the name's own zone lookup at a zone cut. */
    private CompletableFuture<Void> answersFor(Walk w) {
        Name name = w.current;
        CompletableFuture<ZoneInfo> guess = name.labels() > 2 ? zoneOf(new Name(name, 1)) : zoneOf(name);
        return guess.thenCompose(z -> askZone(z, name).thenCompose(found -> {
            if (!crossesCut(found, z.zone, name)) {
                return CompletableFuture.completedFuture(found);
            }
            return zoneOf(name).thenCompose(own -> askZone(own, name));
        })).exceptionallyCompose(ex -> zoneOf(name).thenCompose(own -> askZone(own, name)))
                .thenAccept(found -> {
                    w.zone = found.zone;
                    w.answers = found.answers;
                    if (!found.problems.isEmpty()) {
                        for (Msg p : found.problems) {
                            if (!w.problems.contains(p)) {
                                w.problems.add(p);
                            }
                        }
                    }
                });
    }

    private record ZoneAnswers(ZoneInfo zone, List<Answer> answers, List<Msg> problems) {
    }

    private CompletableFuture<ZoneAnswers> askZone(ZoneInfo z, Name name) {
        return serversOf(z).thenCompose(s -> {
            List<Msg> problems = new ArrayList<>(s.problems);
            if (s.list.isEmpty()) {
                problems.add(Msg.of("core.dns.problem.noServerAddress", z.zone.toString()));
            }
            List<CompletableFuture<Answer>> asked = new ArrayList<>();
            for (AuthServer a : s.list) {
                asked.add(pool.query(a.address, name, Type.TXT, false, timeout, retries)
                        .handle((m, ex) -> new Answer(a, m, ex == null ? null : reason(ex))));
            }
            return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<Answer> out = new ArrayList<>();
                asked.forEach(f -> out.add(f.join()));
                return new ZoneAnswers(z, out, problems);
            });
        });
    }

    /** True when an answer shows that {@code name} lies in a zone below {@code zone} (referral or its SOA). */
    private static boolean crossesCut(ZoneAnswers found, Name zone, Name name) {
        for (Answer a : found.answers) {
            if (a.message == null) {
                continue;
            }
            for (Record rec : a.message.getSection(Section.AUTHORITY)) {
                Name owner = rec.getName();
                boolean below = !owner.equals(zone) && owner.subdomain(zone) && name.subdomain(owner);
                if (below && (rec instanceof NSRecord || rec instanceof SOARecord)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The CNAME at the name per the first authoritative answer, else per the bootstrap resolver; or null. */
    private CompletableFuture<Name> cnameAt(Walk w) {
        for (Answer a : w.answers) {
            Message r = a.message;
            if (r != null && (r.getRcode() == Rcode.NOERROR || r.getRcode() == Rcode.NXDOMAIN)
                    && r.getHeader().getFlag(Flags.AA)) {
                return CompletableFuture.completedFuture(cnameIn(r, w.current));
            }
        }
        return askBootstrap(w.current, Type.TXT).thenApply(r -> cnameIn(r, w.current));
    }

    private static Name cnameIn(Message r, Name owner) {
        for (Record rec : r.getSection(Section.ANSWER)) {
            if (rec instanceof CNAMERecord c && rec.getName().equals(owner)) {
                return c.getTarget();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ zones

    /** The zone holding {@code name}, found once per name for the whole batch. */
    private CompletableFuture<ZoneInfo> zoneOf(Name name) {
        CompletableFuture<ZoneInfo> f = zones.get(name);
        if (f == null) {
            CompletableFuture<ZoneInfo> mine = new CompletableFuture<>();
            f = zones.putIfAbsent(name, mine);
            if (f == null) {
                f = mine;
                walkUp(name, name).whenComplete((z, ex) -> {
                    if (ex != null) {
                        mine.completeExceptionally(ex);
                    } else {
                        mine.complete(z);
                    }
                });
            }
        }
        return f;
    }

    /** Walks up from the name to the zone cut: NS at the name, a referral, or the SOA in a negative answer. */
    private CompletableFuture<ZoneInfo> walkUp(Name original, Name cur) {
        return askBootstrap(cur, Type.NS).thenCompose(r -> {
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
                return CompletableFuture.completedFuture(new ZoneInfo(cur, ns, glue(r)));
            }
            if (!cnameHere) {
                for (Record rec : r.getSection(Section.AUTHORITY)) {
                    if (rec instanceof SOARecord && cur.subdomain(rec.getName()) && !rec.getName().equals(cur)) {
                        Name z = rec.getName();
                        return askBootstrap(z, Type.NS).thenCompose(nr -> {
                            List<Name> zns = new ArrayList<>();
                            for (Record x : nr.getSection(Section.ANSWER)) {
                                if (x instanceof NSRecord n && x.getName().equals(z)) {
                                    zns.add(n.getTarget());
                                }
                            }
                            if (zns.isEmpty()) {
                                return CompletableFuture.failedFuture(
                                        new LookupProblem("the zone " + z + " has no NS records"));
                            }
                            zns.sort(null);
                            return CompletableFuture.completedFuture(new ZoneInfo(z, zns, glue(nr)));
                        });
                    }
                }
            }
            if (cur.labels() <= 1) {
                return CompletableFuture.failedFuture(new LookupProblem("could not find the zone of " + original
                        + " (no SOA/NS found up to the root)"));
            }
            return walkUp(original, new Name(cur, 1));
        });
    }

    private static Map<Name, List<InetAddress>> glue(Message r) {
        Map<Name, List<InetAddress>> glue = new LinkedHashMap<>();
        for (Record rec : r.getSection(Section.ADDITIONAL)) {
            InetAddress a = rec instanceof ARecord ar ? ar.getAddress()
                    : rec instanceof AAAARecord aa ? aa.getAddress() : null;
            if (a != null) {
                List<InetAddress> l = glue.computeIfAbsent(rec.getName(), k -> new ArrayList<>());
                if (!l.contains(a)) {
                    l.add(a);
                }
            }
        }
        return glue;
    }

    /** Every address of every NS host of the zone, once per zone; hosts without an address become problems. */
    private CompletableFuture<Servers> serversOf(ZoneInfo z) {
        return servers.computeIfAbsent(z.zone, k -> {
            List<CompletableFuture<List<AuthServer>>> perHost = new ArrayList<>();
            List<Msg> problems = new ArrayList<>();
            for (Name host : z.nameServers) {
                List<InetAddress> glued = z.glue.getOrDefault(host, List.of());
                if (!glued.isEmpty()) {
                    perHost.add(CompletableFuture.completedFuture(at(host, glued)));
                    continue;
                }
                CompletableFuture<Message> a = askBootstrap(host, Type.A);
                CompletableFuture<Message> aaaa = askBootstrap(host, Type.AAAA);
                perHost.add(a.handle((m, ex) -> m).thenCombine(aaaa.handle((m, ex) -> m), (ma, m6) -> {
                    List<InetAddress> addrs = new ArrayList<>();
                    for (Message m : new Message[] {ma, m6}) {
                        if (m == null) {
                            continue;
                        }
                        for (Record rec : m.getSection(Section.ANSWER)) {
                            if (rec instanceof ARecord r4) {
                                addrs.add(r4.getAddress());
                            } else if (rec instanceof AAAARecord r6) {
                                addrs.add(r6.getAddress());
                            }
                        }
                    }
                    if (addrs.isEmpty()) {
                        String failure = aaaa.isCompletedExceptionally() ? reason(aaaa)
                                : a.isCompletedExceptionally() ? reason(a) : null;
                        Msg p = failure == null ? Msg.of("core.dns.problem.nsNoRecord", host.toString())
                                : Msg.of("core.dns.problem.nsNoAddress", host.toString(), failure);
                        synchronized (problems) {
                            if (!problems.contains(p)) {
                                problems.add(p);
                            }
                        }
                    }
                    return at(host, addrs);
                }));
            }
            return CompletableFuture.allOf(perHost.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<AuthServer> out = new ArrayList<>();
                perHost.forEach(f -> out.addAll(f.join()));
                return new Servers(out, List.copyOf(problems));
            });
        });
    }

    private List<AuthServer> at(Name host, List<InetAddress> addrs) {
        List<AuthServer> out = new ArrayList<>();
        for (InetAddress a : addrs) {
            out.add(new AuthServer(host, new InetSocketAddress(a, authoritativePort)));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ asking

    /** A recursive query to the bootstrap resolvers, once per name and type; first NOERROR/NXDOMAIN answer wins. */
    private CompletableFuture<Message> askBootstrap(Name name, int type) {
        return bootstrapAnswers.computeIfAbsent(name + "/" + type, k -> {
            if (bootstrap.isEmpty()) {
                return CompletableFuture.failedFuture(new LookupProblem(
                        "no bootstrap resolver: the system has none configured and none was given"));
            }
            return askBootstrap(name, type, 0, new ArrayList<>());
        });
    }

    private CompletableFuture<Message> askBootstrap(Name name, int type, int index, List<String> reasons) {
        if (index >= bootstrap.size()) {
            return CompletableFuture.failedFuture(new LookupProblem("looking up " + Type.string(type) + " " + name
                    + " failed: " + String.join("; ", reasons)));
        }
        ResolverSpec spec = bootstrap.get(index);
        InetSocketAddress addr;
        try {
            addr = spec.socketAddress();
        } catch (UnknownHostException e) {
            reasons.add(spec + ": unknown host");
            return askBootstrap(name, type, index + 1, reasons);
        }
        return pool.query(addr, name, type, true, timeout, retries).handle((r, ex) -> {
            if (ex != null) {
                reasons.add(spec + ": " + reason(ex));
                return null;
            }
            int rc = r.getRcode();
            if (rc == Rcode.NOERROR || rc == Rcode.NXDOMAIN) {
                return r;
            }
            reasons.add(spec + " answered " + Rcode.string(rc));
            return null;
        }).thenCompose(r -> r != null ? CompletableFuture.completedFuture(r)
                : askBootstrap(name, type, index + 1, reasons));
    }

    CompletableFuture<ServerResult> askResolver(ResolverSpec spec, Name name, String expected) {
        String server = spec.toString();
        InetSocketAddress a;
        try {
            a = spec.socketAddress();
        } catch (UnknownHostException e) {
            return CompletableFuture.completedFuture(
                    TxtEvaluation.failed(server, server, ServerKind.RESOLVER, "unknown host " + spec.host()));
        }
        String addr = DnsQueries.hostPort(a);
        return pool.query(a, name, Type.TXT, true, timeout, retries).handle((r, ex) -> ex != null
                ? TxtEvaluation.failed(server, addr, ServerKind.RESOLVER, reason(ex))
                : TxtEvaluation.resolver(server, addr, r, name, expected));
    }

    private static String reason(CompletableFuture<?> failed) {
        try {
            failed.join();
            return null;
        } catch (CompletionException e) {
            return reason(e);
        }
    }

    static String reason(Throwable ex) {
        Throwable c = ex;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return DnsQueries.describe(c);
    }
}
