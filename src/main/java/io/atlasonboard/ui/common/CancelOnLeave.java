package io.atlasonboard.ui.common;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * Runs a cancel action when a pane is left: its window hides (closed) or the pane leaves its scene (a wizard step
 * replaced by the next one). The action must be harmless when nothing runs.
 */
public final class CancelOnLeave {
    private CancelOnLeave() {
    }

    public static void install(Node pane, Runnable cancel) {
        javafx.event.EventHandler<WindowEvent> onHide = e -> cancel.run();
        javafx.beans.value.ChangeListener<Window> onWindow = (o, old, w) -> {
            if (old != null) {
                old.removeEventHandler(WindowEvent.WINDOW_HIDING, onHide);
            }
            if (w != null) {
                w.addEventHandler(WindowEvent.WINDOW_HIDING, onHide);
            }
        };
        pane.sceneProperty().addListener((o, old, scene) -> {
            if (old != null) {
                old.windowProperty().removeListener(onWindow);
                onWindow.changed(null, old.getWindow(), null);
            }
            if (scene == null) {
                cancel.run();
            } else {
                scene.windowProperty().addListener(onWindow);
                onWindow.changed(null, null, scene.getWindow());
            }
        });
        Scene now = pane.getScene();
        if (now != null) {
            now.windowProperty().addListener(onWindow);
            onWindow.changed(null, null, now.getWindow());
        }
    }
}
