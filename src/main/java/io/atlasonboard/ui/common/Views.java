package io.atlasonboard.ui.common;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Small builders shared by the views, so every screen labels, hints and flags errors the same way. */
public final class Views {
    private Views() {
    }

    /** A label with a mnemonic (write "_Name") that focuses {@code target}. */
    public static Label fieldLabel(String text, Node target) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        l.getStyleClass().add("field-label");
        return l;
    }

    /** A bold row label for a form grid without its own input (e.g. a fixed value). */
    public static Label rowLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        return l;
    }

    public static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("hint");
        l.setWrapText(true);
        return l;
    }

    /**
     * A wrapping message label that hides itself while empty: the one error/warning/success label of every view
     * ({@code styleClass} "error-text", "warning-text", "success-text" or "hint").
     */
    public static Label message(ObservableStringValue text, String styleClass, String id) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.managedProperty().bind(l.visibleProperty());
        l.visibleProperty().bind(Bindings.createBooleanBinding(() -> text.get() != null && !text.get().isEmpty(), text));
        return l;
    }

    /** Marks an input red while {@code error} is non-empty. */
    public static void flagErrors(TextInputControl field, ObservableStringValue error) {
        error.addListener((o, a, b) -> field.pseudoClassStateChanged(Styles.STATE_DANGER, b != null && !b.isEmpty()));
    }

    /** An icon-only button with accessible text and a tooltip. */
    public static Button iconButton(String icon, String accessibleText) {
        Button b = new Button(null, Icons.icon(icon));
        b.getStyleClass().addAll(Styles.BUTTON_ICON);
        b.setAccessibleText(accessibleText);
        b.setTooltip(new Tooltip(accessibleText));
        return b;
    }

    public static Button button(String text, String icon) {
        Button b = new Button(text, icon == null ? null : Icons.icon(icon));
        b.setMnemonicParsing(true);
        return b;
    }

    public static void copyToClipboard(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    public static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_3);
        l.setWrapText(true);
        return l;
    }

    /**
     * Shows {@code temporary} on the button (e.g. "Copied") without moving the row it sits in: the button keeps at
     * least its current width, widened only if the temporary text needs more.
     */
    public static void showBriefly(Button b, String temporary, String label) {
        javafx.scene.text.Text now = new javafx.scene.text.Text(b.getText().replace("_", ""));
        now.setFont(b.getFont());
        javafx.scene.text.Text then = new javafx.scene.text.Text(temporary);
        then.setFont(b.getFont());
        double w = Math.ceil(b.getWidth() + Math.max(0, then.getLayoutBounds().getWidth()
                - now.getLayoutBounds().getWidth()));
        b.setMinWidth(Math.max(b.getMinWidth(), w));
        b.setPrefWidth(Math.max(b.getPrefWidth(), w));
        b.setText(temporary);
        javafx.animation.PauseTransition back = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(2));
        back.setOnFinished(e -> b.setText(label));
        back.play();
    }

    /** A button that copies {@code text} to the clipboard and says "Copied" for two seconds. */
    public static Button copyButton(String label, String id, java.util.function.Supplier<String> text) {
        Button b = button(label, "mdi2c-content-copy");
        b.setId(id);
        b.setMinWidth(Button.USE_PREF_SIZE);
        b.setOnAction(e -> {
            copyToClipboard(text.get());
            showBriefly(b, I18n.t("ui.common.copied"), label);
        });
        return b;
    }
}
