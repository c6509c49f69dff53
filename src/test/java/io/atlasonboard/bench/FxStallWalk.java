package io.atlasonboard.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Window;
import org.testfx.api.FxToolkit;

/**
 * bench/run's GUI harness (not a test; surefire never runs it): an FX-thread heartbeat (an {@link AnimationTimer}, one
 * call per pulse) records the longest gap between two pulses while the sandbox walk ({@code SandboxWalkUiTest}: a
 * real key + CSR, the sandbox's mTLS certificate, the PKCS#12, a connection test Bad then Good, the DNS step, a
 * restart; run by reflection, JUnit's launcher is not on the test class path) runs headless under Monocle, per screen
 * (a gap that ends on another screen than it began counts as {@code screen-change}: building that screen; so does
 * the gap after it, which holds the new screen's first CSS and layout pass, the heartbeat running at a pulse's start). With
 * {@code idle} instead it records the same for a bare window doing nothing for as long (the peer). After the walk,
 * the 200-domain check in the DNS pane ({@link Dns200Walk}; {@code -Dbench.noDns200=true} skips it, {@code -Dbench.onlyDns200=true} runs only it;
 * {@code -Dbench.warmWalk=true} runs everything twice in the JVM, the second pass's phases prefixed {@code warm-}). Prints
 * {@code stall PHASE MS} lines (the longest gap), {@code cpu PHASE MS} lines (the most FX-thread CPU time within one
 * gap of that phase: on a loaded machine a long gap with little CPU is the thread waiting for a core, not work to
 * move), {@code cpusum PHASE MS} (all FX-thread CPU time in that phase), {@code parts PHASE ...} (where the longest gap's
 * wall went: {@link GapParts}), {@code thread GROUP cpu=MS runq=MS} (each thread group's CPU and run-queue wait over
 * the run) and {@code walk ok|failed}; {@code -Dbench.sample=true} names each gap's calls on stderr ({@link StallSampler}). Run under {@code /usr/bin/time -v} it also gives the GUI's peak RSS through the walk.
 */
public final class FxStallWalk {
    private static final Map<String, Double> MAX = new LinkedHashMap<>();
    /** Per phase: the most FX-thread CPU time spent within one gap (what the thread itself did, not the load). */
    private static final Map<String, Double> CPU = new LinkedHashMap<>();
    /** Per phase: all FX-thread CPU time spent in it (between pulses and in them). */
    private static final Map<String, Double> CPU_SUM = new LinkedHashMap<>();
    /** Per phase: where the longest gap's wall time went ({@link GapParts}). */
    private static final Map<String, String> PARTS = new LinkedHashMap<>();
    /** Set by the 200-domain part (its screen has the same ids as the walk's DNS step). */
    private static volatile String forced;
    private static volatile String phase = "start";
    private static volatile String prefix = "";
    /** The last pulse (System.nanoTime) and the FX thread, for the sampler. */
    private static volatile long lastPulse;
    private static volatile Thread fxThread;

    private FxStallWalk() {
    }

