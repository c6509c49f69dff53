package io.atlasonboard.ui.certificates;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.atlas.RevocationReason;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.ui.common.Tables;
import io.atlasonboard.ui.common.Confirmer;
import io.atlasonboard.ui.common.FormParts;
import io.atlasonboard.ui.common.Views;
import io.atlasonboard.ui.common.I18n;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Certificates of a provider in one scrolling column that fits a 1024×700 window: the issued certificates with save
 * and revoke above, the issuance form below.
 */
public final class CertificatesView extends ScrollPane {
    private final CertificatesViewModel vm;

    public CertificatesView(CertificatesViewModel vm, Confirmer confirmer) {
        this.vm = vm;
        setId("certificatesView");

        // ---------------------------------------------------------------- issuance form
        Label title = new Label(I18n.t("ui.certificates.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label policy = new Label();
        policy.setId("certPolicy");
        policy.setWrapText(true);
        policy.getStyleClass().add(Styles.TEXT_MUTED);
        policy.textProperty().bind(vm.policyTextProperty());

        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        int r = 0;
        Label cnLabel = new Label(I18n.t("ui.certificates.commonName"));
        TextField cnField = FormParts.text(vm.commonNameProperty(), "certCommonName",
                I18n.t("ui.certificates.commonName.prompt"));
        cnLabel.setLabelFor(cnField);
        g.add(cnLabel, 0, r);
        g.add(cnField, 1, r++);
        Label namesLabel = new Label();
        namesLabel.textProperty().bind(vm.namesLabelProperty());
        g.add(namesLabel, 0, r);
        TextField names = FormParts.text(vm.namesProperty(), "certNames", I18n.t("ui.certificates.names.prompt"));
        namesLabel.setLabelFor(names);
        names.accessibleTextProperty().bind(vm.namesLabelProperty());
        g.add(names, 1, r++);
        Label daysLabel = new Label(I18n.t("ui.certificates.validity"));
        g.add(daysLabel, 0, r);
        TextField days = FormParts.text(vm.validityDaysProperty(), "certValidityDays",
                I18n.t("ui.certificates.validity.prompt"));
        daysLabel.setLabelFor(days);
        days.setAccessibleText(I18n.t("ui.certificates.validity"));
        days.setPrefColumnCount(5);
        g.add(days, 1, r++);
        ToggleGroup keys = new ToggleGroup();
        RadioButton gen = new RadioButton(I18n.t("ui.certificates.key.generate"));
        gen.setId("keyGenerate");
        gen.setToggleGroup(keys);
        RadioButton csr = new RadioButton(I18n.t("ui.certificates.key.csr"));
        csr.setId("keyCsr");
        csr.setToggleGroup(keys);
        gen.setSelected(vm.keySourceProperty().get() == CertificatesViewModel.KeySource.GENERATE);
        csr.setSelected(!gen.isSelected());
        keys.selectedToggleProperty().addListener((o, a, t) -> vm.keySourceProperty().set(
                t == csr ? CertificatesViewModel.KeySource.CSR : CertificatesViewModel.KeySource.GENERATE));
        Label keyLabel = new Label(I18n.t("ui.certificates.key"));
        keyLabel.setLabelFor(gen);
        g.add(keyLabel, 0, r);
        g.add(new VBox(4, gen, csr), 1, r++);
        TextArea csrText = new TextArea();
        csrText.setId("certCsr");
        csrText.setPromptText("-----BEGIN CERTIFICATE REQUEST-----"); // not user-visible: PEM header, not translated
        csrText.setAccessibleText(I18n.t("ui.certificates.csr.accessible"));
        csrText.setPrefRowCount(4);
        csrText.textProperty().bindBidirectional(vm.csrPemProperty());
        csrText.visibleProperty().bind(csr.selectedProperty());
        csrText.managedProperty().bind(csrText.visibleProperty());
        g.add(csrText, 1, r++);
        javafx.scene.layout.ColumnConstraints c2 = new javafx.scene.layout.ColumnConstraints();
        c2.setHgrow(Priority.ALWAYS);
        javafx.scene.layout.ColumnConstraints c1 = new javafx.scene.layout.ColumnConstraints();
        c1.setMinWidth(110);
        g.getColumnConstraints().addAll(c1, c2);

        Button issue = new Button(I18n.t("ui.certificates.issue"));
        issue.setId("issueCertificate");
        issue.getStyleClass().add(Styles.ACCENT);
        issue.disableProperty().bind(vm.issuingProperty().or(vm.policyProperty().isNull()));
        issue.setOnAction(e -> vm.issue());
        Button cancelIssue = new Button(I18n.t("ui.certificates.issue.cancel"));
        cancelIssue.setId("cancelIssue");
        cancelIssue.visibleProperty().bind(vm.issuingProperty());
        cancelIssue.managedProperty().bind(cancelIssue.visibleProperty());
        cancelIssue.setOnAction(e -> vm.cancelIssue());
        ProgressBar bar = new ProgressBar();
        bar.setId("issueProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.issuingProperty());
        Label progress = new Label();
        progress.setId("issueMessage");
        progress.setWrapText(true);
        progress.textProperty().bind(vm.progressMessageProperty());

        VBox form = new VBox(8, title, policy, g, Views.message(vm.formErrorProperty(), "error-text", "certFormError"),
                new HBox(8, issue, cancelIssue), bar, progress);
        form.setPadding(new Insets(12));

        // ---------------------------------------------------------------- list
        TableView<CertificateRecord> table = new TableView<>(vm.certificates());
        table.setId("certificatesTable");
        table.setAccessibleText(I18n.t("ui.certificates.table.accessible"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col(I18n.t("ui.certificates.table.commonName"), CertificateRecord::commonName));
        table.getColumns().add(col(I18n.t("ui.certificates.table.serial"), CertificateRecord::serial));
        table.getColumns().add(col(I18n.t("ui.certificates.table.status"), CertificatesViewModel::statusText));
        table.getColumns().add(col(I18n.t("ui.certificates.table.validUntil"),
                c -> c.notAfter() == null ? "" : I18n.date(c.notAfter())));
        table.getColumns().add(col(I18n.t("ui.certificates.table.names"), c -> String.join(", ", c.sans())));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> vm.selectedProperty().set(c));
        vm.selectedProperty().addListener((o, a, c) -> {
            if (c != null && table.getSelectionModel().getSelectedItem() != c) {
                table.getItems().stream().filter(x -> x.serial().equals(c.serial())).findFirst()
                        .ifPresent(x -> table.getSelectionModel().select(x));
            }
        });
        table.setPrefHeight(170);
        table.setMinHeight(120);
        Tables.placeholder(table, I18n.t("ui.certificates.table.placeholder"));

        Button savePem = new Button(I18n.t("ui.certificates.savePem"));
        savePem.setId("savePem");
        savePem.disableProperty().bind(vm.selectedProperty().isNull());
        savePem.setOnAction(e -> vm.savePem());
        PasswordField p12pw = new PasswordField();
        p12pw.setId("p12Password");
        p12pw.setPromptText(I18n.t("ui.certificates.p12Password.prompt"));
        p12pw.setAccessibleText(I18n.t("ui.certificates.p12Password.prompt"));
        p12pw.textProperty().bindBidirectional(vm.p12PasswordProperty());
        Button saveP12 = new Button(I18n.t("ui.certificates.saveP12"));
        saveP12.setId("savePkcs12");
        saveP12.disableProperty().bind(vm.selectedProperty().isNull());
        saveP12.setOnAction(e -> vm.savePkcs12());

        ChoiceBox<RevocationReason> reason = new ChoiceBox<>();
        reason.setId("revocationReason");
        reason.getItems().addAll(RevocationReason.values());
        reason.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(RevocationReason x) { return x == null ? "" : reasonText(x); }
            @Override public RevocationReason fromString(String s) { return RevocationReason.parse(s); }
        });
        reason.valueProperty().bindBidirectional(vm.reasonProperty());
        Button revoke = new Button(I18n.t("ui.certificates.revoke"));
        revoke.setId("revokeCertificate");
        revoke.getStyleClass().add(Styles.DANGER);
        revoke.disableProperty().bind(vm.revocableProperty().not());
        Label revokeWhy = new Label();
        revokeWhy.setId("revokeDisabledReason");
        revokeWhy.getStyleClass().add("hint");
        revokeWhy.textProperty().bind(vm.revokeBlockedProperty());
        revoke.setOnAction(e -> {
            CertificateRecord c = vm.selectedProperty().get();
            if (c != null && confirmer.confirm(this, I18n.t("ui.certificates.revoke.confirm.title"),
                    I18n.t("ui.certificates.revoke.confirm.text", CertificatesViewModel.describe(c),
                            reasonText(vm.reasonProperty().get())), I18n.t("ui.certificates.revoke.confirm.ok"))) {
                vm.revokeSelected();
            }
        });
        Label msg = new Label();
        msg.setId("certMessage");
        msg.setWrapText(true);
        msg.textProperty().bind(vm.messageProperty());
        msg.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        msg.managedProperty().bind(msg.visibleProperty());
        Label listTitle = new Label(I18n.t("ui.certificates.list.title"));
        listTitle.getStyleClass().add(Styles.TITLE_4);
        Label reasonLabel = new Label(I18n.t("ui.certificates.reason"));
        reasonLabel.setLabelFor(reason);
        reason.setAccessibleText(I18n.t("ui.certificates.reason"));
        HBox revokeRow = new HBox(8, reasonLabel, reason, revoke, revokeWhy);
        revokeRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        RekeyViewModel rk = vm.rekey();
        Button rekey = new Button(I18n.t("ui.certificates.rekey"));
        rekey.setId("rekeyCertificate");
        rekey.setMnemonicParsing(true);
        rekey.disableProperty().bind(rk.possibleProperty().not().or(rk.openProperty()).or(rk.busyProperty()));
        rekey.setOnAction(e -> rk.begin());
        Label rekeyWhy = new Label();
        rekeyWhy.setId("rekeyDisabledReason");
        rekeyWhy.getStyleClass().add("hint");
        rekeyWhy.setWrapText(true);
        rekeyWhy.textProperty().bind(rk.blockedProperty());
        HBox rekeyRow = new HBox(8, rekey, rekeyWhy);
        rekeyRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label rekeyMsg = new Label();
        rekeyMsg.setId("rekeyMessage");
        rekeyMsg.setWrapText(true);
        rekeyMsg.textProperty().bind(rk.messageProperty());
        rekeyMsg.visibleProperty().bind(rk.messageProperty().isNotEmpty());
        rekeyMsg.managedProperty().bind(rekeyMsg.visibleProperty());
        VBox list = new VBox(8, listTitle, table, new HBox(8, savePem, p12pw, saveP12), revokeRow, msg, rekeyRow,
                new RekeyView(rk), rekeyMsg);
        list.setPadding(new Insets(12));

        setContent(new VBox(4, list, new javafx.scene.control.Separator(), form));
        setFitToWidth(true);
    }

    /** "Key compromise" for keyCompromise: the reasons as a person reads them. */
    public static String reasonText(RevocationReason r) {
        return I18n.t("ui.certificates.reason." + r.name());
    }

    public CertificatesViewModel viewModel() {
        return vm;
    }

    private static TableColumn<CertificateRecord, String> col(String name,
            java.util.function.Function<CertificateRecord, String> f) {
        return Tables.text(name, f);
    }
}
