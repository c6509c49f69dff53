package io.atlasonboard.ui.certificates;

import atlantafx.base.theme.Styles;
import io.atlasonboard.ui.common.FormParts;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Views;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The rekey form under the certificate list, shown by "Rekey…": a new key here (new keystore password with
 * confirmation and strength hint) or the public key of a CSR file, then "Rekey and save…".
 */
public final class RekeyView extends VBox {
    public RekeyView(RekeyViewModel vm) {
        super(8);
        setId("rekeyForm");
        setPadding(new Insets(10));
        getStyleClass().add("bordered");
        setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6;"); // not user-visible
        visibleProperty().bind(vm.openProperty());
        managedProperty().bind(visibleProperty());

        Label title = new Label();
        title.setId("rekeyTitle");
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.targetProperty().get() == null ? ""
                : I18n.t("ui.certificates.rekey.title", CertificatesViewModel.describe(vm.targetProperty().get())),
                vm.targetProperty()));
        Label what = Views.hint(I18n.t("ui.certificates.rekey.explain"));

        ToggleGroup keys = new ToggleGroup();
        RadioButton gen = new RadioButton(I18n.t("ui.certificates.rekey.newKey"));
        gen.setId("rekeyNewKey");
        gen.setWrapText(true);
        gen.setToggleGroup(keys);
        RadioButton csr = new RadioButton(I18n.t("ui.certificates.rekey.csr"));
        csr.setId("rekeyCsr");
        csr.setWrapText(true);
        csr.setToggleGroup(keys);
        gen.setSelected(vm.keySourceProperty().get() == RekeyViewModel.KeySource.NEW_KEY);
        csr.setSelected(!gen.isSelected());
        keys.selectedToggleProperty().addListener((o, a, t) -> vm.keySourceProperty().set(
                t == csr ? RekeyViewModel.KeySource.CSR : RekeyViewModel.KeySource.NEW_KEY));

        // ---- new key: the keystore password for the result
        Label pwLabel = Views.fieldLabel(I18n.t("ui.certificates.rekey.password"), null);
        HBox pw = FormParts.secret(vm.passwordProperty(), "rekeyPassword",
                I18n.t("ui.certificates.rekey.password.accessible"));
        pwLabel.setLabelFor(pw.getChildren().get(0) instanceof javafx.scene.layout.StackPane s
                ? s.getChildren().get(0) : pw);
        ProgressBar strength = new ProgressBar();
        strength.getStyleClass().add("strength-bar");
        strength.progressProperty().bind(vm.strengthFractionProperty());
        strength.setAccessibleText(I18n.t("ui.certificates.rekey.strength"));
        Label strengthText = new Label();
        strengthText.setId("rekeyStrengthHint");
        strengthText.getStyleClass().add("hint");
        strengthText.setWrapText(true);
        strengthText.textProperty().bind(vm.strengthTextProperty());
        HBox strengthRow = new HBox(10, strength, strengthText);
        strengthRow.setAlignment(Pos.CENTER_LEFT);
        PasswordField confirm = new PasswordField();
        confirm.setId("rekeyConfirmation");
        confirm.setPromptText(I18n.t("ui.certificates.rekey.confirmation"));
        confirm.setAccessibleText(I18n.t("ui.certificates.rekey.confirmation"));
        confirm.textProperty().bindBidirectional(vm.confirmationProperty());
        Label match = new Label();
        match.setId("rekeyMatchHint");
        match.getStyleClass().add("hint");
        match.textProperty().bind(vm.confirmationHintProperty());
        VBox newKeyBox = new VBox(4, pwLabel, pw, strengthRow, confirm, match);
        newKeyBox.visibleProperty().bind(gen.selectedProperty());
        newKeyBox.managedProperty().bind(newKeyBox.visibleProperty());

        // ---- CSR file
        Button browse = Views.button(I18n.t("ui.certificates.rekey.csr.browse"), "mdi2f-folder-open-outline");
        browse.setId("rekeyBrowseCsr");
        browse.setOnAction(e -> vm.chooseCsr());
        Label file = new Label();
        file.setId("rekeyCsrFile");
        file.setWrapText(true);
        file.textProperty().bind(Bindings.createStringBinding(() -> vm.csrFileProperty().get() == null
                ? I18n.t("ui.certificates.rekey.csr.none") : String.valueOf(vm.csrFileProperty().get()),
                vm.csrFileProperty()));
        HBox.setHgrow(file, Priority.ALWAYS);
        HBox csrBox = new HBox(8, browse, file);
        csrBox.setAlignment(Pos.CENTER_LEFT);
        csrBox.visibleProperty().bind(csr.selectedProperty());
        csrBox.managedProperty().bind(csrBox.visibleProperty());

        Button go = Views.button(I18n.t("ui.certificates.rekey.go"), null);
        go.setId("rekeyGo");
        go.getStyleClass().add(Styles.ACCENT);
        go.disableProperty().bind(vm.busyProperty());
        go.setOnAction(e -> vm.rekey());
        Button cancel = Views.button(I18n.t("ui.certificates.rekey.cancel"), null);
        cancel.setId("rekeyCancel");
        cancel.setCancelButton(false);
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar bar = new ProgressBar();
        bar.setId("rekeyProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setAccessibleText(I18n.t("ui.certificates.job.rekey"));
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        HBox buttons = new HBox(8, go, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(title, what, gen, csr, newKeyBox, csrBox,
                Views.message(vm.errorProperty(), "error-text", "rekeyError"), buttons, bar);
    }
}
