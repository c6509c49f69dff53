package io.atlasonboard.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/** The one way the UI asks the user to confirm a destructive action (delete, revoke, discard). */
@FunctionalInterface
public interface Confirmer {
    /** True when the user confirmed. Called on the UI thread. */
    boolean confirm(Node owner, String title, String question, String confirmLabel);

    /** A modal {@link Alert} naming the thing acted on; Cancel is the default button. */
    static Confirmer alerts() {
        return (owner, title, question, confirmLabel) -> {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION);
            a.setTitle(title);
            a.setHeaderText(title);
            a.setContentText(question);
            ButtonType ok = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
            ButtonType cancel = new ButtonType(I18n.t("ui.common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
            a.getButtonTypes().setAll(ok, cancel);
            a.getDialogPane().setId("confirmDialog");
            ((javafx.scene.control.Button) a.getDialogPane().lookupButton(ok)).setDefaultButton(false);
            ((javafx.scene.control.Button) a.getDialogPane().lookupButton(ok)).setId("confirmOk");
            ((javafx.scene.control.Button) a.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
            ((javafx.scene.control.Button) a.getDialogPane().lookupButton(cancel)).setId("confirmCancel");
            if (owner != null && owner.getScene() != null) {
                javafx.stage.Window w = owner.getScene().getWindow();
                a.initOwner(w);
                // centred over the window that asked (not the screen's corner); the owner keeps its maximized state
                a.setOnShown(e -> {
                    javafx.stage.Window d = a.getDialogPane().getScene().getWindow();
                    d.setX(w.getX() + Math.max(0, (w.getWidth() - d.getWidth()) / 2));
                    d.setY(w.getY() + Math.max(0, (w.getHeight() - d.getHeight()) / 3));
                });
            }
            return a.showAndWait().filter(ok::equals).isPresent();
        };
    }
}
