package io.atlasonboard.ui.wizard;

import io.atlasonboard.ui.common.I18n;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The row of numbered steps at the top of the wizard: done steps are green, the current one is highlighted and the
 * only one whose title is written out; every step's number carries its title in a tooltip, so no title is ever cut.
 * Steps already reached can be clicked to go back to them.
 */
public final class StepHeader extends HBox {
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass UPCOMING = PseudoClass.getPseudoClass("upcoming");
    private static final PseudoClass LATER = PseudoClass.getPseudoClass("later");
    private static final PseudoClass REACHABLE = PseudoClass.getPseudoClass("reachable");

    private final IntegerProperty current = new SimpleIntegerProperty(0);
    private final IntegerProperty reached = new SimpleIntegerProperty(0);
    private final List<HBox> steps = new ArrayList<>();
    private final List<String> titles;
    private final int available;
    private IntConsumer onPick = i -> { };

    /**
     * @param titles    all step titles, in order
     * @param available how many of them this release implements; the rest are shown as coming later
     */
    public StepHeader(List<String> titles, int available) {
        this.titles = List.copyOf(titles);
        this.available = available;
        getStyleClass().add("step-header");
        setId("stepHeader");
        setAccessibleRole(AccessibleRole.TEXT);
        for (int i = 0; i < titles.size(); i++) {
            if (i > 0) {
                Region line = new Region();
                line.getStyleClass().add("step-line");
                line.setMinWidth(6);
                HBox.setHgrow(line, Priority.ALWAYS);
                getChildren().add(line);
            }
            Label number = new Label(Integer.toString(StepNumbers.toNumber(i)));
            number.getStyleClass().add("step-number");
            number.setMinWidth(USE_PREF_SIZE);
            Label title = new Label(titles.get(i));
            title.getStyleClass().add("step-title");
            title.setMinWidth(USE_PREF_SIZE);
            HBox step = new HBox(number, title);
            step.setAlignment(Pos.CENTER_LEFT);
            step.setMinWidth(USE_PREF_SIZE);
            step.getStyleClass().add("step");
            step.setId("step-" + StepNumbers.toNumber(i));
            Tooltip.install(step, new Tooltip(I18n.t("ui.wizard.header.tooltip", StepNumbers.toNumber(i), titles.get(i))));
            int index = i;
            step.setOnMouseClicked(e -> {
                if (index != current.get() && index <= reached.get()) {
                    onPick.accept(index);
                }
            });
            steps.add(step);
            getChildren().add(step);
        }
        current.addListener((o, a, b) -> refresh());
        reached.addListener((o, a, b) -> refresh());
        refresh();
    }

    public IntegerProperty currentProperty() {
        return current;
    }

    /** The furthest step reached so far (0-based); steps up to it can be clicked. */
    public IntegerProperty reachedProperty() {
        return reached;
    }

    /** Called with the 0-based step the user clicked (only reached steps other than the current one). */
    public void setOnPick(IntConsumer onPick) {
        this.onPick = onPick;
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
            boolean reachable = i != c && i <= reached.get();
            step.pseudoClassStateChanged(REACHABLE, reachable);
            step.setCursor(reachable ? Cursor.HAND : Cursor.DEFAULT);
            Label titleLabel = (Label) step.getChildren().get(1);
            // seven titles do not fit a narrow window: only the current one is written out, never shortened
            titleLabel.setVisible(i == c);
            titleLabel.setManaged(i == c);
            String state = I18n.t(i < c ? "ui.wizard.header.state.done" : i == c ? "ui.wizard.header.state.current"
                    : i < available ? "ui.wizard.header.state.upcoming" : "ui.wizard.header.state.later");
            step.setAccessibleText(I18n.t("ui.wizard.header.step", StepNumbers.toNumber(i), titles.size(), titles.get(i), state));
        }
        setAccessibleText(I18n.t("ui.wizard.header.summary", StepNumbers.toNumber(c), available,
                titles.get(Math.min(c, titles.size() - 1))));
    }
}
