package io.atlasonboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.claims.ClaimResult;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.claims.VerifyResult;
import io.atlasonboard.core.providers.ProviderClients;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.ProgressSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 200 claims created, and 200 claims verified, in process with the store already open (what {@code dns claim} and
 * {@code dns verify} do after start-up and unlock), against the sandbox that bench/run started. Each iteration uses
 * 200 new names; for "verified" the claims are created and their TXT records published in the sandbox zone before
 * the iteration (untimed). Properties: {@code bench.home} (a store holding provider {@code bench.provider}, default
 * "bench"; not open in another process), {@code bench.pass} (its passphrase file), {@code bench.ca} (the sandbox's
 * server CA, for publishing through its portal), {@code bench.portal} (the sandbox's base URL), optionally
 * {@code bench.concurrency} (the claim service's concurrency, as {@code --concurrency}; unset: the product's default).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class ClaimsBench {

    private static final AtomicInteger ROUND = new AtomicInteger();

    /** The open store, the provider's client and the claim service (as the CLI builds them). */
    @State(Scope.Benchmark)
    public static class Session {
        Store store;
        AtlasClient client;
        ClaimService service;
        HttpClient portal;
        String portalUrl;
        final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

        @Setup(Level.Trial)
        public void open() throws Exception {
            if (System.getProperty("bench.home") == null) {
                throw new IllegalStateException("ClaimsBench needs -Dbench.home etc.: bench/run's claims section runs it");
            }
            char[] pass = Files.readAllLines(Path.of(System.getProperty("bench.pass"))).get(0).toCharArray();
            store = Store.open(Path.of(System.getProperty("bench.home")), pass);
            ProviderRecord p = ProviderClients.find(store, System.getProperty("bench.provider", "bench"));
            client = ProviderClients.open(store, p, null);
            service = new ClaimService(store, p, client);
            String n = System.getProperty("bench.concurrency");
            if (n != null) { // what `dns claim` / `dns verify --concurrency N` set; unset: the product's default
                service.concurrency(Integer.parseInt(n));
            }
            portalUrl = System.getProperty("bench.portal");
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            try (var in = Files.newInputStream(Path.of(System.getProperty("bench.ca")))) {
                ts.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            portal = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1).build();
        }

        @TearDown(Level.Trial)
        public void close() {
            client.close();
            store.close();
        }

        List<String> freshNames() {
            int r = ROUND.incrementAndGet();
            List<String> names = new ArrayList<>(200);
            for (int i = 0; i < 200; i++) {
                names.add("d" + i + ".j" + r + "-" + run + ".claims.bench-example.com");
            }
            return names;
        }

        void publish(ClaimResult r) throws Exception {
            String body = "{\"name\":\"" + r.domain() + "\",\"value\":\"" + r.claim().token() + "\"}";
            HttpResponse<Void> a = portal.send(HttpRequest.newBuilder(URI.create(portalUrl + "/portal/sandbox-dns"))
                    .header("Content-Type", "application/json;charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (a.statusCode() != 204) {
                throw new IllegalStateException("publishing " + r.domain() + ": HTTP " + a.statusCode());
            }
        }
    }

    /**
     * The process's CPU time (all threads: the batch, the HTTP client, the JIT, GC) over the timed part of one
     * iteration, printed to the benchmark's output as "cpu: N ms" (bench/run reports the median beside the time).
     */
    abstract static class Cpu {
        private long start;
        private Map<String, Long> threadsAtStart;

        void started() {
            threadsAtStart = threadTicks();
            start = cpuNanos();
        }

        @TearDown(Level.Iteration)
        public void report() {
            long cpu = cpuNanos() - start;
            Map<String, Long> now = threadTicks();
            Map<String, Long> by = new java.util.TreeMap<>();
            now.forEach((k, v) -> by.merge(k.replaceAll("[-#]?\\d+$", ""), v - threadsAtStart.getOrDefault(k, 0L),
                    Long::sum));
            StringBuilder sb = new StringBuilder();
            by.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .forEach(e -> sb.append(", ").append(e.getKey()).append(' ').append(e.getValue() * 10).append(" ms"));
            System.out.println("cpu: " + cpu / 1_000_000 + " ms" + (sb.length() == 0 ? "" : " (" + sb.substring(2) + ")"));
        }

        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** Linux: user+system clock ticks (10 ms) per thread (/proc/self/task), by thread id and name. */
        private static Map<String, Long> threadTicks() {
            Map<String, Long> out = new java.util.HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        out.put(name + "#" + t.getFileName(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    } catch (java.io.IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (java.io.IOException e) {
                // not Linux: the total alone
            }
            return out;
        }
    }

    /** 200 names no claim exists for. */
    @State(Scope.Benchmark)
    public static class Fresh extends Cpu {
        List<String> names;

        @Setup(Level.Iteration)
        public void next(Session s) {
            names = s.freshNames();
            started();
        }
    }

    /** 200 names claimed, their TXT records published in the sandbox zone. */
    @State(Scope.Benchmark)
    public static class Claimed extends Cpu {
        List<String> names;

        @Setup(Level.Iteration)
        public void next(Session s) throws Exception {
            names = s.freshNames();
            for (ClaimResult r : created(s, names)) {
                s.publish(r);
            }
            started();
        }
    }

    static List<ClaimResult> created(Session s, List<String> names) {
        List<ClaimResult> out = s.service.claim(names, ProgressSink.NONE);
        for (ClaimResult r : out) {
            if (!r.ok() || !r.created()) {
                throw new IllegalStateException(r.domain() + " was not created: " + r.error());
            }
        }
        return out;
    }

    @Benchmark
    public List<ClaimResult> claims200Created(Session s, Fresh f) {
        return created(s, f.names);
    }

    @Benchmark
    public Map<String, VerifyResult> claims200Verified(Session s, Claimed c) {
        Map<String, VerifyResult> out = s.service.verify(c.names,
                ClaimService.VerifyOptions.waitFor(Duration.ofSeconds(30)), ProgressSink.NONE);
        for (VerifyResult r : out.values()) {
            if (r.state() != VerifyResult.State.VERIFIED) {
                throw new IllegalStateException(r.describe());
            }
        }
        return out;
    }
}
