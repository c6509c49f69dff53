package io.atlasonboard.ui.shell;

import javafx.animation.AnimationTimer;
import javafx.stage.Stage;

/**
 * Benchmark hook, off unless {@code -Datlas.bench.firstFrame=true} (bench/run): once the window is showing, the
 * second animation pulse means the first frame was rendered (pulses run one after the other on the FX thread); it
 * prints {@value #MARK} with the milliseconds since the JVM started (then {@value #FX_CPU}, the FX thread's CPU
 * milliseconds so far) and ends the process at once, so that the
 * process's run time is its time to the first frame. bench/run measures a bare JavaFX window the same way. With
 * {@code -Datlas.bench.firstFrame=exit} it exits normally instead (packaging/appcds.sh records the classes of the
 * first window that way; a halted JVM writes no class list).
 */
final class FrameMark {
    static final String PROPERTY = "atlas.bench.firstFrame";
    static final String MARK = "atlas-first-frame";
    /** Printed after {@link #MARK}: the FX thread's CPU milliseconds up to the first frame. */
    static final String FX_CPU = "atlas-fx-cpu";

    private FrameMark() {
    }

    static boolean wanted() {
        String v = System.getProperty(PROPERTY);
        return "true".equals(v) || "exit".equals(v); // not user-visible
    }

    /** Call on the FX thread before {@code stage.show()}. */
    static void arm(Stage stage) {
        AnimationTimer t = new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (stage.isShowing() && ++pulses == 2) {
                    long ms = System.currentTimeMillis()
                            - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                    System.out.println(MARK + " " + ms); // not user-visible
                    // the FX thread's own CPU until then (what the window cost it, apart from waiting for a core)
                    System.out.println(FX_CPU + " " + java.lang.management.ManagementFactory.getThreadMXBean()
                            .getCurrentThreadCpuTime() / 1_000_000L); // not user-visible
                    System.out.flush();
                    if ("exit".equals(System.getProperty(PROPERTY))) { // not user-visible
                        stop();
                        javafx.application.Platform.exit();
                        System.exit(0);
                    }
                    Runtime.getRuntime().halt(0);
                }
            }
        };
        t.start();
    }
}
