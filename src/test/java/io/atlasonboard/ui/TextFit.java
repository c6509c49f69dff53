package io.atlasonboard.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * Finds text that the user cannot read in full: every visible {@link Labeled} whose rendered text node (the one its
 * skin draws) differs from {@code getText()}, i.e. JavaFX shortened it with an ellipsis or clipped it. A cell (table,
 * list) may be shortened only if its tooltip carries the full text. Call on the FX thread after a layout pass.
 */
public final class TextFit {
    private TextFit() {
    }

    /** One description per cut text, naming the control, its id and what it shows instead. */
    public static List<String> cutTexts(Parent root) {
        root.applyCss();
        root.layout();
        List<String> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    private static void walk(Node n, List<String> out) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return;
        }
        if (n instanceof Labeled l) {
            check(l, out);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, out);
            }
        }
    }

    static void check(Labeled l, List<String> out) {
        String expected = l.getText();
        if (expected == null || expected.isEmpty() || l.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY) {
            return;
        }
        if (l.isMnemonicParsing()) {
            expected = withoutMnemonic(expected);
        }
        Text shown = null;
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t && c != l.getGraphic()) { // an icon font glyph is a Text too: skip the graphic
                shown = t;
                break;
            }
        }
        if (shown == null) {
            return; // no skin yet: not on screen
        }
        String displayed = shown.isVisible() ? shown.getText() : "";
        if (normal(displayed).equals(normal(expected))) {
            return;
        }
        if (l instanceof Cell<?>) {
            Tooltip tip = l.getTooltip();
            if (tip != null && expected.equals(tip.getText())) {
                return;
            }
        }
        out.add(l.getClass().getSimpleName() + (l.getId() == null ? "" : "#" + l.getId()) + " shows \"" + displayed
                + "\" instead of \"" + expected + "\" (width " + Math.round(l.getWidth()) + ")");
    }

    /** Wrapped text is laid out by the Text node itself; only the characters count. */
    private static String normal(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    /** As {@code com.sun.javafx.scene.control.skin.Utils}: the first single underscore is the mnemonic marker. */
    static String withoutMnemonic(String s) {
        int i = s.indexOf('_');
        while (i >= 0 && i + 1 < s.length()) {
            if (s.charAt(i + 1) == '_') {
                s = s.substring(0, i) + s.substring(i + 1);
                i = s.indexOf('_', i + 1);
                continue;
            }
            return s.substring(0, i) + s.substring(i + 1);
        }
        return s;
    }
}
