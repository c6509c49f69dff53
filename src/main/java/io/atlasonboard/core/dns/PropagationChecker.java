package io.atlasonboard.core.dns;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.atlasonboard.core.tasks.ProgressSink;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Checks whether a TXT value has reached every authoritative name server of the zone (asked directly, recursion off)
 * and any resolvers the user configured. A dead server is an ERROR for that server after {@code timeout * (retries+1)},
 * never a hang. Many names are checked in one call ({@link #checkAll}): all their questions are in flight together
 * (bounded), and the zone, name servers and addresses shared by names are looked up once.
 */
public final class PropagationChecker {

    private final List<ResolverSpec> bootstrap;
    private final int authoritativePort;
    private final Duration timeout;
    private final int retries;
    private final int maxInFlight;
    private final Clock clock;

    private PropagationChecker(Builder b) {
        this.bootstrap = List.copyOf(b.bootstrap);
        this.authoritativePort = b.authoritativePort;
        this.timeout = b.timeout;
        this.retries = b.retries;
        this.maxInFlight = b.maxInFlight;
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
        private int maxInFlight = 64;
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

        /** Most DNS questions in flight at once, over all names and servers of a check (default 64). */
        public Builder maxInFlight(int n) {
            this.maxInFlight = Math.max(1, n);
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
        return checkAll(List.of(new TxtCheck(domain, expectedValue)), extraResolvers, null, null).get(0);
    }

    /**
     * Checks every name at once; returns one report per name, in the given order.
     *
     * @param extraResolvers resolvers asked in addition for every name (recursion on)
     * @param listener       told about each name as soon as it is complete (null for none)
     * @param cancelled      polled; once true no further question is sent and the check ends (null for never)
     * @throws java.util.concurrent.CancellationException when cancelled or interrupted before every name finished
     */
    public List<PropagationReport> checkAll(List<TxtCheck> names, List<ResolverSpec> extraResolvers,
                                            PropagationListener listener, BooleanSupplier cancelled) {
        List<ResolverSpec> extra = extraResolvers == null ? List.of() : List.copyOf(extraResolvers);
        PropagationListener tell = listener == null ? PropagationListener.NONE : listener;
        BooleanSupplier stop = cancelled == null ? () -> false : cancelled;
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> fqs = new ArrayList<>();
        List<Name> starts = new ArrayList<>();
        for (TxtCheck c : names) {
            String fq = TxtRecordPresentation.fqdn(c.domain());
            fqs.add(fq);
            starts.add(name(fq));
        }
        AtomicBoolean interrupted = new AtomicBoolean();
        BooleanSupplier halt = () -> interrupted.get() || stop.getAsBoolean();
        ExecutorService exec = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "dns-check");
            t.setDaemon(true);
            return t;
        });
        try {
            PropagationBatch batch = new PropagationBatch(bootstrap(), authoritativePort, timeout, retries, clock,
                    maxInFlight, exec, halt);
            List<CompletableFuture<PropagationReport>> all = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                int index = i;
                all.add(batch.check(fqs.get(i), starts.get(i), names.get(i).expectedValue(), extra)
                        .whenComplete((r, ex) -> {
                            if (r != null) {
                                tell.reported(index, r);
                            }
                        }));
            }
            CompletableFuture<Void> done = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
            // every question ends by its own timeout; this bound only guards against a lost completion
            long perQuestion = timeout.toMillis() * (retries + 1L) + 1000;
            long questions = (long) names.size() * 8 + 16;
            long bound = perQuestion * (PropagationBatch.MAX_CNAME_HOPS + 4
                    + (questions + maxInFlight - 1) / maxInFlight);
            long end = System.nanoTime() + bound * 1_000_000L;
            while (!done.isDone()) {
                if (stop.getAsBoolean() || System.nanoTime() > end) {
                    interrupted.set(true);
                    throw new CancellationException("DNS check cancelled");
                }
                try {
                    done.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // poll the cancellation again
                } catch (ExecutionException e) {
                    throw new IllegalStateException("DNS check failed: " + DnsQueries.describe(e.getCause()),
                            e.getCause());
                }
            }
            if (stop.getAsBoolean()) {
                throw new CancellationException("DNS check cancelled");
            }
            List<PropagationReport> out = new ArrayList<>();
            for (CompletableFuture<PropagationReport> f : all) {
                out.add(f.join());
            }
            return out;
        } catch (InterruptedException e) {
            interrupted.set(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("DNS check interrupted");
        } finally {
            exec.shutdownNow();
        }
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
        Duration step = step(interval);
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
            if (!pause(step, s)) {
                return r;
            }
        }
    }

    /**
     * {@link #poll} for many names: each round re-checks only the names not yet seen by every server; reports
     * "n of m names" through the sink after each round. Returns the last report of every name, in order.
     *
     * @throws CancellationException when cancelled during the first round (later: the last reports are returned)
     */
    public List<PropagationReport> pollAll(List<TxtCheck> names, List<ResolverSpec> extraResolvers,
                                           Duration interval, Instant deadline, ProgressSink sink,
                                           PropagationListener listener) {
        ProgressSink s = sink == null ? ProgressSink.NONE : sink;
        PropagationListener tell = listener == null ? PropagationListener.NONE : listener;
        Duration step = step(interval);
        PropagationReport[] last = new PropagationReport[names.size()];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            open.add(i);
        }
        int round = 0;
        while (true) {
            round++;
            List<TxtCheck> ask = new ArrayList<>();
            for (int i : open) {
                ask.add(names.get(i));
            }
            List<Integer> asked = List.copyOf(open);
            List<PropagationReport> got;
            try {
                got = checkAll(ask, extraResolvers, (k, r) -> tell.reported(asked.get(k), r), s::isCancelled);
            } catch (CancellationException e) {
                if (round == 1) {
                    throw e;
                }
                return List.of(last);
            }
            open.clear();
            for (int k = 0; k < got.size(); k++) {
                last[asked.get(k)] = got.get(k);
                if (!got.get(k).allSee()) {
                    open.add(asked.get(k));
                }
            }
            int ok = names.size() - open.size();
            String summary = ok + " of " + names.size() + (names.size() == 1 ? " name is" : " names are")
                    + " seen by every server";
            if (open.isEmpty()) {
                s.update(1.0, summary);
                return List.of(last);
            }
            double fraction = names.isEmpty() ? 1 : (double) ok / names.size();
            if (deadline != null && !clock.instant().plus(step).isBefore(deadline.plusMillis(1))) {
                s.update(fraction, summary + " (deadline reached after " + round + " checks)");
                return List.of(last);
            }
            s.update(fraction, summary + "; checking again in " + step.toSeconds() + " s");
            if (!pause(step, s)) {
                return List.of(last);
            }
        }
    }

    private static Duration step(Duration interval) {
        return interval == null || interval.isNegative() || interval.isZero() ? Duration.ofSeconds(5) : interval;
    }

    /** Sleeps one interval in small steps; false when cancelled or interrupted. */
    private static boolean pause(Duration step, ProgressSink s) {
        long until = System.nanoTime() + step.toNanos();
        while (System.nanoTime() < until) {
            if (s.isCancelled()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !s.isCancelled();
    }

    /**
     * Asks one server (recursion desired) for the TXT records at {@code domain}, e.g. to confirm a dynamic update
     * on the server that took it. Reported as kind RESOLVER with the spec as its name.
     */
    public ServerResult checkServer(ResolverSpec server, String domain, String expectedValue) {
        Name n = name(TxtRecordPresentation.fqdn(domain));
        String spec = server.toString();
        InetSocketAddress a;
        try {
            a = server.socketAddress();
        } catch (UnknownHostException e) {
            return TxtEvaluation.failed(spec, spec, ServerKind.RESOLVER, "unknown host " + server.host());
        }
        String addr = DnsQueries.hostPort(a);
        try {
            Message r = DnsQueries.query(a, n, Type.TXT, true, timeout, retries);
            return TxtEvaluation.resolver(spec, addr, r, n, expectedValue);
        } catch (DnsQueries.QueryFailure e) {
            return TxtEvaluation.failed(spec, addr, ServerKind.RESOLVER, e.getMessage());
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
