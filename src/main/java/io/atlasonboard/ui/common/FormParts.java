package io.atlasonboard.ui.common;

import atlantafx.base.theme.Styles;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/** Small view helpers shared by the provider, DNS and certificate panes. */
public final class FormParts {
    private FormParts() {
    }

    /** A masked field with a "Reveal" toggle; both views edit the same property. */
    public static HBox secret(StringProperty value, String id, String accessibleName) {
        PasswordField masked = new PasswordField();
        masked.setId(id);
        masked.setAccessibleText(accessibleName);
        masked.textProperty().bindBidirectional(value);
        TextField plain = new TextField();
        plain.setId(id + "Plain"); // not user-visible
        plain.setAccessibleText(I18n.t("ui.common.revealed.accessible", accessibleName));
        plain.textProperty().bindBidirectional(value);
        ToggleButton reveal = new ToggleButton(I18n.t("ui.common.reveal"));
        reveal.setId(id + "Reveal"); // not user-visible
        reveal.setAccessibleText(I18n.t("ui.common.reveal.accessible", accessibleName));
        plain.visibleProperty().bind(reveal.selectedProperty());
        masked.visibleProperty().bind(reveal.selectedProperty().not());
        reveal.selectedProperty().addListener((o, a, on) -> reveal.setText(I18n.t(on ? "ui.common.hide" : "ui.common.reveal")));
        StackPane stack = new StackPane(masked, plain);
        HBox.setHgrow(stack, Priority.ALWAYS);
        HBox box = new HBox(6, stack, reveal);
        return box;
    }

    public static TextField text(StringProperty value, String id, String prompt) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        t.setAccessibleText(prompt);
        t.textProperty().bindBidirectional(value);
        return t;
    }

    public static Label sandboxBadge() {
        Label l = new Label(I18n.t("ui.common.sandbox.badge"));
        l.setId("sandboxBadge");
        l.getStyleClass().addAll(Styles.WARNING, Styles.TEXT_BOLD);
        l.setStyle("-fx-border-color: -color-warning-emphasis; -fx-border-radius: 4; -fx-padding: 2 8 2 8;");
        return l;
    }
}