    public static void main(String[] args) throws Exception {
        boolean idle = args.length > 0 && args[0].equals("idle");
        // the walk test's screenshots (Png) render the scene on the FX thread: the test's stall, not the product's
        System.setProperty("atlas.test.noScreenshots", "true");
        long idleMs = args.length > 1 ? Long.parseLong(args[1]) : 20_000;
        FxToolkit.registerPrimaryStage();
        CountDownLatch started = new CountDownLatch(1);
        Platform.runLater(() -> {
            new AnimationTimer() {
                private long last;
                private boolean changed;
                private String firstOf = "";
                private long lastCpu;
                private final java.lang.management.ThreadMXBean mx =
                        java.lang.management.ManagementFactory.getThreadMXBean();
                private final GapParts parts = new GapParts();

                @Override
                public void handle(long now) {
                    String before = phase;
                    if (!idle) {
                        phase = phaseOf();
                    }
                    // the heartbeat runs at the start of a pulse, before its CSS and layout: a screen put in place
                    // between pulses is found by the first pulse that then styles and lays it out, so that pulse's
                    // CSS/layout falls into the next gap, which still belongs to building the screen
                    boolean changedBefore = changed;
                    changed = !before.equals(phase);
                    long cpu = mx.getCurrentThreadCpuTime();
                    parts.next(now - last, cpu - lastCpu);
                    if (last != 0) {
                        double gap = (now - last) / 1e6;
                        double cpuGap = (cpu - lastCpu) / 1e6;
                        // a gap that ends on another screen is that screen being built (its first layout and CSS);
                        // one that ends on the unlock screen from elsewhere is the window being composed (start-up)
                        String to = changedBefore && before.equals(phase) ? firstOf : phase;
                        String key = before.equals(phase) && !changedBefore ? phase
                                : prefix + (to.equals(prefix + "unlock") ? "first-window" : "screen-change");
                        if (changed) {
                            firstOf = phase;
                        }
                        synchronized (MAX) {
                            if (gap > MAX.getOrDefault(key, 0.0)) {
                                PARTS.put(key, parts.describe());
                            }
                            MAX.merge(key, gap, Math::max);
                            MAX.merge("overall", gap, Math::max);
                            CPU.merge(key, cpuGap, Math::max);
                            CPU_SUM.merge(key, cpuGap, Double::sum);
                        }
                    }
                    lastCpu = cpu;
                    last = now;
                    lastPulse = System.nanoTime();
                }
            }.start();
            fxThread = Thread.currentThread();
            started.countDown();
        });
        started.await();
        if (Boolean.getBoolean("bench.sample")) {
            StallSampler.start(() -> lastPulse, () -> fxThread, () -> phase);
        }
        boolean ok;
        if (idle) {
            FxToolkit.setupStage(s -> {
                s.setScene(new Scene(new javafx.scene.layout.StackPane(new javafx.scene.control.Label("idle")),
                        1100, 760));
                s.show();
            });
            phase = "idle";
            Thread.sleep(idleMs);
            ok = true;
        } else {
            // -Dbench.warmWalk=true: everything twice in the same JVM; the second pass's rows ("warm-" phases) show
            // what is left once the classes are loaded and the code is compiled
            ok = true;
            for (int pass = 0; ok && pass < (Boolean.getBoolean("bench.warmWalk") ? 2 : 1); pass++) {
                prefix = pass == 0 ? "" : "warm-";
                forced = null;
                ok = Boolean.getBoolean("bench.onlyDns200") || walk();
                if (ok && !Boolean.getBoolean("bench.noDns200")) {
                    try {
                        Dns200Walk.run(p -> forced = p);
                    } catch (Exception e) {
                        e.printStackTrace();
                        ok = false;
                    }
                }
            }
        }
        synchronized (MAX) {
            MAX.forEach((k, v) -> System.out.printf(java.util.Locale.ROOT, "stall %s %.1f%n", k, v));
            CPU.forEach((k, v) -> System.out.printf(java.util.Locale.ROOT, "cpu %s %.1f%n", k, v));
            CPU_SUM.forEach((k, v) -> System.out.printf(java.util.Locale.ROOT, "cpusum %s %.1f%n", k, v));
            PARTS.forEach((k, v) -> System.out.printf(java.util.Locale.ROOT, "parts %s %s%n", k, v));
        }
        for (String line : GapParts.threadTotals()) {
            System.out.println(line);
        }
        System.out.println("walk " + (ok ? "ok" : "failed"));
        System.out.flush();
        Runtime.getRuntime().halt(ok ? 0 : 1);
    }

    /** Runs the walk test's method as JUnit would (its @TempDir given by hand, its @AfterEach after it). */
    private static boolean walk() throws Exception {
        Class<?> c = Class.forName("io.atlasonboard.ui.SandboxWalkUiTest");
        java.lang.reflect.Constructor<?> k = c.getDeclaredConstructor();
        k.setAccessible(true);
        Object t = k.newInstance();
        java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("atlas-walk");
        java.lang.reflect.Field f = c.getDeclaredField("tmp");
        f.setAccessible(true);
        f.set(t, tmp);
        java.lang.reflect.Method m = c.getDeclaredMethod("walksTheWholeWizardInTheSandboxToGoodAndDns");
        java.lang.reflect.Method down = c.getDeclaredMethod("tearDown");
        m.setAccessible(true);
        down.setAccessible(true);
        try {
            m.invoke(t);
            return true;
        } catch (java.lang.reflect.InvocationTargetException e) {
            e.getCause().printStackTrace();
            return false;
        } finally {
            try {
                down.invoke(t);
            } finally {
                io.atlasonboard.testing.TempDirs.deleteQuietly(tmp); // the process halts; no @TempDir cleanup comes
            }
        }
    }

    /** The screen in the main window, from the ids the wizard's steps carry. */
    private static String phaseOf() {
        if (forced != null) {
            return prefix + forced;
        }
        return prefix + screen();
    }

    private static String screen() {
        for (Window w : Window.getWindows()) {
            Scene s = w.getScene();
            if (s == null || s.getRoot() == null) {
                continue;
            }
            if (s.lookup("#csrStep") != null) {
                return "key-generation";
            }
            if (s.lookup("#providerStep") != null || s.lookup("#connectionStep") != null) {
                return "connection-test";
            }
            if (s.lookup("#certificateStep") != null || s.lookup("#keystoreStep") != null) {
                return "mtls-and-pkcs12";
            }
            if (s.lookup("#dnsValidationView") != null) {
                return "dns-step";
            }
            if (s.lookup("#unlockTitle") != null) {
                return "unlock";
            }
        }
        return "other";
    }
}
