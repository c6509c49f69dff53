package io.atlasonboard.ui.wizard.steps;

import atlantafx.base.theme.Styles;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Views;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Step 1 view: API key, API secret (masked, reveal on demand) and the CSV import. */
public final class CredentialsView extends VBox {
    public CredentialsView(CredentialsViewModel vm, FileOpener dialogs) {
        getStyleClass().add("page");
        setId("credentialsStep");

        Label title = Views.title(I18n.t("ui.credentials.title"));
        Label intro = Views.hint(I18n.t("ui.credentials.intro"));

        TextField key = new TextField();
        key.setId("apiKey");
        key.setPromptText(I18n.t("ui.credentials.key.prompt"));
        key.textProperty().bindBidirectional(vm.apiKeyProperty());
        key.getStyleClass().add("mono");

        PasswordField secret = new PasswordField();
        secret.setId("apiSecret");
        secret.setPromptText(I18n.t("ui.credentials.secret.prompt"));
        secret.textProperty().bindBidirectional(vm.apiSecretProperty());
        secret.setAccessibleText(I18n.t("ui.credentials.secret.hidden"));
        TextField secretShown = new TextField();
        secretShown.setId("apiSecretShown");
        secretShown.textProperty().bindBidirectional(vm.apiSecretProperty());
        secretShown.getStyleClass().add("mono");
        secretShown.setAccessibleText(I18n.t("ui.credentials.secret.shown"));
        secretShown.visibleProperty().bind(vm.revealSecretProperty());
        secret.visibleProperty().bind(vm.revealSecretProperty().not());
        StackPane secretBox = new StackPane(secret, secretShown);
        HBox.setHgrow(secretBox, Priority.ALWAYS);
        ToggleButton reveal = new ToggleButton(null, new FontIcon("mdi2e-eye-outline"));
        reveal.setId("revealSecret");
        reveal.selectedProperty().bindBidirectional(vm.revealSecretProperty());
        reveal.setAccessibleText(I18n.t("ui.credentials.reveal.show"));
        reveal.setTooltip(new Tooltip(I18n.t("ui.credentials.reveal.tooltip")));
        reveal.selectedProperty().addListener((o, a, b) -> {
            ((FontIcon) reveal.getGraphic()).setIconLiteral(b ? "mdi2e-eye-off-outline" : "mdi2e-eye-outline");
            reveal.setAccessibleText(I18n.t(b ? "ui.credentials.reveal.hide" : "ui.credentials.reveal.show"));
        });
        HBox secretRow = new HBox(6, secretBox, reveal);
        secretRow.setAlignment(Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("field-grid");
        grid.add(Views.fieldLabel(I18n.t("ui.credentials.key.label"), key), 0, 0);
        grid.add(key, 1, 0);
        grid.add(Views.fieldLabel(I18n.t("ui.credentials.secret.label"), secret), 0, 1);
        grid.add(secretRow, 1, 1);
        GridPane.setHgrow(key, Priority.ALWAYS);
        GridPane.setHgrow(secretRow, Priority.ALWAYS);
        grid.setMaxWidth(640);

        Button importCsv = Views.button(I18n.t("ui.credentials.import.button"), "mdi2f-file-upload-outline");
        importCsv.setId("importCsv");
        importCsv.disableProperty().bind(vm.importingProperty());
        importCsv.setOnAction(e -> dialogs.open(I18n.t("ui.credentials.import.dialogTitle"),
                        new FileOpener.Filter(I18n.t("ui.credentials.import.filter"), List.of("*.csv", "*.txt")))
                .ifPresent(vm::importCsv));
        Label importHint = Views.hint(I18n.t("ui.credentials.import.hint"));
        Label ok = Views.message(vm.importMessageProperty(), "success-text", "importMessage");
        Label err = Views.message(vm.importErrorProperty(), "error-text", "importError");
        ok.getStyleClass().add(Styles.TEXT);

        getChildren().addAll(title, intro, grid, new HBox(10, importCsv), importHint, ok, err);
    }
}
