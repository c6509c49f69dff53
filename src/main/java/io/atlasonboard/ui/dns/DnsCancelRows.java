package io.atlasonboard.ui.dns;

import io.atlasonboard.ui.common.I18n;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The DNS pane's Cancel rows: what is being waited for, and Cancel, shown only while it waits. */
final class DnsCancelRows {
    private DnsCancelRows() {
    }

    /** "Waiting for GlobalSign to verify a.example, b.example — Cancel". */
    static javafx.scene.layout.VBox verification(DnsValidationViewModel vm) {
        Label waiting = new Label();
        waiting.setId("verifyWaitingFor");
        waiting.setWrapText(true);
        waiting.setMinWidth(0);
        waiting.setMinHeight(Region.USE_PREF_SIZE);
        waiting.textProperty().bind(vm.verifyingProperty());
        Button cancel = button("cancelVerification", I18n.t("ui.dns.cancel.verifyA11y"));
        cancel.setOnAction(e -> vm.cancelVerification());
        javafx.scene.layout.VBox row = new javafx.scene.layout.VBox(6, waiting, cancel);
        row.setMinWidth(0);
        row.visibleProperty().bind(vm.verifyingProperty().isNotEmpty());
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /** The propagation summary ("Asking the name servers of …") with Cancel below it while the check runs. */
    static javafx.scene.layout.VBox propagation(DnsValidationViewModel vm, Label summary) {
        Button cancel = button("cancelPropagation", I18n.t("ui.dns.cancel.propagationA11y"));
        cancel.setOnAction(e -> vm.cancelPropagation());
        cancel.visibleProperty().bind(vm.checkingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        return new javafx.scene.layout.VBox(6, summary, cancel);
    }

    /** A label that wraps instead of being cut when a Cancel row makes the pane scroll (and so narrower). */
    static <T extends javafx.scene.Node> T wrapping(T n) {
        if (n instanceof Label l) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        return n;
    }

    private static Button button(String id, String a11y) {
        Button b = new Button(I18n.t("ui.dns.cancel.button"));
        b.setId(id);
        b.setAccessibleText(a11y);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private static HBox row(Label text, Button cancel) {
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        text.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(8, text, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
