package io.atlasonboard.ui.common;

import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.Labeled;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The icon font made ready off the FX thread: Ikonli's first icon finds its handlers, loads the icon fonts and the
 * icon pack's tables (about a tenth of the first window's start-up, issue 12). {@link #later} gives a control its icon
 * once that is done; the window's first frame does not wait for it.
 */
public final class Icons {
    private static CompletableFuture<Void> ready;

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
                        new FontIcon(l).getLayoutBounds();
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
            control.setGraphic(new FontIcon(literal));
        } else {
            r.thenRun(() -> Platform.runLater(() -> control.setGraphic(new FontIcon(literal))));
        }
    }
}
