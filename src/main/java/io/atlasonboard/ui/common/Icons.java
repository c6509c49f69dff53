package io.atlasonboard.ui.common;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javafx.application.Platform;
import javafx.scene.control.Labeled;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The icon font made ready off the FX thread: Ikonli's first icon finds its handlers, loads the icon fonts and the
 * icon pack's tables (about a tenth of the first window's start-up, issue 12). {@link #later} gives a control its icon
 * once that is done; the window's first frame does not wait for it. The warm-up's icons are the first ones handed out
 * (a node not yet in a scene may be made on any thread): even a ready icon font cost the FX thread a few milliseconds
 * per cold FontIcon in the stall walk's first unlock-screen gap.
 */
public final class Icons {
    private static CompletableFuture<Void> ready;
    private static final Map<String, FontIcon> MADE = new ConcurrentHashMap<>();

    private Icons() {
    }

    /** Starts readying the icon font for {@code literals} (once; call on the FX thread). */
    public static synchronized CompletableFuture<Void> warmUp(String... literals) {
        if (ready == null) {
            ready = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    for (String l : literals) {
                        // a node not in a scene may be made and measured on any thread: the measuring loads the
                        // fallback fonts the icon's glyph is mapped through
                        FontIcon icon = new FontIcon(l);
                        icon.getLayoutBounds();
                        MADE.putIfAbsent(l, icon);
                    }
                } catch (RuntimeException | LinkageError e) {
                    // the FX thread then makes the icon itself (and sees the same failure, if any)
                } finally {
                    ready.complete(null);
                }
            }, "icon-font");
            t.setDaemon(true);
            t.start();
        }
        return ready;
    }

    /** Gives {@code control} the icon {@code literal} as soon as the icon font is ready (on the FX thread). */
    public static void later(Labeled control, String literal) {
        CompletableFuture<Void> r = warmUp(literal);
        if (r.isDone()) {
            control.setGraphic(icon(literal));
        } else {
            r.thenRun(() -> Platform.runLater(() -> control.setGraphic(icon(literal))));
        }
    }

    /** An icon for a control (FX thread): the warm-up's own, the first time, when it made one for {@code literal}. */
    public static FontIcon icon(String literal) {
        FontIcon made = MADE.remove(literal);
        return made != null ? made : new FontIcon(literal);
    }
}
