package io.atlasonboard.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** The step bar as it was before issue 7 (commit c344f0d), kept only so TextFitUiTest can show it was cut.
 *
 * The row of numbered steps at the top of the wizard: done steps are green, the current one is highlighted, steps of
 * this release still ahead are "upcoming", and steps that later releases add are shown dimmed as "later".
 */
final class OldStepHeader extends HBox {
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass UPCOMING = PseudoClass.getPseudoClass("upcoming");
    private static final PseudoClass LATER = PseudoClass.getPseudoClass("later");

    private final IntegerProperty current = new SimpleIntegerProperty(0);
    private final List<HBox> steps = new ArrayList<>();
    private final int available;

    /**
     * @param titles    all step titles, in order
     * @param available how many of them this release implements; the rest are shown as coming later
     */
    OldStepHeader(List<String> titles, int available) {
        this.available = available;
        getStyleClass().add("step-header");
        setId("stepHeader");
        setAccessibleRole(AccessibleRole.TEXT);
        for (int i = 0; i < titles.size(); i++) {
            if (i > 0) {
                Region line = new Region();
                line.getStyleClass().add("step-line");
                line.setMinWidth(6);
                HBox.setHgrow(line, javafx.scene.layout.Priority.ALWAYS);
                getChildren().add(line);
            }
            Label number = new Label(Integer.toString(i + 1));
            number.getStyleClass().add("step-number");
            Label title = new Label(titles.get(i));
            title.getStyleClass().add("step-title");
            number.setMinWidth(USE_PREF_SIZE);
            HBox step = new HBox(number, title);
            step.setAlignment(Pos.CENTER_LEFT);
            step.getStyleClass().add("step");
            step.setId("step-" + (i + 1));
            steps.add(step);
            getChildren().add(step);
        }
        current.addListener((o, a, b) -> refresh());
        refresh();
    }

    public IntegerProperty currentProperty() {
        return current;
    }

    public boolean isCurrent(int index) {
        return steps.get(index).getPseudoClassStates().contains(CURRENT);
    }

    public boolean isDone(int index) {
        return steps.get(index).getPseudoClassStates().contains(DONE);
    }

    public boolean isLater(int index) {
        return steps.get(index).getPseudoClassStates().contains(LATER);
    }

    private void refresh() {
        int c = current.get();
        for (int i = 0; i < steps.size(); i++) {
            HBox step = steps.get(i);
            step.pseudoClassStateChanged(DONE, i < c);
            step.pseudoClassStateChanged(CURRENT, i == c);
            step.pseudoClassStateChanged(UPCOMING, i > c && i < available);
            step.pseudoClassStateChanged(LATER, i >= available);
            Label titleLabel = (Label) step.getChildren().get(1);
            // seven titles do not fit a narrow window: the others shorten (ellipsis), the current one never does
            titleLabel.setMinWidth(i == c ? USE_PREF_SIZE : 0);
            String title = titleLabel.getText();
            String state = i < c ? "done" : i == c ? "current step" : i < available ? "upcoming" : "coming later";
            step.setAccessibleText("Step " + (i + 1) + ": " + title + ", " + state);
        }
        setAccessibleText("Step " + (c + 1) + " of " + available + ": "
                + ((Label) steps.get(Math.min(c, steps.size() - 1)).getChildren().get(1)).getText());
    }
}
