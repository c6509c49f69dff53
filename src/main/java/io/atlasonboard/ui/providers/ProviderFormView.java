package io.atlasonboard.ui.providers;

import io.atlasonboard.ui.common.I18n;

import io.atlasonboard.ui.common.FormParts;
import io.atlasonboard.ui.common.Views;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.store.IntendedUse;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Step 5: the GlobalSign certificate provider form (also the providers window's "Edit"). */
public final class ProviderFormView extends javafx.scene.layout.BorderPane {
    private final ProviderFormViewModel vm;

    public ProviderFormView(ProviderFormViewModel vm) {
        this.vm = vm;
        ScrollPane scroll = new ScrollPane();
        scroll.setFitToWidth(true);
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(170);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(c0, c1);
        int row = 0;

        Label type = new Label(vm.typeLabel());
        type.setId("providerType");
        row = add(g, row, I18n.t("ui.providers.form.type"), type, null);
        row = add(g, row, I18n.t("ui.providers.form.name"),
                FormParts.text(vm.nameProperty(), "providerName", I18n.t("ui.providers.form.name.prompt")),
                Views.message(vm.nameErrorProperty(), "error-text", "providerNameError"));
        TextField url = FormParts.text(vm.apiUrlProperty(), "apiUrl", I18n.t("ui.providers.form.apiUrl"));
        url.editableProperty().bind(vm.apiUrlLockedProperty().not());
        row = add(g, row, I18n.t("ui.providers.form.apiUrl"), url, Views.message(vm.urlErrorProperty(), "error-text", "apiUrlError"));
        g.add(note(vm.apiUrlPresetNoteProperty(), "apiUrlPresetNote"), 1, row++);
        ChoiceBox<IntendedUse> use = new ChoiceBox<>();
        use.setId("intendedUse");
        use.getItems().addAll(IntendedUse.values());
        use.setConverter(new StringConverter<>() {
            @Override public String toString(IntendedUse u) { return ProviderFormViewModel.useLabel(u); }
            @Override public IntendedUse fromString(String s) { return ProviderFormViewModel.parseUse(s); }
        });
        use.valueProperty().bindBidirectional(vm.intendedUseProperty());
        row = add(g, row, I18n.t("ui.providers.form.intendedUse"), use, null);
        row = add(g, row, I18n.t("ui.providers.form.apiKey"),
                FormParts.text(vm.apiKeyProperty(), "apiKey", I18n.t("ui.providers.form.apiKey")),
                Views.message(vm.apiKeyErrorProperty(), "error-text", "apiKeyError"));
        row = add(g, row, I18n.t("ui.providers.form.apiSecret"),
                FormParts.secret(vm.apiSecretProperty(), "apiSecret", I18n.t("ui.providers.form.apiSecret")), null);
        Label keepHint = new Label(I18n.t("ui.providers.form.keepHint"));
        keepHint.getStyleClass().add(Styles.TEXT_MUTED);
        keepHint.visibleProperty().bind(vm.keepStoredSecretsProperty());
        keepHint.managedProperty().bind(keepHint.visibleProperty());
        g.add(keepHint, 1, row++);

        Label ks = new Label();
        ks.setId("keystoreDescription");
        ks.textProperty().bind(vm.keystoreDescriptionProperty());
        Button openKs = new Button(I18n.t("ui.providers.form.openKeystore"));
        openKs.setId("openKeystore");
        openKs.setOnAction(e -> vm.openKeystore());
        row = add(g, row, I18n.t("ui.providers.form.keystore"), new HBox(10, ks, openKs),
                Views.message(vm.keystoreErrorProperty(), "error-text", "keystoreError"));
        row = add(g, row, I18n.t("ui.providers.form.keystorePassword"), FormParts.secret(
                vm.keystorePasswordProperty(), "keystorePassword", I18n.t("ui.providers.form.keystorePassword")), null);

        TextArea trust = new TextArea();
        Label trustLabel = new Label(I18n.t("ui.providers.form.trust"));
        trustLabel.setLabelFor(trust);
        trust.setId("trustPem");
        trust.setPrefRowCount(4);
        trust.setPromptText(I18n.t("ui.providers.form.trust.prompt"));
        trust.setAccessibleText(I18n.t("ui.providers.form.trust"));
        trust.textProperty().bindBidirectional(vm.trustPemProperty());
        Button openPem = new Button(I18n.t("ui.providers.form.openTrustPem"));
        openPem.setId("openTrustPem");
        openPem.setOnAction(e -> vm.openTrustPem());
        VBox trustBox = new VBox(4, trust, openPem, Views.message(vm.trustErrorProperty(), "error-text", "trustPemError"));

        GridPane proxy = new GridPane();
        proxy.setHgap(10);
        proxy.setVgap(6);
        proxy.getColumnConstraints().addAll(c0, c1);
        int pr = 0;
        TextField port = FormParts.text(vm.proxyPortProperty(), "proxyPort", I18n.t("ui.providers.form.proxyPort.prompt"));
        port.setAccessibleText(I18n.t("ui.providers.form.proxyPort.a11y"));
        TextField host = FormParts.text(vm.proxyHostProperty(), "proxyHost", I18n.t("ui.providers.form.proxyHost.prompt"));
        host.setAccessibleText(I18n.t("ui.providers.form.proxyHost.a11y"));
        TextField proxyUser = FormParts.text(vm.proxyUserProperty(), "proxyUser", I18n.t("ui.providers.form.proxyUser.prompt"));
        proxyUser.setAccessibleText(I18n.t("ui.providers.form.proxyUser"));
        port.setPrefColumnCount(6);
        pr = add(proxy, pr, I18n.t("ui.providers.form.proxyHostPort"), new HBox(6, grow(host), port), null);
        proxy.add(note(vm.proxyPresetNoteProperty(), "proxyPresetNote"), 1, pr++);
        pr = add(proxy, pr, I18n.t("ui.providers.form.proxyUser"), proxyUser, null);
        pr = add(proxy, pr, I18n.t("ui.providers.form.proxyPassword"),
                FormParts.secret(vm.proxyPasswordProperty(), "proxyPassword", I18n.t("ui.providers.form.proxyPassword")),
                Views.message(vm.proxyErrorProperty(), "error-text", "proxyError"));
        TitledPane advanced = new TitledPane(I18n.t("ui.providers.form.advanced"),
                new VBox(10, trustLabel, trustBox, proxy));
        advanced.setId("advancedSettings");
        advanced.setExpanded(vm.sandboxProperty().get() || !vm.proxyHostProperty().get().isEmpty());
        advanced.setAnimated(false);
        advancedPane = advanced;

        Button save = new Button(I18n.t("ui.providers.form.save"));
        save.setId("saveProvider");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.disableProperty().bind(vm.busyProperty());
        save.setOnAction(e -> vm.save());

        Label title = new Label(I18n.t("ui.providers.form.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label badge = FormParts.sandboxBadge();
        badge.visibleProperty().bind(vm.sandboxProperty());
        badge.managedProperty().bind(badge.visibleProperty());
        VBox head = new VBox(6, title, badge);
        vm.sandboxProperty().addListener((o, a, on) -> advancedExpand(on));
        Label hint = new Label(I18n.t("ui.providers.form.hint"));
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);

        Label presetsProblem = new Label(vm.presetsProblem());
        presetsProblem.setId("presetsProblem");
        presetsProblem.setWrapText(true);
        presetsProblem.getStyleClass().add(Styles.WARNING);
        presetsProblem.setVisible(!vm.presetsProblem().isEmpty());
        presetsProblem.setManaged(presetsProblem.isVisible());

        VBox root = new VBox(12, head, hint, presetsProblem, g, advanced);
        root.setPadding(new Insets(16));
        scroll.setContent(root);
        VBox footer = new VBox(8, Views.message(vm.formErrorProperty(), "error-text", "providerFormError"), save);
        footer.setPadding(new Insets(8, 16, 16, 16));
        setCenter(scroll);
        setBottom(footer);
    }

    private TitledPane advancedPane;

    private void advancedExpand(boolean on) {
        if (on && advancedPane != null) {
            advancedPane.setExpanded(true);
        }
    }

    public ProviderFormViewModel viewModel() {
        return vm;
    }

    /** A muted hint bound to {@code text}; hidden while empty. */
    private static Label note(javafx.beans.binding.StringExpression text, String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.visibleProperty().bind(text.isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static HBox grow(javafx.scene.Node n) {
        HBox.setHgrow(n, Priority.ALWAYS);
        HBox b = new HBox(n);
        HBox.setHgrow(b, Priority.ALWAYS);
        return b;
    }

    private static int add(GridPane g, int row, String label, javafx.scene.Node field, Label error) {
        Label l = new Label(label);
        l.setLabelFor(field);
        g.add(l, 0, row);
        g.add(field, 1, row);
        row++;
        if (error != null) {
            g.add(error, 1, row++);
        }
        return row;
    }
}
