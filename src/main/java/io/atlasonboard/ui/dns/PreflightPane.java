package io.atlasonboard.ui.dns;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.claims.PreflightFinding;
import io.atlasonboard.ui.common.I18n;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The preflight's findings in the DNS view: the summary (why "Create claims" or "Verify" did not run), one line per
 * finding coloured by its level, and the CAA lines to add with a copy button. Hidden until a preflight ran.
 */
final class PreflightPane {
    private PreflightPane() {
    }

    static VBox of(PreflightViewModel pf) {
        Label summary = new Label();
        summary.setId("preflightSummary");
        summary.setWrapText(true);
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.textProperty().bind(pf.summaryProperty());
        pf.blockingProperty().addListener((o, a, b) -> {
            summary.getStyleClass().remove(Styles.DANGER);
            if (b) {
                summary.getStyleClass().add(Styles.DANGER);
            }
        });

        VBox findings = new VBox(2);
        findings.setId("preflightFindings");
        pf.lines().addListener((ListChangeListener<PreflightViewModel.Line>) c -> {
            findings.getChildren().clear();
            int i = 0;
            for (PreflightViewModel.Line l : pf.lines()) {
                Label line = new Label(l.text());
                line.setId("preflightFinding" + i++);
                line.setWrapText(true);
                line.setMinHeight(Label.USE_PREF_SIZE);
                line.getStyleClass().add(style(l.level()));
                findings.getChildren().add(line);
            }
        });

        Label caaTitle = new Label(I18n.t("ui.dns.preflight.caaLines"));
        caaTitle.setWrapText(true);
        TextArea caa = new TextArea();
        caa.setId("caaLines");
        caa.setEditable(false);
        caa.setPrefRowCount(2);
        caa.setStyle("-fx-font-family: monospace;");
        caa.textProperty().bind(pf.caaLinesProperty());
        caaTitle.setLabelFor(caa);
        caa.setAccessibleText(caaTitle.getText());
        HBox.setHgrow(caa, Priority.ALWAYS);
        Button copy = DnsValidationView.copyButton("copyCaaLines", pf.caaLinesProperty());
        VBox caaBox = new VBox(4, caaTitle, new HBox(6, caa, copy));
        caaBox.visibleProperty().bind(pf.caaLinesProperty().isNotEmpty());
        caaBox.managedProperty().bind(caaBox.visibleProperty());

        VBox pane = new VBox(6, summary, findings, caaBox);
        pane.setId("preflightPane");
        pane.visibleProperty().bind(Bindings.createBooleanBinding(() -> !pf.summaryProperty().get().isEmpty()
                || !pf.lines().isEmpty(), pf.summaryProperty(), pf.lines()));
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }

    private static String style(PreflightFinding.Level level) {
        return switch (level) {
            case BLOCKING -> Styles.DANGER;
            case WARNING -> Styles.WARNING;
            case OK -> Styles.SUCCESS;
            case NOTE -> Styles.TEXT_MUTED;
        };
    }
}
