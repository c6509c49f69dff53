package io.atlasonboard.ui.handoff;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.handoff.ExportFormat;
import io.atlasonboard.core.handoff.ExportedFile;
import io.atlasonboard.ui.common.Confirmer;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Tables;
import io.atlasonboard.ui.common.Views;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The "Export for…" dialog's content: target, its options, folder, Export; then the files written. */
public final class ExportView extends BorderPane {
    private final ExportViewModel vm;

    public ExportView(ExportViewModel vm, FileOpener files, Confirmer confirmer, Runnable close) {
        this.vm = vm;
        setId("exportView");
        Label title = Views.title(I18n.t("ui.handoff.export.title", vm.provider().name()));

        Label formatLabel = Views.rowLabel(I18n.t("ui.handoff.export.format"));
        ToggleGroup group = new ToggleGroup();
        FlowPane formats = new FlowPane(14, 6);
        for (ExportFormat f : ExportFormat.values()) {
            RadioButton rb = new RadioButton(ExportViewModel.label(f));
            rb.setId("format-" + f.id());
            rb.setToggleGroup(group);
            rb.setUserData(f);
            rb.setSelected(vm.formatProperty().get() == f);
            formats.getChildren().add(rb);
        }
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.formatProperty().set((ExportFormat) t.getUserData());
            }
        });
        Label description = Views.hint("");
        description.setId("formatDescription");
        description.textProperty().bind(Bindings.createStringBinding(
                () -> ExportViewModel.description(vm.formatProperty().get()), vm.formatProperty()));

        StackPane options = new StackPane();
        options.setAlignment(Pos.TOP_LEFT);
        Node mtg = mtgOptions();
        Node hv = hvclientOptions();
        Node k8s = certManagerOptions();
        Node none = Views.hint(I18n.t("ui.handoff.export.noOptions"));
        Runnable showOptions = () -> options.getChildren().setAll(switch (vm.formatProperty().get()) {
            case MTG_CLM -> mtg;
            case HVCLIENT -> hv;
            case CERT_MANAGER -> k8s;
            case VAULT, ENV -> none;
        });
        vm.formatProperty().addListener((o, a, b) -> showOptions.run());
        showOptions.run();

        TextField folder = new TextField();
        folder.setId("exportFolder");
        folder.textProperty().bindBidirectional(vm.folderProperty());
        folder.setPromptText(I18n.t("ui.handoff.export.folder.prompt"));
        HBox.setHgrow(folder, Priority.ALWAYS);
        Label folderLabel = Views.fieldLabel(I18n.t("ui.handoff.export.folder"), folder);
        Button browse = Views.button(I18n.t("ui.handoff.browse"), "mdi2f-folder-open-outline");
        browse.setId("exportBrowse");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> files.folder(I18n.t("ui.handoff.export.folder.choose")).ifPresent(vm::chooseParent));
        HBox folderRow = new HBox(8, folder, browse);
        folderRow.setAlignment(Pos.CENTER_LEFT);
        Label folderHint = Views.hint(I18n.t("ui.handoff.export.folder.hint"));

        vm.setConfirmReplace(p -> confirmer.confirm(this, I18n.t("ui.handoff.export.replace.title"),
                I18n.t("ui.handoff.export.replace.question", p), I18n.t("ui.handoff.export.replace.confirm")));

        Button export = Views.button(I18n.t("ui.handoff.export.run"), "mdi2e-export");
        export.setId("exportRun");
        export.getStyleClass().add(Styles.ACCENT);
        export.setDefaultButton(true);
        export.disableProperty().bind(vm.runningProperty());
        export.setOnAction(e -> vm.export());
        Button closeButton = new Button(I18n.t("ui.handoff.close"));
        closeButton.setId("exportClose");
        closeButton.setCancelButton(true);
        closeButton.setOnAction(e -> close.run());
        HBox buttons = new HBox(8, export, closeButton);

        TableView<ExportedFile> table = new TableView<>(vm.files());
        table.setId("exportFiles");
        table.setAccessibleText(I18n.t("ui.handoff.export.files.a11y"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ExportedFile, String> name = Tables.text(I18n.t("ui.handoff.export.files.name"),
                ExportedFile::name);
        name.setPrefWidth(280);
        TableColumn<ExportedFile, String> secret = Tables.text(I18n.t("ui.handoff.export.files.secret"),
                f -> I18n.t(f.secret() ? "ui.handoff.export.files.isSecret" : "ui.handoff.export.files.notSecret"));
        table.getColumns().add(name);
        table.getColumns().add(secret);
        Tables.placeholder(table, I18n.t("ui.handoff.export.files.empty"));
        table.setPrefHeight(190);
        table.setMinHeight(120);

        Label warnings = new Label();
        warnings.setId("exportWarnings");
        warnings.getStyleClass().add("warning-text");
        warnings.setWrapText(true);
        warnings.textProperty().bind(Bindings.createStringBinding(
                () -> String.join("\n", vm.warnings()), vm.warnings()));
        warnings.managedProperty().bind(warnings.visibleProperty());
        warnings.visibleProperty().bind(Bindings.isNotEmpty(vm.warnings()));

        VBox body = new VBox(10, title, formatLabel, formats, description, options, folderLabel, folderRow,
                folderHint, buttons,
                Views.message(vm.messageProperty(), "success-text", "exportMessage"),
                Views.message(vm.errorProperty(), "error-text", "exportError"), warnings, table);
        body.setPadding(new Insets(16));
        body.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setCenter(scroll);
    }

    private Node mtgOptions() {
        ToggleGroup g = new ToggleGroup();
        RadioButton modern = new RadioButton(I18n.t("ui.handoff.export.mtg.modern"));
        modern.setId("mtgModern");
        modern.setToggleGroup(g);
        modern.setWrapText(true);
        RadioButton compat = new RadioButton(I18n.t("ui.handoff.export.mtg.compatibility"));
        compat.setId("mtgCompatibility");
        compat.setToggleGroup(g);
        compat.setWrapText(true);
        (vm.compatibilityProperty().get() ? compat : modern).setSelected(true);
        compat.selectedProperty().addListener((o, a, b) -> vm.compatibilityProperty().set(b));
        Label l = Views.rowLabel(I18n.t("ui.handoff.export.mtg.profile"));
        return new VBox(6, l, modern, compat);
    }

    private Node hvclientOptions() {
        CheckBox plain = new CheckBox(I18n.t("ui.handoff.export.hv.plainKey"));
        plain.setId("hvPlainKey");
        plain.setWrapText(true);
        plain.selectedProperty().bindBidirectional(vm.plainKeyProperty());
        Label warning = new Label(I18n.t("ui.handoff.export.hv.plainKey.warning"));
        warning.setId("hvPlainKeyWarning");
        warning.getStyleClass().add("warning-text");
        warning.setWrapText(true);
        warning.managedProperty().bind(warning.visibleProperty());
        warning.visibleProperty().bind(vm.plainKeyProperty());
        Label hint = Views.hint(I18n.t("ui.handoff.export.hv.hint"));
        return new VBox(6, hint, plain, warning);
    }

    private Node certManagerOptions() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        String[][] rows = {{"k8sNamespace", "ui.handoff.export.k8s.namespace"},
            {"k8sSecretName", "ui.handoff.export.k8s.secretName"},
            {"k8sIssuerName", "ui.handoff.export.k8s.issuerName"}};
        javafx.beans.property.StringProperty[] props = {vm.namespaceProperty(), vm.secretNameProperty(),
            vm.issuerNameProperty()};
        for (int i = 0; i < rows.length; i++) {
            TextField f = new TextField();
            f.setId(rows[i][0]);
            f.setPrefColumnCount(22);
            f.textProperty().bindBidirectional(props[i]);
            g.addRow(i, Views.fieldLabel(I18n.t(rows[i][1]), f), f);
        }
        CheckBox cluster = new CheckBox(I18n.t("ui.handoff.export.k8s.cluster"));
        cluster.setId("k8sCluster");
        cluster.setWrapText(true);
        cluster.selectedProperty().bindBidirectional(vm.clusterProperty());
        return new VBox(6, g, cluster);
    }

    public ExportViewModel viewModel() {
        return vm;
    }
}
