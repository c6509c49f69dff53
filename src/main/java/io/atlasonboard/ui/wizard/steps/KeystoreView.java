package io.atlasonboard.ui.wizard.steps;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Views;
import io.atlasonboard.ui.wizard.WizardState;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Step 4 view: passwords, friendly name, profile, Save as…, and the equivalent openssl command. */
public final class KeystoreView extends VBox {
    public KeystoreView(KeystoreViewModel vm, WizardState state, FileOpener dialogs) {
        getStyleClass().add("page");
        setId("keystoreStep");
        Label title = Views.title(I18n.t("ui.keystore.title"));
        Label intro = Views.hint(I18n.t("ui.keystore.intro"));

        Label keyKnown = new Label(I18n.t("ui.keystore.keyFromVault"), new FontIcon("mdi2l-lock-outline"));
        keyKnown.setId("keyPasswordFromVault");
        keyKnown.visibleProperty().bind(vm.keyPasswordKnownProperty());
        keyKnown.managedProperty().bind(vm.keyPasswordKnownProperty());
        PasswordField askedKey = new PasswordField();
        askedKey.setId("askedKeyPassword");
        askedKey.textProperty().bindBidirectional(vm.askedKeyPasswordProperty());
        Label askedLabel = Views.fieldLabel(I18n.t("ui.keystore.keyPassword"), askedKey);
        VBox asked = new VBox(4, askedLabel, askedKey, Views.hint(I18n.t("ui.keystore.keyPassword.hint")));
        asked.visibleProperty().bind(vm.keyPasswordKnownProperty().not());
        asked.managedProperty().bind(asked.visibleProperty());

        PasswordField storePw = new PasswordField();
        storePw.setId("keystorePassword");
        storePw.textProperty().bindBidirectional(vm.newPasswordProperty());
        storePw.disableProperty().bind(vm.sameAsKeyPasswordProperty());
        TextField storePwShown = new TextField();
        storePwShown.setId("keystorePasswordShown");
        storePwShown.textProperty().bindBidirectional(vm.newPasswordProperty());
        storePwShown.disableProperty().bind(vm.sameAsKeyPasswordProperty());
        javafx.scene.control.ToggleButton reveal = new javafx.scene.control.ToggleButton(null,
                new org.kordamp.ikonli.javafx.FontIcon("mdi2e-eye-outline"));
        reveal.setId("revealKeystorePassword");
        reveal.setAccessibleText(I18n.t("ui.keystore.reveal"));
        reveal.setTooltip(new javafx.scene.control.Tooltip(I18n.t("ui.keystore.reveal")));
        storePwShown.setAccessibleText(I18n.t("ui.keystore.passwordShown"));
        storePwShown.visibleProperty().bind(reveal.selectedProperty());
        storePw.visibleProperty().bind(reveal.selectedProperty().not());
        javafx.scene.layout.StackPane pwStack = new javafx.scene.layout.StackPane(storePw, storePwShown);
        HBox.setHgrow(pwStack, Priority.ALWAYS);
        HBox pwRow = new HBox(6, pwStack, reveal);
        PasswordField confirmPw = new PasswordField();
        confirmPw.setId("keystoreConfirmation");
        confirmPw.textProperty().bindBidirectional(vm.confirmationProperty());
        confirmPw.disableProperty().bind(vm.sameAsKeyPasswordProperty());
        confirmPw.setPromptText(I18n.t("ui.keystore.confirmation"));
        confirmPw.setAccessibleText(I18n.t("ui.keystore.confirmation.accessible"));
        javafx.scene.control.ProgressBar strength = new javafx.scene.control.ProgressBar();
        strength.getStyleClass().add("strength-bar");
        strength.progressProperty().bind(vm.strengthFractionProperty());
        strength.setAccessibleText(I18n.t("ui.keystore.strength"));
        Label strengthText = new Label();
        strengthText.setId("keystoreStrengthHint");
        strengthText.getStyleClass().add("hint");
        strengthText.setWrapText(true);
        strengthText.textProperty().bind(vm.strengthTextProperty());
        HBox strengthRow = new HBox(10, strength, strengthText);
        strengthRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label matchHint = new Label();
        matchHint.setId("keystoreMatchHint");
        matchHint.getStyleClass().add("hint");
        matchHint.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(vm::confirmationHint,
                vm.newPasswordProperty(), vm.confirmationProperty()));
        VBox newPwBox = new VBox(4, pwRow, strengthRow, confirmPw, matchHint);
        newPwBox.visibleProperty().bind(vm.sameAsKeyPasswordProperty().not());
        newPwBox.managedProperty().bind(newPwBox.visibleProperty());
        CheckBox same = new CheckBox(I18n.t("ui.keystore.same"));
        same.setMnemonicParsing(true);
        same.setId("sameAsKeyPassword");
        same.selectedProperty().bindBidirectional(vm.sameAsKeyPasswordProperty());

