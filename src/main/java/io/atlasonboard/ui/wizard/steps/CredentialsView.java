package io.atlasonboard.ui.wizard.steps;

import atlantafx.base.theme.Styles;
import io.atlasonboard.ui.common.FileDialogs;
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
    public CredentialsView(CredentialsViewModel vm, FileDialogs dialogs) {
        getStyleClass().add("page");
        setId("credentialsStep");

        Label title = Views.title("API credentials");
        Label intro = Views.hint("In the Atlas portal open Access Credentials → API Credentials → Generate. The portal "
                + "shows the API secret only once: paste it here (it is stored encrypted the moment you enter it), or "
                + "import the credentials CSV the portal offers for download.");

        TextField key = new TextField();
        key.setId("apiKey");
        key.setPromptText("API key");
        key.textProperty().bindBidirectional(vm.apiKey());
        key.getStyleClass().add("mono");

        PasswordField secret = new PasswordField();
        secret.setId("apiSecret");
        secret.setPromptText("API secret");
        secret.textProperty().bindBidirectional(vm.apiSecret());
        secret.setAccessibleText("API secret (hidden)");
        TextField secretShown = new TextField();
        secretShown.setId("apiSecretShown");
        secretShown.textProperty().bindBidirectional(vm.apiSecret());
        secretShown.getStyleClass().add("mono");
        secretShown.setAccessibleText("API secret (shown)");
        secretShown.visibleProperty().bind(vm.revealSecret);
        secret.visibleProperty().bind(vm.revealSecret.not());
        StackPane secretBox = new StackPane(secret, secretShown);
        HBox.setHgrow(secretBox, Priority.ALWAYS);
        ToggleButton reveal = new ToggleButton(null, new FontIcon("mdi2e-eye-outline"));
        reveal.setId("revealSecret");
        reveal.selectedProperty().bindBidirectional(vm.revealSecret);
        reveal.setAccessibleText("Show the API secret");
        reveal.setTooltip(new Tooltip("Show or hide the API secret"));
        reveal.selectedProperty().addListener((o, a, b) -> {
            ((FontIcon) reveal.getGraphic()).setIconLiteral(b ? "mdi2e-eye-off-outline" : "mdi2e-eye-outline");
            reveal.setAccessibleText(b ? "Hide the API secret" : "Show the API secret");
        });
        HBox secretRow = new HBox(6, secretBox, reveal);
        secretRow.setAlignment(Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("field-grid");
        grid.add(Views.fieldLabel("API _key", key), 0, 0);
        grid.add(key, 1, 0);
        grid.add(Views.fieldLabel("API _secret", secret), 0, 1);
        grid.add(secretRow, 1, 1);
        GridPane.setHgrow(key, Priority.ALWAYS);
        GridPane.setHgrow(secretRow, Priority.ALWAYS);
        grid.setMaxWidth(640);

        Button importCsv = Views.button("_Import credentials CSV…", "mdi2f-file-upload-outline");
        importCsv.setId("importCsv");
        importCsv.disableProperty().bind(vm.importing);
        importCsv.setOnAction(e -> dialogs.open(getScene().getWindow(), "Import the portal's credentials CSV",
                        List.of(new FileDialogs.Filter("CSV files", List.of("*.csv", "*.txt"))))
                .ifPresent(vm::importCsv));
        Label importHint = Views.hint("Accepted: a header row with key/secret or api_key/api_secret columns, or "
                + "one row \"key,secret\" without a header.");
        Label ok = Views.message(vm.importMessage, "success-text", "importMessage");
        Label err = Views.message(vm.importError, "error-text", "importError");
        ok.getStyleClass().add(Styles.TEXT);

        getChildren().addAll(title, intro, grid, new HBox(10, importCsv), importHint, ok, err);
    }
}
