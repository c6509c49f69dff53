package io.atlasonboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * FxStallWalk's sampler ({@code -Dbench.sample=true}): while the FX heartbeat has not ticked for over 50 ms, takes the
 * FX thread's stack every 5 ms; when the gap closes, prints to stderr {@code gap PHASE MS (N samples)} and the
 * frames seen, most frequent first (the top frames and the first application frames), so a stall names its call.
 * With {@code -Dbench.stacks=FILE} it also writes every sample's whole stack there, one line each
 * ({@code PHASE GAPMS@STARTMS frame;frame;...}, outermost first, STARTMS the JVM's uptime when the gap began, as
 * {@code -Xlog:gc} stamps its pauses: a collapsed-stack file for a flame graph or a script).
 */
final class StallSampler {
    private static final long OPEN_NS = 50_000_000L;
    private static java.io.PrintStream stacks;

    private StallSampler() {
    }

    static void start(LongSupplier lastPulse, Supplier<Thread> fx, Supplier<String> phase) {
        String file = System.getProperty("bench.stacks");
        if (file != null) {
            try {
                stacks = new java.io.PrintStream(new java.io.FileOutputStream(file), true,
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Thread t = new Thread(() -> {
            long gapOf = 0;
            List<StackTraceElement[]> samples = new ArrayList<>();
            String gapPhase = "";
            long gapStart = 0;
            while (true) {
                long last = lastPulse.getAsLong();
                long now = System.nanoTime();
                if (last != 0 && now - last > OPEN_NS) {
                    if (gapOf != last) {
                        report(gapOf, samples, gapPhase, last, gapStart);
                        gapOf = last;
                        samples.clear();
                        gapPhase = phase.get();
                        gapStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                                - (now - last) / 1_000_000L;
                    }
                    samples.add(fx.get().getStackTrace());
                } else if (gapOf != 0 && gapOf != last) {
                    report(gapOf, samples, gapPhase, last, gapStart);
                    gapOf = 0;
                    samples.clear();
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-stall-sampler");
        t.setDaemon(true);
        t.start();
    }

    private static void report(long from, List<StackTraceElement[]> samples, String phase, long to,
            long startUptime) {
        if (from == 0 || samples.isEmpty()) {
            return;
        }
        double ms = (to - from) / 1e6;
        if (stacks != null) {
            for (StackTraceElement[] st : samples) {
                StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "%s %.0f@%d ", phase, ms,
                        startUptime));
                for (int i = st.length - 1; i >= 0; i--) {
                    line.append(st[i].getClassName()).append('.').append(st[i].getMethodName()).append(':')
                            .append(st[i].getLineNumber()).append(i > 0 ? ";" : "");
                }
                stacks.println(line);
            }
        }
        Map<String, Integer> count = new LinkedHashMap<>();
        for (StackTraceElement[] st : samples) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            int app = 0;
            String leaf = null;
            for (int i = 0; i < st.length; i++) {
                String f = st[i].toString();
                String cls = st[i].getClassName();
                boolean mine = cls.startsWith("io.atlasonboard.") && !cls.startsWith("io.atlasonboard.bench.");
                if (mine && leaf == null) {
                    leaf = f;
                }
                if ((i < 6 || mine && app++ < 12) && seen.add(f)) {
                    count.merge((i < 6 ? "top " : "app ") + f, 1, Integer::sum);
                }
            }
            count.merge("in  " + (leaf == null ? "(no application frame: the pulse's CSS, layout, render)" : leaf), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "gap %s %.0f ms (%d samples)%n",
                phase, ms, samples.size()));
        for (String kind : new String[] {"in  ", "top ", "app "}) {
            count.entrySet().stream().filter(e -> e.getKey().startsWith(kind))
                    .sorted((a, c) -> c.getValue() - a.getValue()).limit(kind.equals("app ") ? 30 : 12)
                    .forEach(e -> b.append("    ").append(e.getValue()).append(' ').append(e.getKey()).append('\n'));
        }
        System.err.print(b);
    }
}
