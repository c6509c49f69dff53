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
    static HBox verification(DnsValidationViewModel vm) {
        Label waiting = new Label();
        waiting.setId("verifyWaitingFor");
        waiting.textProperty().bind(vm.verifyingProperty());
        Button cancel = button("cancelVerification", I18n.t("ui.dns.cancel.verifyA11y"));
        cancel.setOnAction(e -> vm.cancelVerification());
        HBox row = row(waiting, cancel);
        row.visibleProperty().bind(vm.verifyingProperty().isNotEmpty());
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /** The propagation summary ("Asking the name servers of …") with Cancel beside it while the check runs. */
    static HBox propagation(DnsValidationViewModel vm, Label summary) {
        Button cancel = button("cancelPropagation", I18n.t("ui.dns.cancel.propagationA11y"));
        cancel.setOnAction(e -> vm.cancelPropagation());
        cancel.visibleProperty().bind(vm.checkingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        return row(summary, cancel);
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
