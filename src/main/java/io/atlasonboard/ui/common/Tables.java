package io.atlasonboard.ui.common;

import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Text tables that stay readable in a small window: headers never shorten (a column is at least as wide as its
 * title; the table scrolls sideways instead), a cell carries its full text in a tooltip, and an empty table says
 * what would be there instead of JavaFX's "No content in table".
 */
public final class Tables {
    private Tables() {
    }

    /** A column showing {@code f} of the row, as text with its full value in a tooltip. */
    public static <T> TableColumn<T, String> text(String title, Function<T, String> f) {
        return observed(title, row -> new SimpleStringProperty(f.apply(row)));
    }

    /** A column bound to an observable of the row (live values such as a countdown). */
    public static <T> TableColumn<T, String> observed(String title, Function<T, ObservableValue<String>> f) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> f.apply(cd.getValue()));
        c.setCellFactory(col -> new TipCell<>());
        fitHeader(c);
        return c;
    }

    /** Keeps the column at least as wide as its (bold) header text plus the sort arrow. */
    public static void fitHeader(TableColumn<?, ?> c) {
        Text t = new Text(c.getText());
        t.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize()));
        c.setMinWidth(Math.ceil(t.getLayoutBounds().getWidth()) + 34);
    }

    /** The placeholder shown while a table has no rows. */
    public static void placeholder(TableView<?> table, String text) {
        Label l = new Label(text);
        l.getStyleClass().add("hint");
        l.setWrapText(true);
        table.setPlaceholder(l);
    }

    /**
     * A text cell whose tooltip holds the full text when the column is narrower than the value. The tooltip is made
     * only for a cell whose text is cut, once per cell and then re-used (a new Tooltip, a popup control, on every
     * update of every cell made hundreds a frame while 200 rows were updated: issue 12).
     */
    public static class TipCell<T> extends TableCell<T, String> {
        private Tooltip own;

        @Override
        protected void updateItem(String s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty ? null : s);
            if (getTooltip() != null && (empty || s == null || s.isEmpty())) {
                setTooltip(null);
            }
        }

        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            String full = getText();
            boolean cut = false;
            if (full != null && !full.isEmpty()) {
                for (javafx.scene.Node c : getChildrenUnmodifiable()) {
                    if (c instanceof Text t && c != getGraphic()) {
                        cut = !full.equals(t.getText());
                        break;
                    }
                }
            }
            if (cut) {
                if (own == null) {
                    own = new Tooltip();
                }
                own.setText(full);
                if (getTooltip() != own) {
                    setTooltip(own);
                }
            } else if (getTooltip() != null) {
                setTooltip(null);
            }
        }
    }
}
