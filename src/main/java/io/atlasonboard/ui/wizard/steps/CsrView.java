package io.atlasonboard.ui.wizard.steps;

import atlantafx.base.theme.Styles;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.Confirmer;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Views;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Step 2 view: subject and domain names, key generation, then the CSR and the encrypted key to take away. */
public final class CsrView extends VBox {
    public CsrView(CsrViewModel vm, FileOpener dialogs) {
        getStyleClass().add("page");
        setId("csrStep");
        var state = vmState(vm);

        Label title = Views.title(I18n.t("ui.csr.title"));
        Label intro = Views.hint(I18n.t("ui.csr.intro"));

        TextField cn = new TextField();
        cn.setId("commonName");
        cn.setPromptText(I18n.t("ui.csr.cn.prompt"));
        cn.textProperty().bindBidirectional(vm.commonNameInputProperty());
        cn.setOnAction(e -> vm.commitCommonName());
        cn.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                vm.commitCommonName();
            }
        });
        Views.flagErrors(cn, vm.commonNameErrorProperty());

        TextField country = new TextField();
        country.setId("country");
        country.setPrefColumnCount(4);
        country.setMaxWidth(80);
        country.textProperty().bindBidirectional(state.countryProperty());
        country.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                vm.commitCountry();
            }
        });
        Views.flagErrors(country, vm.countryErrorProperty());

        TextField org = new TextField();
        org.setId("organization");
        org.setPromptText(I18n.t("ui.csr.org.prompt"));
        org.textProperty().bindBidirectional(state.organizationProperty());
        Views.flagErrors(org, vm.organizationErrorProperty());

        Label algorithm = new Label(I18n.t("ui.csr.algorithm.fixed", CsrViewModel.KEY_ALGORITHM));
        algorithm.setId("keyAlgorithm");
        algorithm.getStyleClass().add(Styles.TEXT_BOLD);
        Label algorithmReason = Views.hint(I18n.t("ui.csr.algorithm.reason"));

        GridPane grid = new GridPane();
        grid.getStyleClass().add("field-grid");
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(c0, c1);
        int r = 0;
        grid.add(Views.fieldLabel(I18n.t("ui.csr.cn.label"), cn), 0, r);
        grid.add(cn, 1, r++);
        grid.add(Views.message(vm.commonNameChangesProperty(), "warning-text", "commonNameChanges"), 1, r++);
        grid.add(Views.message(vm.commonNameErrorProperty(), "error-text", "commonNameError"), 1, r++);
        grid.add(Views.fieldLabel(I18n.t("ui.csr.country.label"), country), 0, r);
        Label countryName = new Label();
        countryName.getStyleClass().add("hint");
        countryName.textProperty().bind(Bindings.createStringBinding(() -> {
            try {
                return io.atlasonboard.core.pki.Countries.displayName(
                        io.atlasonboard.core.pki.Countries.normalize(state.countryProperty().get()));
            } catch (RuntimeException e) {
                return "";
            }
        }, state.countryProperty(), vm.countryErrorProperty()));
        HBox countryRow = new HBox(10, country, countryName);
        countryRow.setAlignment(Pos.CENTER_LEFT);
        grid.add(countryRow, 1, r++);
        grid.add(Views.message(vm.countryErrorProperty(), "error-text", "countryError"), 1, r++);
        grid.add(Views.fieldLabel(I18n.t("ui.csr.org.label"), org), 0, r);
        grid.add(org, 1, r++);
        grid.add(Views.message(vm.organizationErrorProperty(), "error-text", "organizationError"), 1, r++);
        grid.add(Views.rowLabel(I18n.t("ui.csr.algorithm.label")), 0, r);
        grid.add(new VBox(2, algorithm, algorithmReason), 1, r++);

        // domain names
        TextField domain = new TextField();
        domain.setId("domainInput");
        domain.setPromptText(I18n.t("ui.csr.domain.prompt"));
        domain.textProperty().bindBidirectional(vm.domainInputProperty());
        domain.setOnAction(e -> vm.addDomain());
        Views.flagErrors(domain, vm.domainErrorProperty());
        Button add = Views.button(I18n.t("ui.csr.domain.add"), "mdi2p-plus");
        add.setId("addDomain");
        add.setOnAction(e -> {
            vm.addDomain();
            domain.requestFocus();
        });
        HBox.setHgrow(domain, Priority.ALWAYS);
        HBox addRow = new HBox(6, domain, add);
        ListView<String> list = new ListView<>(state.domains());
        list.setId("domainList");
        list.setPrefHeight(150);
        list.setAccessibleText(I18n.t("ui.csr.domain.list"));
        list.setCellFactory(lv -> new DomainCell(vm));
        Label note = Views.hint(I18n.t("ui.csr.domain.cnNote"));
        note.setId("cnNote");
        Hyperlink putBack = new Hyperlink(I18n.t("ui.csr.domain.putBack"));
        putBack.setId("putCnBack");
        putBack.setOnAction(e -> vm.putCnBackInSans());
        putBack.visibleProperty().bind(vm.cnInSansProperty().not().and(state.commonNameProperty().isNotEmpty()));
        putBack.managedProperty().bind(putBack.visibleProperty());
        grid.add(Views.fieldLabel(I18n.t("ui.csr.domain.label"), domain), 0, r);
        grid.add(addRow, 1, r++);
        grid.add(Views.message(vm.domainErrorProperty(), "error-text", "domainError"), 1, r++);
        grid.add(list, 1, r++);
        grid.add(new VBox(2, note, putBack), 1, r++);
        grid.setMaxWidth(760);
        grid.disableProperty().bind(vm.hasCsrProperty().or(vm.generatingProperty()));

        Button generate = Views.button(I18n.t("ui.csr.generate"), "mdi2k-key-plus");
        generate.setId("generate");
        generate.getStyleClass().add(Styles.ACCENT);
        generate.disableProperty().bind(vm.canGenerateProperty().not());
        generate.setOnAction(e -> vm.generate());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        Label progressText = new Label();
        progressText.textProperty().bind(vm.progressMessageProperty());
        HBox progressRow = new HBox(10, bar, progressText);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.visibleProperty().bind(vm.generatingProperty());
        progressRow.managedProperty().bind(vm.generatingProperty());
        HBox genRow = new HBox(12, generate, progressRow);
        genRow.setAlignment(Pos.CENTER_LEFT);
        genRow.visibleProperty().bind(vm.hasCsrProperty().not());
        genRow.managedProperty().bind(genRow.visibleProperty());

        VBox output = output(vm, dialogs, state);
        output.visibleProperty().bind(vm.hasCsrProperty());
        output.managedProperty().bind(vm.hasCsrProperty());

        getChildren().addAll(title, intro, grid, genRow,
                Views.message(vm.generateErrorProperty(), "error-text", "generateError"), output);
    }

    private static io.atlasonboard.ui.wizard.WizardState vmState(CsrViewModel vm) {
        return vm.state();
    }

    private VBox output(CsrViewModel vm, FileOpener dialogs, io.atlasonboard.ui.wizard.WizardState state) {
        Label head = new Label(I18n.t("ui.csr.ready"));
        head.getStyleClass().add(Styles.TITLE_4);
        TextArea csr = new TextArea();
        csr.setId("csrPem");
        csr.getStyleClass().add("pem-area");
        csr.setEditable(false);
        csr.setPrefRowCount(8);
        csr.textProperty().bind(state.csrPemProperty());
        csr.setAccessibleText(I18n.t("ui.csr.pem.accessible"));
        Button copy = Views.copyButton(I18n.t("ui.csr.copy"), "copyCsr", state.csrPemProperty()::get);
        Button saveCsr = Views.button(I18n.t("ui.csr.saveCsr"), "mdi2c-content-save-outline");
        saveCsr.setId("saveCsr");
        saveCsr.setOnAction(e -> dialogs.save(I18n.t("ui.csr.saveCsr.dialogTitle"),
                vm.suggestedBaseName() + ".csr",
                new FileOpener.Filter(I18n.t("ui.csr.saveCsr.filter"), 
                        List.of("*.csr", "*.pem"))).ifPresent(vm::saveCsr));
        Button saveKey = Views.button(I18n.t("ui.csr.saveKey"), "mdi2k-key-outline");
        saveKey.setId("saveKey");
        saveKey.setOnAction(e -> dialogs.save(I18n.t("ui.csr.saveKey.dialogTitle"),
                vm.suggestedBaseName() + ".key.pem", new FileOpener.Filter(I18n.t("ui.csr.saveKey.filter"),
                        List.of("*.pem", "*.key")))
                .ifPresent(vm::saveKey));

        // the key password: shown once, then only "stored in the vault"
        TextField pw = new TextField();
        pw.setId("keyPassword");
        pw.setEditable(false);
        pw.getStyleClass().add("mono");
        pw.textProperty().bind(state.keyPasswordProperty());
        pw.setPrefColumnCount(26);
        pw.setAccessibleText(I18n.t("ui.csr.password.accessible"));
        Button copyPw = Views.copyButton(I18n.t("ui.csr.password.copy"), "copyKeyPassword",
                state.keyPasswordProperty()::get);
        copyPw.setAccessibleText(I18n.t("ui.csr.password.copyAccessible"));
        HBox pwRow = new HBox(6, pw, copyPw);
        Label pwLabel = new Label(I18n.t("ui.csr.password.label"));
        pwLabel.setLabelFor(pw);
        pwRow.setAlignment(Pos.CENTER_LEFT);
        Label pwHint = Views.hint(I18n.t("ui.csr.password.hint"));
        VBox shown = new VBox(4, pwLabel, pwRow, pwHint);
        shown.visibleProperty().bind(vm.showPasswordOnceProperty());
        shown.managedProperty().bind(vm.showPasswordOnceProperty());
        Label stored = new Label(I18n.t("ui.csr.password.stored"), new FontIcon("mdi2l-lock-outline"));
        stored.setId("keyPasswordStored");
        stored.visibleProperty().bind(vm.showPasswordOnceProperty().not());
        stored.managedProperty().bind(stored.visibleProperty());

        CheckBox done = new CheckBox(I18n.t("ui.csr.downloadsDone"));
        done.setMnemonicParsing(true);
        done.setId("downloadsComplete");
        done.selectedProperty().bindBidirectional(state.downloadsConfirmedProperty());
        done.setWrapText(true);

        Button discard = Views.button(I18n.t("ui.csr.discard"), "mdi2d-delete-outline");
        discard.setId("discardKey");
        discard.getStyleClass().addAll(Styles.DANGER, Styles.FLAT);
        discard.setOnAction(e -> {
            if (Confirmer.alerts().confirm(this, I18n.t("ui.csr.discard.title"), I18n.t("ui.csr.discard.text"),
                    I18n.t("ui.csr.discard.confirm"))) {
                vm.discardKey();
            }
        });
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, copy, saveCsr, saveKey, gap, discard);
        VBox box = new VBox(10, head, csr, buttons, shown, stored,
                Views.message(vm.fileMessageProperty(), "hint", "fileMessage"), done);
        box.setMaxWidth(760);
        return box;
    }

    private static final class DomainCell extends ListCell<String> {
        private final CsrViewModel vm;

        DomainCell(CsrViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label(item);
            name.getStyleClass().add("mono");
            boolean isCn = item.equalsIgnoreCase(vm.state().commonNameProperty().get());
            Label tag = new Label(isCn ? I18n.t("ui.csr.domain.cnTag") : "");
            tag.getStyleClass().addAll("hint");
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            Button remove = Views.iconButton("mdi2c-close", I18n.t("ui.csr.domain.remove", item));
            remove.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
            remove.setId("remove-" + item.replaceAll("[^A-Za-z0-9-]", "_"));
            remove.setOnAction(e -> vm.removeDomain(item));
            remove.disableProperty().bind(vm.hasCsrProperty());
            HBox row = new HBox(8, name, tag, grow, remove);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }
}
