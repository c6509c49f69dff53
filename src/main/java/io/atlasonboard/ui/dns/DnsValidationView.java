package io.atlasonboard.ui.dns;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.dns.ServerResult;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Slices;
import io.atlasonboard.ui.common.Tables;
import io.atlasonboard.ui.common.Views;
import io.atlasonboard.ui.common.FormParts;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Step 7 / "Domains": claims on the left, the TXT record and checks of the selected claim on the right. */
public final class DnsValidationView extends SplitPane {
    private final DnsValidationViewModel vm;
    private final Timeline ticker;
    private final Button otherMethod;
    private java.util.function.Function<ClaimRow, javafx.scene.Parent> alternativeValidation;
    /** The parts added after the first frame (tests and callers may {@link #finishBuilding()}). */
    private final Slices parts;

    public DnsValidationView(DnsValidationViewModel vm) {
        this.vm = vm;
        setId("dnsValidationView");
        io.atlasonboard.ui.common.CancelOnLeave.install(this, vm::cancelAll);

        // ---------------------------------------------------------------- left: claims
        ListView<String> offered = new ListView<>(vm.offeredDomains());
        offered.setId("offeredDomains");
        offered.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        offered.setPrefHeight(120);
        offered.setMinHeight(72);
        offered.visibleProperty().bind(Bindings.isNotEmpty(vm.offeredDomains()));
        offered.managedProperty().bind(offered.visibleProperty());
        Label offeredLabel = new Label(I18n.t("ui.dns.offered.label"));
        offeredLabel.setLabelFor(offered);
        offered.setAccessibleText(I18n.t("ui.dns.offered.label"));
        offeredLabel.visibleProperty().bind(offered.visibleProperty());
        offeredLabel.managedProperty().bind(offered.visibleProperty());
        TextField input = FormParts.text(vm.domainInputProperty(), "domainInput",
                I18n.t("ui.dns.input.prompt"));
        HBox.setHgrow(input, Priority.ALWAYS);
        Button claim = new Button(I18n.t("ui.dns.create"));
        claim.setId("createClaims");
        claim.getStyleClass().add(Styles.ACCENT);
        claim.disableProperty().bind(vm.busyProperty());
        claim.setOnAction(e -> vm.createClaims(offered.getSelectionModel().getSelectedItems()));
        input.setOnAction(e -> claim.fire());
        Button preflightButton = new Button(I18n.t("ui.dns.preflight.run"));
        preflightButton.setId("runPreflight");
        preflightButton.setMinWidth(Button.USE_PREF_SIZE);
        preflightButton.disableProperty().bind(vm.preflight().runningProperty());
        preflightButton.setOnAction(e -> vm.preflightOnly(offered.getSelectionModel().getSelectedItems()));
        claim.setMinWidth(Button.USE_PREF_SIZE);
        VBox preflightPane = PreflightPane.of(vm.preflight());

        TableView<ClaimRow> table = new TableView<>(vm.rows());
        table.setId("claimsTable");
        table.setAccessibleText(I18n.t("ui.dns.table.accessible"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col(I18n.t("ui.dns.table.domain"), ClaimRow::domainProperty, 170));
        table.getColumns().add(col(I18n.t("ui.dns.table.status"), ClaimRow::statusProperty, 85));
        table.getColumns().add(col(I18n.t("ui.dns.table.assertBy"), ClaimRow::countdownProperty, 120));
        table.getColumns().add(col(I18n.t("ui.dns.table.due"), ClaimRow::dueProperty, 130));
        table.getColumns().add(col(I18n.t("ui.dns.table.seen"), ClaimRow::seenProperty, 150));
        table.getColumns().add(col(I18n.t("ui.dns.table.expires"), ClaimRow::expiryProperty, 100));
        table.getColumns().add(col(I18n.t("ui.dns.table.lastVerified"), ClaimRow::lastVerifiedProperty, 100));
        table.getColumns().add(col(I18n.t("ui.dns.table.verification"), ClaimRow::progressProperty, 200));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setMinHeight(150);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> vm.selectedProperty().set(r));
        vm.selectedProperty().addListener((o, a, r) -> {
            if (r != null && table.getSelectionModel().getSelectedItem() != r) {
                table.getSelectionModel().select(r);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        Tables.placeholder(table, I18n.t("ui.dns.table.placeholder"));

        Button verifyAll = new Button(I18n.t("ui.dns.verifyAll"));
        verifyAll.setId("verifyAll");
        verifyAll.setOnAction(e -> vm.verifyAll());
        Button verify = new Button(I18n.t("ui.dns.verifySelected"));
        verify.setId("verifySelected");
        verify.setOnAction(e -> vm.verifySelected());
        Button reassert = new Button(I18n.t("ui.dns.reassert"));
        reassert.setId("reassert");
        reassert.setOnAction(e -> vm.reassertSelected());
        Button delete = new Button(I18n.t("ui.dns.delete"));
        delete.setId("deleteClaim");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> vm.deleteSelected());
        Button checkAll = new Button(I18n.t("ui.dns.checkAll"));
        checkAll.setId("checkAllPropagation");
        checkAll.disableProperty().bind(vm.checkingProperty());
        checkAll.setOnAction(e -> vm.checkAllPropagation());
        Button handoff = new Button(I18n.t("ui.dns.handoff.save"));
        handoff.setId("saveHandoff");
        handoff.setVisible(vm.handoff().available());
        handoff.setManaged(vm.handoff().available());
        handoff.setOnAction(e -> vm.handoff().save());
        otherMethod = new Button(I18n.t("ui.dns.otherMethod"));
        otherMethod.setId("otherMethod");
        otherMethod.setTooltip(new Tooltip(I18n.t("ui.dns.otherMethod.tip")));
        otherMethod.setVisible(false);
        otherMethod.managedProperty().bind(otherMethod.visibleProperty());
        otherMethod.setOnAction(e -> openAlternative());
        Label warning = new Label();
        warning.setId("lifetimeWarning");
        warning.setWrapText(true);
        warning.setMinHeight(Label.USE_PREF_SIZE);
        warning.getStyleClass().add(Styles.WARNING);
        warning.textProperty().bind(vm.lifetimeWarningProperty());
        warning.visibleProperty().bind(vm.lifetimeWarningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        Label msg = new Label();
        msg.setId("dnsMessage");
        msg.setWrapText(true);
        msg.setMinHeight(Label.USE_PREF_SIZE);
        msg.textProperty().bind(vm.messageProperty());

        Label title = new Label(I18n.t("ui.dns.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        VBox head = new VBox(6, title);
        if (vm.sandbox()) {
            head.getChildren().add(DnsCancelRows.wrapping(FormParts.sandboxBadge()));
        }
        VBox left = new VBox(8, head, offeredLabel, offered, new HBox(6, input, preflightButton, claim),
                Views.message(vm.domainErrorProperty(), "error-text", "domainError"), preflightPane, table, warning,
                new javafx.scene.layout.FlowPane(6, 6, verifyAll, verify, reassert, delete, checkAll, handoff,
                        otherMethod), DnsCancelRows.verification(vm), msg);
        left.setPadding(new Insets(12));
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setFitToHeight(true);

        // ---------------------------------------------------------------- right: the record, built after the left
        // side is on screen, a part a frame (the whole screen styled in one pulse stalled the FX thread ~90 ms)
        title.setWrapText(true);
        VBox right = new VBox(8);
        right.setPadding(new Insets(12));
        ScrollPane rightScroll = new ScrollPane(right);
        rightScroll.setFitToWidth(true);

        getItems().addAll(leftScroll, rightScroll);
        int tableAt = left.getChildren().indexOf(table);
        left.getChildren().remove(table);
        parts = Slices.run(java.util.List.of(
                () -> left.getChildren().add(tableAt, table),
                () -> right.getChildren().addAll(recordPart()),
                () -> right.getChildren().addAll(propagationPart()),
                () -> right.getChildren().addAll(logPart())));
        vm.selectedProperty().addListener((o, a, row) -> updateOtherMethod());
        setDividerPositions(0.5);

        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        sceneProperty().addListener((o, a, s) -> {
            if (s == null) {
                ticker.stop();
            } else {
                ticker.play();
            }
        });
    }

    /** The TXT record of the selected claim: host, value, zone-file line, copy buttons. */
    private java.util.List<javafx.scene.Node> recordPart() {
        GridPane rec = new GridPane();
        rec.setHgap(8);
        rec.setVgap(6);
        int r = 0;
        Label adnLabel = new Label(I18n.t("ui.dns.adn.label"));
        rec.add(adnLabel, 0, r);
        javafx.scene.control.ComboBox<String> adn = new javafx.scene.control.ComboBox<>(
                vm.authorizationDomains().choices());
        adn.setId("adnChoice");
        adnLabel.setLabelFor(adn);
        adn.setAccessibleText(adnLabel.getText());
        adn.setTooltip(new Tooltip(I18n.t("ui.dns.adn.tip")));
        adn.setMaxWidth(Double.MAX_VALUE);
        adn.setButtonCell(new javafx.scene.control.ListCell<>() {
            private final Tooltip full = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                // a long domain in a narrow column: the full name stays readable (one tooltip, its text updated)
                full.setText(item);
                setTooltip(empty || item == null ? null : full);
            }
        });
        adn.valueProperty().bindBidirectional(vm.authorizationDomains().choiceProperty());
        adn.disableProperty().bind(Bindings.isEmpty(vm.authorizationDomains().choices()));
        rec.add(adn, 1, r++);
        Label adnMessage = new Label();
        adnMessage.setId("adnMessage");
        adnMessage.setWrapText(true);
        adnMessage.textProperty().bind(vm.authorizationDomains().messageProperty());
        adnMessage.visibleProperty().bind(vm.authorizationDomains().messageProperty().isNotEmpty());
        adnMessage.managedProperty().bind(adnMessage.visibleProperty());
        rec.add(adnMessage, 1, r++, 2, 1);
        rec.add(readOnly(rec, r, "ui.dns.record.host", vm.hostProperty(), "txtHost"), 1, r);
        rec.add(copyButton("copyHost", vm.hostProperty()), 2, r++);
        rec.add(new Label(I18n.t("ui.dns.record.type")), 0, r);
        rec.add(new Label("TXT"), 1, r++);
        rec.add(readOnly(rec, r, "ui.dns.record.value", vm.valueProperty(), "txtValue"), 1, r);
        rec.add(copyButton("copyValue", vm.valueProperty()), 2, r++);
        Label relLabel = new Label(I18n.t("ui.dns.record.relative"));
        rec.add(relLabel, 0, r);
        Label rel = new Label();
        relLabel.setLabelFor(rel);
        rel.setId("txtRelativeName");
        rel.setWrapText(true);
        rel.setMinHeight(Label.USE_PREF_SIZE);
        rel.textProperty().bind(vm.relativeNameProperty());
        rec.add(rel, 1, r++);
        rec.add(readOnly(rec, r, "ui.dns.record.zoneLine", vm.zoneFileLineProperty(), "txtZoneLine"), 1, r);
        rec.add(copyButton("copyZoneLine", vm.zoneFileLineProperty()), 2, r++);
        javafx.scene.layout.ColumnConstraints c1 = new javafx.scene.layout.ColumnConstraints();
        c1.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints c2 = new javafx.scene.layout.ColumnConstraints();
        c2.setHgrow(Priority.ALWAYS);
        rec.getColumnConstraints().addAll(c1, c2);

        Label replaced = new Label();
        replaced.setId("replacedToken");
        replaced.setWrapText(true);
        replaced.getStyleClass().add(Styles.WARNING);
        replaced.textProperty().bind(Bindings.createStringBinding(() -> vm.replacedTokenProperty().get().isEmpty()
                ? "" : I18n.t("ui.dns.record.replaced", vm.replacedTokenProperty().get()), vm.replacedTokenProperty()));
        replaced.visibleProperty().bind(vm.replacedTokenProperty().isNotEmpty());
        replaced.managedProperty().bind(replaced.visibleProperty());

        Label note = new Label();
        note.setId("quotingNote");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(vm.quotingNoteProperty());

        TextArea all = new TextArea();
        all.setId("copyAllBlock");
        all.setAccessibleText(I18n.t("ui.dns.copyAll"));
        all.setEditable(false);
        all.setPrefRowCount(6);
        all.setStyle("-fx-font-family: monospace;");
        all.textProperty().bind(vm.copyAllProperty());
        Button copyAll = copyButton("copyAll", vm.copyAllProperty());
        copyAll.setText(I18n.t("ui.dns.copyAll"));

        Button publish = new Button(I18n.t("ui.dns.publish"));
        publish.setId("publishSandbox");
        publish.setVisible(vm.sandbox());
        publish.setManaged(vm.sandbox());
        publish.setOnAction(e -> vm.publishInSandbox());

        Label recTitle = new Label(I18n.t("ui.dns.record.title"));
        recTitle.getStyleClass().add(Styles.TITLE_4);
        recTitle.setWrapText(true);
        return java.util.List.of(recTitle, rec, replaced, note, all,
                new javafx.scene.layout.FlowPane(8, 8, copyAll, publish));
    }

    /** The propagation check: resolvers, Check, the summary and each server's answer. */
    private java.util.List<javafx.scene.Node> propagationPart() {
        Label propTitle = new Label(I18n.t("ui.dns.propagation.title"));
        propTitle.getStyleClass().add(Styles.TITLE_4);
        propTitle.setWrapText(true);
        TextField resolvers = FormParts.text(vm.resolversProperty(), "resolvers",
                I18n.t("ui.dns.resolvers.prompt"));
        HBox.setHgrow(resolvers, Priority.ALWAYS);
        Button check = new Button(I18n.t("ui.dns.check"));
        check.setId("checkPropagation");
        check.disableProperty().bind(vm.checkingProperty());
        check.setOnAction(e -> vm.checkPropagation());
        Label summary = new Label();
        summary.setId("propagationSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.propagationSummaryProperty());
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        TableView<ServerResult> servers = new TableView<>(vm.servers());
        servers.setId("propagationServers");
        servers.setAccessibleText(I18n.t("ui.dns.servers.accessible"));
        servers.setPrefHeight(140);
        servers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.placeholder(servers, I18n.t("ui.dns.servers.placeholder"));
        servers.getColumns().add(plain(I18n.t("ui.dns.servers.server"),
                s -> I18n.t("ui.dns.servers.serverAddress", s.server(), s.address())));
        servers.getColumns().add(plain(I18n.t("ui.dns.servers.kind"), s -> I18n.t("ui.dns.kind." + s.kind().name())));
        servers.getColumns().add(plain(I18n.t("ui.dns.servers.result"),
                s -> I18n.t("ui.dns.outcome." + s.outcome().name())));
        servers.getColumns().add(plain(I18n.t("ui.dns.servers.detail"), s -> s.values().isEmpty() ? detail(s)
                : I18n.t("ui.dns.servers.detailSeen", detail(s), String.join(", ", s.values()))));

        return java.util.List.of(propTitle, new HBox(6, resolvers, check), DnsCancelRows.propagation(vm, summary),
                servers);
    }

    /** The selected claim's log. */
    private java.util.List<javafx.scene.Node> logPart() {
        TextArea log = new TextArea();
        log.setId("claimLog");
        log.setEditable(false);
        log.setPrefRowCount(4);
        java.util.function.Consumer<ClaimRow> show = row -> {
            log.textProperty().unbind();
            if (row != null) {
                log.textProperty().bind(row.logProperty());
            } else {
                log.setText("");
            }
        };
        vm.selectedProperty().addListener((o, a, row) -> show.accept(row));
        show.accept(vm.selectedProperty().get());

        Label logTitle = new Label(I18n.t("ui.dns.log.title"));
        logTitle.setLabelFor(log);
        log.setAccessibleText(I18n.t("ui.dns.log.title"));
        return java.util.List.of(logTitle, log);
    }

    /** Adds at once what is still to come after the first frame (the screen complete on return). */
    public void finishBuilding() {
        parts.finish();
    }

    public DnsValidationViewModel viewModel() {
        return vm;
    }

    /**
     * The hook for other validation methods (HTTP, e-mail; issue 9): {@code factory} builds the dialog content for
     * the selected claim. The "Other method…" button is shown only while a factory is set and a claim that is not
     * verified is selected; when the dialog closes the claims are re-read from the store. Null: no button.
     */
    public void setAlternativeValidation(java.util.function.Function<ClaimRow, javafx.scene.Parent> factory) {
        this.alternativeValidation = factory;
        updateOtherMethod();
    }

    private void updateOtherMethod() {
        ClaimRow row = vm.selectedProperty().get();
        otherMethod.setVisible(alternativeValidation != null && row != null
                && !"VERIFIED".equalsIgnoreCase(row.record().status()));
    }

    private void openAlternative() {
        ClaimRow row = vm.selectedProperty().get();
        if (alternativeValidation == null || row == null) {
            return;
        }
        javafx.scene.Parent content = alternativeValidation.apply(row);
        if (content == null) {
            return;
        }
        javafx.stage.Stage dialog = new javafx.stage.Stage();
        if (getScene() != null && getScene().getWindow() != null) {
            dialog.initOwner(getScene().getWindow());
            dialog.initModality(javafx.stage.Modality.WINDOW_MODAL);
        }
        dialog.setTitle(I18n.t("ui.dns.otherMethod.title", row.record().domain()));
        javafx.scene.Scene scene = content instanceof AlternativeValidationView
                ? new javafx.scene.Scene(content, 900, 640) : new javafx.scene.Scene(content);
        if (getScene() != null) {
            scene.getStylesheets().addAll(getScene().getStylesheets());
        }
        dialog.setScene(scene);
        dialog.setOnHidden(e -> {
            if (content instanceof AlternativeValidationView alt) {
                alt.viewModel().stopWaiting(); // a closed dialog waits for nothing
            }
            vm.reloadStored();
        });
        dialog.show();
    }

    /** A read-only field in column 1 of {@code grid}, its label (key {@code labelKey}) in column 0 of {@code row}. */
    private static TextField readOnly(GridPane grid, int row, String labelKey, StringProperty p, String id) {
        Label label = new Label(I18n.t(labelKey));
        grid.add(label, 0, row);
        TextField t = new TextField();
        label.setLabelFor(t);
        t.setAccessibleText(label.getText());
        t.setId(id);
        t.setEditable(false);
        t.textProperty().bind(p);
        t.setStyle("-fx-font-family: monospace;");
        return t;
    }

    /** A copy button whose label flips to "Copied" for two seconds. */
    static Button copyButton(String id, StringProperty text) {
        String idle = id.equals("copyAll") ? I18n.t("ui.dns.copyAll") : I18n.t("ui.dns.copy");
        Button b = new Button(I18n.t("ui.dns.copy"));
        b.setId(id);
        b.setMinWidth(Button.USE_PREF_SIZE);
        b.setAccessibleText(I18n.t("ui.dns.copy.a11y." + id));
        b.setTooltip(new Tooltip(I18n.t("ui.dns.copy.a11y." + id)));
        b.disableProperty().bind(text.isEmpty());
        b.setOnAction(e -> {
            Views.copyToClipboard(text.get());
            // the label flips to "Copied" for two seconds; the field beside it keeps its width
            Views.showBriefly(b, I18n.t("ui.dns.copied"), idle);
        });
        return b;
    }

    private static <T> TableColumn<T, String> plain(String name, java.util.function.Function<T, String> f) {
        return Tables.text(name, f);
    }

    private static TableColumn<ClaimRow, String> col(String name,
            java.util.function.Function<ClaimRow, StringProperty> f, double width) {
        TableColumn<ClaimRow, String> c = Tables.observed(name, f::apply);
        c.setPrefWidth(width);
        return c;
    }

    /** A server's detail in the user's language where core gives it as a message. */
    private static String detail(io.atlasonboard.core.dns.ServerResult s) {
        return s.detailMsg() != null ? I18n.text(s.detailMsg()) : s.detail();
    }
}
