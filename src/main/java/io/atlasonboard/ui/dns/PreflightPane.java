package io.atlasonboard.ui.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.claims.PreflightFinding;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Slices;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
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
        summary.setMinHeight(Label.USE_PREF_SIZE);
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
        Slices[] adding = new Slices[1];
        pf.lines().addListener((ListChangeListener<PreflightViewModel.Line>) c -> {
            // built detached and added at once: 200 domains are 200 lines (issue 12: no FX-thread stall)
            List<javafx.scene.Node> rows = new ArrayList<>();
            // what needs doing first (blocking, then warnings, then notes), each on its own line
            int n = 0;
            for (PreflightFinding.Level level : List.of(PreflightFinding.Level.BLOCKING,
                    PreflightFinding.Level.WARNING, PreflightFinding.Level.NOTE)) {
                for (PreflightViewModel.Line l : pf.lines()) {
                    if (l.level() == level) {
                        rows.add(line("preflightFinding" + n++, l.text(), level, null));
                    }
                }
            }
            // then one line per domain with every verdict's headline (the details in its tooltip)
            int i = 0;
            for (var e : byDomain(pf.lines()).entrySet()) {
                List<String> heads = new ArrayList<>();
                boolean ok = true;
                for (PreflightViewModel.Line l : e.getValue()) {
                    if (!heads.contains(l.headline())) {
                        heads.add(l.headline());
                    }
                    ok &= l.level() == PreflightFinding.Level.OK;
                }
                String tip = String.join("\n", e.getValue().stream().map(PreflightViewModel.Line::text).toList());
                Label head = line("preflightDomain" + i++, I18n.t("ui.dns.preflight.domainLine", e.getKey(),
                        String.join(" · ", heads)), ok ? PreflightFinding.Level.OK : PreflightFinding.Level.NOTE, tip);
                head.getStyleClass().add(Styles.TEXT_BOLD);
                rows.add(head);
            }
            // the lines in view at once, the rest 40 a frame (200 wrapped lines styled in one pulse: ~100 ms)
            if (adding[0] != null) {
                adding[0].cancel();
            }
            adding[0] = Slices.append(findings, rows, 40, 40);
        });
        ScrollPane findingsScroll = new ScrollPane(findings);
        findingsScroll.setFitToWidth(true);
        findingsScroll.setMaxHeight(170);
        findingsScroll.setPrefViewportHeight(110);
        findingsScroll.setMinViewportHeight(56);
        findingsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

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

        VBox pane = new VBox(6, summary, findingsScroll, caaBox);
        pane.setId("preflightPane");
        pane.visibleProperty().bind(Bindings.createBooleanBinding(() -> !pf.summaryProperty().get().isEmpty()
                || !pf.lines().isEmpty(), pf.summaryProperty(), pf.lines()));
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }

    private static Label line(String id, String text, PreflightFinding.Level level, String tip) {
        Label line = new Label(text);
        line.setId(id);
        line.setWrapText(true);
        line.setMinHeight(Label.USE_PREF_SIZE);
        line.getStyleClass().add(style(level));
        if (tip != null) {
            // the tooltip made on the first hover: a Tooltip per line (a popup control each) cost most of the time
            // of showing 200 domains' lines (issue 12)
            line.setOnMouseEntered(e -> {
                if (line.getTooltip() == null) {
                    line.setTooltip(new javafx.scene.control.Tooltip(tip));
                }
            });
        }
        return line;
    }

    private static Map<String, List<PreflightViewModel.Line>> byDomain(List<PreflightViewModel.Line> lines) {
        Map<String, List<PreflightViewModel.Line>> out = new LinkedHashMap<>();
        for (PreflightViewModel.Line l : lines) {
            out.computeIfAbsent(l.domain(), d -> new ArrayList<>()).add(l);
        }
        return out;
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
