package io.atlasonboard.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * A big screen put together over several frames instead of in one (issue 12: no FX-thread stall over 50 ms): each
 * piece runs at the start of its own pulse, so that pulse's CSS and layout pass only styles what the piece added.
 * The first piece waits one pulse, the one that styles and lays out what was built before (a screen shown between
 * two pulses is styled by the next one). Call on the FX thread; the pieces run on it.
 */
public final class Slices {
    private final Deque<Runnable> pieces = new ArrayDeque<>();
    private final AnimationTimer timer;
    private int wait = 1;

    private Slices(List<Runnable> work) {
        pieces.addAll(work);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (wait > 0) {
                    wait--;
                    return;
                }
                Runnable r = pieces.poll();
                if (r == null) {
                    stop();
                    return;
                }
                r.run();
                if (pieces.isEmpty()) {
                    stop();
                }
            }
        };
    }

    /** Runs {@code pieces} one per pulse, starting with the pulse after the next. */
    public static Slices run(List<Runnable> pieces) {
        Slices s = new Slices(pieces);
        if (!pieces.isEmpty()) {
            s.timer.start();
        }
        return s;
    }

    /**
     * Adds {@code nodes} to {@code parent}: the first {@code first} at once, then {@code per} a pulse (a list of a few
     * hundred lines shows its top at once and the rest a frame or two later).
     */
    public static Slices append(Pane parent, List<? extends Node> nodes, int first, int per) {
        int now = Math.min(first, nodes.size());
        parent.getChildren().setAll(nodes.subList(0, now));
        List<Runnable> later = new java.util.ArrayList<>();
        for (int i = now; i < nodes.size(); i += per) {
            List<? extends Node> part = nodes.subList(i, Math.min(nodes.size(), i + per));
            later.add(() -> parent.getChildren().addAll(part));
        }
        return run(later);
    }

    /** Stops what has not run yet (the screen was left or rebuilt). */
    public void cancel() {
        pieces.clear();
        timer.stop();
    }

    /** Runs what has not run yet at once (before the screen is read or closed). */
    public void finish() {
        timer.stop();
        Runnable r;
        while ((r = pieces.poll()) != null) {
            r.run();
        }
    }

    /** Whether every piece has run. */
    public boolean done() {
        return pieces.isEmpty();
    }
}