        TextField friendly = new TextField();
        friendly.setId("friendlyName");
        friendly.textProperty().bindBidirectional(state.friendlyNameProperty());

        ToggleGroup group = new ToggleGroup();
        VBox profiles = new VBox(6);
        for (Pkcs12Profile p : vm.profiles()) {
            RadioButton rb = new RadioButton(I18n.t("ui.keystore.profile." + p.name()));
            rb.setId(p == Pkcs12Profile.MODERN ? "profileModern" : "profileCompatibility");
            rb.setWrapText(true); // the cipher list is long in German
            rb.setToggleGroup(group);
            rb.setUserData(p);
            rb.setSelected(state.profileProperty().get() == p);
            Label d = Views.hint(I18n.t("ui.keystore.profile.description." + p.name()));
            d.setPadding(new javafx.geometry.Insets(0, 0, 0, 26));
            profiles.getChildren().addAll(rb, d);
        }
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                state.profileProperty().set((Pkcs12Profile) b.getUserData());
            }
        });

        GridPane grid = new GridPane();
        grid.getStyleClass().add("field-grid");
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(c0, c1);
        int r = 0;
        grid.add(Views.rowLabel(I18n.t("ui.keystore.row.privateKey")), 0, r);
        grid.add(new VBox(4, keyKnown, asked), 1, r++);
        grid.add(Views.fieldLabel(I18n.t("ui.keystore.row.password"), storePw), 0, r);
        grid.add(new VBox(4, newPwBox, same), 1, r++);
        grid.add(Views.fieldLabel(I18n.t("ui.keystore.row.friendlyName"), friendly), 0, r);
        grid.add(friendly, 1, r++);
        grid.add(Views.rowLabel(I18n.t("ui.keystore.row.profile")), 0, r);
        grid.add(profiles, 1, r++);
        grid.setMaxWidth(760);
        grid.disableProperty().bind(vm.writingProperty());

        Button save = Views.button(I18n.t("ui.keystore.save"), "mdi2c-content-save-outline");
        save.setId("saveKeystore");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(vm.canWriteProperty().not());
        save.setOnAction(e -> dialogs.save(I18n.t("ui.keystore.save.dialog"),
                vm.suggestedFileName(), new FileOpener.Filter(I18n.t("ui.keystore.save.filter"),
                        List.of("*.p12", "*.pfx"))).ifPresent(vm::write));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(vm.writingProperty());
        Label progress = new Label();
        progress.textProperty().bind(vm.progressMessageProperty());
        progress.visibleProperty().bind(vm.writingProperty());
        Label blocked = new Label();
        blocked.setId("saveKeystoreBlocked");
        blocked.getStyleClass().add("hint");
        blocked.textProperty().bind(vm.blockedReasonProperty());
        HBox saveRow = new HBox(10, save, spinner, progress, blocked);
        saveRow.setAlignment(Pos.CENTER_LEFT);

        Label cmdHead = new Label(I18n.t("ui.keystore.command"));
        cmdHead.getStyleClass().add("hint");
        TextArea cmd = new TextArea();
        cmd.setId("opensslCommand");
        cmd.setEditable(false);
        cmd.setWrapText(true);
        cmd.setPrefRowCount(3);
        cmd.getStyleClass().add("pem-area");
        cmd.textProperty().bind(vm.opensslCommandProperty());
        cmd.setMaxWidth(760);
        cmdHead.setLabelFor(cmd);

        getChildren().addAll(title, intro, grid, saveRow,
                Views.message(vm.errorProperty(), "error-text", "keystoreError"),
                Views.message(vm.successProperty(), "success-text", "keystoreSuccess"), cmdHead, cmd);
    }
}
