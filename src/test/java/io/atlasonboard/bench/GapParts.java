package io.atlasonboard.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * FxStallWalk's accounting of a gap between two pulses (called on the FX thread once per pulse): where the wall time
 * went. {@code fx} is the FX thread's own CPU, {@code runq} the time it was runnable but waiting for a core (Linux
 * {@code /proc/thread-self/schedstat}), {@code blocked} the rest of the wall (sleeping: the pulse timer, waiting for
 * the render thread's lock, a safepoint), {@code render} the CPU the render thread ({@code QuantumRenderer}, which
 * under Monocle with prism sw paints in software) used in the same gap, {@code gc} the collectors' pause time in it
 * (the young/mixed pauses; G1's remark and cleanup pauses are not in JDK 17's beans). Without schedstat (not Linux)
 * runq is 0 and blocked holds it. {@link #threadTotals()} gives each thread group's CPU and run-queue wait over the
 * process's life from {@code /proc/self/task} (compiler and GC threads included, threads that ended not).
 */
final class GapParts {
    private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
    private long renderId = -1;
    private long lastRender;
    private long lastRunq;
    private long lastGc;
    private double fx;
    private double runq;
    private double render;
    private double gc;
    private double wall;

    /** One pulse: takes the counters, keeps the deltas since the last pulse. */
    void next(long wallNs, long fxCpuNs) {
        if (renderId < 0) {
            renderId = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).findFirst()
                    .orElse(0);
        }
        long r = renderId > 0 ? Math.max(0, mx.getThreadCpuTime(renderId)) : 0;
        long q = ownRunqWait();
        long g = 0;
        for (GarbageCollectorMXBean b : gcs) {
            g += Math.max(0, b.getCollectionTime());
        }
        wall = wallNs / 1e6;
        fx = fxCpuNs / 1e6;
        render = (r - lastRender) / 1e6;
        runq = (q - lastRunq) / 1e6;
        gc = g - lastGc;
        lastRender = r;
        lastRunq = q;
        lastGc = g;
    }

    /** The last gap's parts, as {@code wall=MS fx=MS runq=MS blocked=MS render=MS gc=MS}. */
    String describe() {
        return String.format(Locale.ROOT, "wall=%.0f fx=%.0f runq=%.0f blocked=%.0f render=%.0f gc=%.0f", wall, fx,
                runq, Math.max(0, wall - fx - runq), render, gc);
    }

    private static long ownRunqWait() {
        try {
            String[] f = Files.readString(SCHEDSTAT, StandardCharsets.US_ASCII).trim().split(" ");
            return Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * {@code thread GROUP cpu=MS runq=MS n=COUNT} per group of live threads (digits in the name folded, so the
     * compiler threads, GC workers and pool threads are one line each), most CPU first.
     */
    static List<String> threadTotals() {
        Map<String, long[]> by = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).trim()
                            .replaceAll("[0-9]+", "N");
                    String[] s = Files.readString(t.resolve("schedstat"), StandardCharsets.US_ASCII).trim()
                            .split(" ");
                    long[] v = by.computeIfAbsent(name, k -> new long[3]);
                    v[0] += Long.parseLong(s[0]);
                    v[1] += Long.parseLong(s[1]);
                    v[2]++;
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        by.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> out.add(String.format(Locale.ROOT, "thread %s cpu=%.0f runq=%.0f n=%d",
                        e.getKey().replace(' ', '_'), e.getValue()[0] / 1e6, e.getValue()[1] / 1e6,
                        e.getValue()[2])));
        return out;
    }
}
