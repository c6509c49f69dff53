package io.atlasonboard.ui.certificates;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.atlas.RevocationReason;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.ui.common.Tables;
import io.atlasonboard.ui.common.Confirmer;
import io.atlasonboard.ui.common.FormParts;
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
        Label title = new Label("Issue a certificate");
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
        g.add(new Label("Common Name"), 0, r);
        g.add(FormParts.text(vm.commonNameProperty(), "certCommonName", "e.g. www.example.com"), 1, r++);
        Label namesLabel = new Label();
        namesLabel.textProperty().bind(vm.namesLabelProperty());
        g.add(namesLabel, 0, r);
        TextField names = FormParts.text(vm.namesProperty(), "certNames", "separated by spaces or commas");
        g.add(names, 1, r++);
        g.add(new Label("Validity (days)"), 0, r);
        TextField days = FormParts.text(vm.validityDaysProperty(), "certValidityDays", "days");
        days.setPrefColumnCount(5);
        g.add(days, 1, r++);
        ToggleGroup keys = new ToggleGroup();
        RadioButton gen = new RadioButton("Generate an RSA 2048 key here (kept encrypted in the store)");
        gen.setId("keyGenerate");
        gen.setToggleGroup(keys);
        RadioButton csr = new RadioButton("I have a CSR (the key stays where it is)");
        csr.setId("keyCsr");
        csr.setToggleGroup(keys);
        gen.setSelected(vm.keySourceProperty().get() == CertificatesViewModel.KeySource.GENERATE);
        csr.setSelected(!gen.isSelected());
        keys.selectedToggleProperty().addListener((o, a, t) -> vm.keySourceProperty().set(
                t == csr ? CertificatesViewModel.KeySource.CSR : CertificatesViewModel.KeySource.GENERATE));
        g.add(new Label("Key"), 0, r);
        g.add(new VBox(4, gen, csr), 1, r++);
        TextArea csrText = new TextArea();
        csrText.setId("certCsr");
        csrText.setPromptText("-----BEGIN CERTIFICATE REQUEST-----");
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

        Button issue = new Button("_Issue certificate");
        issue.setId("issueCertificate");
        issue.getStyleClass().add(Styles.ACCENT);
        issue.disableProperty().bind(vm.issuingProperty().or(vm.policyProperty().isNull()));
        issue.setOnAction(e -> vm.issue());
        ProgressBar bar = new ProgressBar();
        bar.setId("issueProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.issuingProperty());
        Label progress = new Label();
        progress.setId("issueMessage");
        progress.setWrapText(true);
        progress.textProperty().bind(vm.progressMessageProperty());

        VBox form = new VBox(8, title, policy, g, FormParts.error(vm.formErrorProperty(), "certFormError"),
                new HBox(8, issue), bar, progress);
        form.setPadding(new Insets(12));

        // ---------------------------------------------------------------- list
        TableView<CertificateRecord> table = new TableView<>(vm.certificates());
        table.setId("certificatesTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col("Common Name", CertificateRecord::commonName));
        table.getColumns().add(col("Serial", CertificateRecord::serial));
        table.getColumns().add(col("Status", CertificatesViewModel::statusText));
        table.getColumns().add(col("Valid until", c -> c.notAfter() == null ? "" : c.notAfter().toString()));
        table.getColumns().add(col("Names", c -> String.join(", ", c.sans())));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> vm.selectedProperty().set(c));
        vm.selectedProperty().addListener((o, a, c) -> {
            if (c != null && table.getSelectionModel().getSelectedItem() != c) {
                table.getItems().stream().filter(x -> x.serial().equals(c.serial())).findFirst()
                        .ifPresent(x -> table.getSelectionModel().select(x));
            }
        });
        table.setPrefHeight(170);
        table.setMinHeight(120);
        Tables.placeholder(table, "No certificates issued through this provider yet: issue one below.");

        Button savePem = new Button("Save _PEM (with chain)…");
        savePem.setId("savePem");
        savePem.disableProperty().bind(vm.selectedProperty().isNull());
        savePem.setOnAction(e -> vm.savePem());
        PasswordField p12pw = new PasswordField();
        p12pw.setId("p12Password");
        p12pw.setPromptText("PKCS#12 password");
        p12pw.textProperty().bindBidirectional(vm.p12PasswordProperty());
        Button saveP12 = new Button("Save PKCS#_12…");
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
        Button revoke = new Button("Re_voke…");
        revoke.setId("revokeCertificate");
        revoke.getStyleClass().add(Styles.DANGER);
        revoke.disableProperty().bind(vm.revocableProperty().not());
        Label revokeWhy = new Label();
        revokeWhy.setId("revokeDisabledReason");
        revokeWhy.getStyleClass().add("hint");
        revokeWhy.textProperty().bind(vm.revokeBlockedProperty());
        revoke.setOnAction(e -> {
            CertificateRecord c = vm.selectedProperty().get();
            if (c != null && confirmer.confirm(this, "Revoke certificate",
                    "Revoke " + CertificatesViewModel.describe(c) + " with reason \""
                            + reasonText(vm.reasonProperty().get()) + "\"? This cannot be undone.", "Revoke")) {
                vm.revokeSelected();
            }
        });
        Label msg = new Label();
        msg.setId("certMessage");
        msg.setWrapText(true);
        msg.textProperty().bind(vm.messageProperty());
        Label listTitle = new Label("Certificates issued through this provider");
        listTitle.getStyleClass().add(Styles.TITLE_4);
        HBox revokeRow = new HBox(8, new Label("Reason"), reason, revoke, revokeWhy);
        revokeRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox list = new VBox(8, listTitle, table, new HBox(8, savePem, p12pw, saveP12), revokeRow, msg);
        list.setPadding(new Insets(12));

        setContent(new VBox(4, list, new javafx.scene.control.Separator(), form));
        setFitToWidth(true);
    }

    /** "Key compromise" for keyCompromise: the reasons as a person reads them. */
    public static String reasonText(RevocationReason r) {
        return switch (r) {
            case UNSPECIFIED -> "Unspecified";
            case KEY_COMPROMISE -> "Key compromise";
            case AFFILIATION_CHANGED -> "Affiliation changed";
            case SUPERSEDED -> "Superseded";
            case CESSATION_OF_OPERATION -> "Cessation of operation";
            case PRIVILEGE_WITHDRAWN -> "Privilege withdrawn";
        };
    }

    public CertificatesViewModel viewModel() {
        return vm;
    }

    private static TableColumn<CertificateRecord, String> col(String name,
            java.util.function.Function<CertificateRecord, String> f) {
        return Tables.text(name, f);
    }
}
