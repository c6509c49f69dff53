package io.atlasonboard.ui.wizard;

import atlantafx.base.theme.Styles;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Views;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The completion page: what was created and the next steps (issue a certificate, the providers window). */
public final class CompletionView extends VBox {
    /** What the buttons of the page do; the shell supplies them. */
    public record Actions(Runnable issueCertificate, Runnable openProviders, Runnable reviewSteps, Runnable startPage) {
    }

    public CompletionView(CompletionViewModel vm, Actions actions) {
        getStyleClass().add("page");
        setId("completionView");
        setMaxWidth(900);
        Label title = new Label(I18n.t("ui.wizard.completion.title"), new FontIcon("mdi2c-check-circle-outline"));
        title.setId("completionTitle");
        title.getStyleClass().addAll(Styles.TITLE_2, Styles.SUCCESS);
        Label intro = Views.hint(I18n.t(vm.finished().sandbox() ? "ui.wizard.completion.intro.sandbox"
                : "ui.wizard.completion.intro", vm.finished().label()));

        GridPane g = new GridPane();
        g.getStyleClass().add("summary-grid");
        g.setHgap(16);
        g.setVgap(8);
        row(g, 0, I18n.t("ui.wizard.completion.row.provider"), vm.providerProperty(), "completionProvider");
        row(g, 1, I18n.t("ui.wizard.completion.row.connection"), vm.statusProperty(), "completionStatus");
        row(g, 2, I18n.t("ui.wizard.completion.row.keystore"), vm.keystoreProperty(), "completionKeystore");
        row(g, 3, I18n.t("ui.wizard.completion.row.domains"), vm.domainsProperty(), "completionDomains");
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setMinWidth(USE_PREF_SIZE);
        ColumnConstraints c2 = new ColumnConstraints();
        c2.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(c1, c2);

        Label nextTitle = new Label(I18n.t("ui.wizard.completion.next.title"));
        nextTitle.getStyleClass().add(Styles.TITLE_4);
        Label next = Views.hint(I18n.t("ui.wizard.completion.next"));
        Button issue = Views.button(I18n.t("ui.wizard.completion.issue"), "mdi2c-certificate-outline");
        issue.setId("completionIssue");
        issue.getStyleClass().add(Styles.ACCENT);
        issue.setDefaultButton(true);
        issue.disableProperty().bind(vm.goodProperty().not());
        issue.setOnAction(e -> actions.issueCertificate().run());
        Label issueWhy = Views.hint(I18n.t("ui.wizard.completion.issueBlocked"));
        issueWhy.setId("completionIssueBlocked");
        issueWhy.visibleProperty().bind(issue.disabledProperty());
        issueWhy.managedProperty().bind(issueWhy.visibleProperty());
        Button providers = Views.button(I18n.t("ui.wizard.completion.providers"), "mdi2s-server-security");
        providers.setId("completionProviders");
        providers.setOnAction(e -> actions.openProviders().run());
        Button review = Views.button(I18n.t("ui.wizard.completion.review"), "mdi2f-format-list-numbered");
        review.setId("completionReview");
        review.setOnAction(e -> actions.reviewSteps().run());
        Button start = Views.button(I18n.t("ui.wizard.startPage"), "mdi2h-home-outline");
        start.setId("completionStart");
        start.setOnAction(e -> actions.startPage().run());
        FlowPane buttons = new FlowPane(10, 10, issue, providers, review, start);
        buttons.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(title, intro, g, Views.message(vm.errorProperty(), "error-text", "completionError"),
                nextTitle, next, buttons, issueWhy);
    }

    private static void row(GridPane g, int r, String key, ObservableStringValue value, String id) {
        Label k = new Label(key);
        k.getStyleClass().add("summary-key");
        k.setMinWidth(USE_PREF_SIZE);
        Label v = new Label();
        v.setId(id);
        v.setWrapText(true);
        v.textProperty().bind(value);
        k.setLabelFor(v);
        g.add(k, 0, r);
        g.add(v, 1, r);
    }
}
