package io.atlasonboard.ui.dns;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.dns.ServerResult;
import io.atlasonboard.ui.common.Tables;
import io.atlasonboard.ui.common.Views;
import io.atlasonboard.ui.common.FormParts;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
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
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Step 7 / "Domains": claims on the left, the TXT record and checks of the selected claim on the right. */
public final class DnsValidationView extends SplitPane {
    private final DnsValidationViewModel vm;
    private final Timeline ticker;

    public DnsValidationView(DnsValidationViewModel vm) {
        this.vm = vm;
        setId("dnsValidationView");

        // ---------------------------------------------------------------- left: claims
        ListView<String> offered = new ListView<>(vm.offeredDomains());
        offered.setId("offeredDomains");
        offered.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        offered.setPrefHeight(120);
        offered.setMinHeight(72);
        offered.visibleProperty().bind(Bindings.isNotEmpty(vm.offeredDomains()));
        offered.managedProperty().bind(offered.visibleProperty());
        Label offeredLabel = new Label("Domain names from your CSR (select the ones to claim):");
        offeredLabel.visibleProperty().bind(offered.visibleProperty());
        offeredLabel.managedProperty().bind(offered.visibleProperty());
        TextField input = FormParts.text(vm.domainInputProperty(), "domainInput",
                "Other domains, e.g. example.com www.example.com");
        HBox.setHgrow(input, Priority.ALWAYS);
        Button claim = new Button("C_reate claims");
        claim.setId("createClaims");
        claim.getStyleClass().add(Styles.ACCENT);
        claim.disableProperty().bind(vm.busyProperty());
        claim.setOnAction(e -> vm.createClaims(offered.getSelectionModel().getSelectedItems()));
        input.setOnAction(e -> claim.fire());

        TableView<ClaimRow> table = new TableView<>(vm.rows());
        table.setId("claimsTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col("Domain", ClaimRow::domainProperty, 190));
        table.getColumns().add(col("Status", ClaimRow::statusProperty, 90));
        table.getColumns().add(col("Assert by", ClaimRow::countdownProperty, 130));
        table.getColumns().add(col("Expires", ClaimRow::expiryProperty, 120));
        table.getColumns().add(col("Verification", ClaimRow::progressProperty, 200));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> vm.selectedProperty().set(r));
        vm.selectedProperty().addListener((o, a, r) -> {
            if (r != null && table.getSelectionModel().getSelectedItem() != r) {
                table.getSelectionModel().select(r);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        Tables.placeholder(table, "No domain claims yet: select or type domains above and create claims.");

        Button verifyAll = new Button("Ask GlobalSign to _verify all");
        verifyAll.setId("verifyAll");
        verifyAll.setOnAction(e -> vm.verifyAll());
        Button verify = new Button("Verify _selected");
        verify.setId("verifySelected");
        verify.setOnAction(e -> vm.verifySelected());
        Button reassert = new Button("Reassert (new t_oken)");
        reassert.setId("reassert");
        reassert.setOnAction(e -> vm.reassertSelected());
        Button delete = new Button("De_lete claim");
        delete.setId("deleteClaim");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> vm.deleteSelected());
        Label msg = new Label();
        msg.setId("dnsMessage");
        msg.setWrapText(true);
        msg.textProperty().bind(vm.messageProperty());

        Label title = new Label("DNS TXT validation");
        title.getStyleClass().add(Styles.TITLE_3);
        VBox head = new VBox(6, title);
        if (vm.sandbox()) {
            head.getChildren().add(FormParts.sandboxBadge());
        }
        VBox left = new VBox(8, head, offeredLabel, offered, new HBox(6, input, claim),
                FormParts.error(vm.domainErrorProperty(), "domainError"), table,
                new javafx.scene.layout.FlowPane(6, 6, verifyAll, verify, reassert, delete), msg);
        left.setPadding(new Insets(12));

        // ---------------------------------------------------------------- right: the record
        GridPane rec = new GridPane();
        rec.setHgap(8);
        rec.setVgap(6);
        int r = 0;
        rec.add(new Label("Host (name)"), 0, r);
        rec.add(readOnly(vm.hostProperty(), "txtHost"), 1, r);
        rec.add(copyButton("copyHost", vm.hostProperty()), 2, r++);
        rec.add(new Label("Type"), 0, r);
        rec.add(new Label("TXT"), 1, r++);
        rec.add(new Label("Value"), 0, r);
        rec.add(readOnly(vm.valueProperty(), "txtValue"), 1, r);
        rec.add(copyButton("copyValue", vm.valueProperty()), 2, r++);
        rec.add(new Label("Relative name"), 0, r);
        Label rel = new Label();
        rel.setId("txtRelativeName");
        rel.textProperty().bind(vm.relativeNameProperty());
        rec.add(rel, 1, r++);
        rec.add(new Label("Zone-file line"), 0, r);
        rec.add(readOnly(vm.zoneFileLineProperty(), "txtZoneLine"), 1, r);
        rec.add(copyButton("copyZoneLine", vm.zoneFileLineProperty()), 2, r++);
        javafx.scene.layout.ColumnConstraints c1 = new javafx.scene.layout.ColumnConstraints();
        javafx.scene.layout.ColumnConstraints c2 = new javafx.scene.layout.ColumnConstraints();
        c2.setHgrow(Priority.ALWAYS);
        rec.getColumnConstraints().addAll(c1, c2);

        Label replaced = new Label();
        replaced.setId("replacedToken");
        replaced.setWrapText(true);
        replaced.getStyleClass().add(Styles.WARNING);
        replaced.textProperty().bind(Bindings.when(vm.replacedTokenProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("New token: it replaces the old one (", vm.replacedTokenProperty(),
                        "); remove the old record.")));
        replaced.visibleProperty().bind(vm.replacedTokenProperty().isNotEmpty());
        replaced.managedProperty().bind(replaced.visibleProperty());

        Label note = new Label();
        note.setId("quotingNote");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(vm.quotingNoteProperty());

        TextArea all = new TextArea();
        all.setId("copyAllBlock");
        all.setEditable(false);
        all.setPrefRowCount(6);
        all.setStyle("-fx-font-family: monospace;");
        all.textProperty().bind(vm.copyAllProperty());
        Button copyAll = copyButton("copyAll", vm.copyAllProperty());
        copyAll.setText("Copy all (for your DNS admin)");

        Button publish = new Button("P_ublish in sandbox DNS");
        publish.setId("publishSandbox");
        publish.setVisible(vm.sandbox());
        publish.setManaged(vm.sandbox());
        publish.setOnAction(e -> vm.publishInSandbox());

        TextField resolvers = FormParts.text(vm.resolversProperty(), "resolvers",
                "Extra resolvers to ask, e.g. 1.1.1.1 9.9.9.9:53 (optional)");
        HBox.setHgrow(resolvers, Priority.ALWAYS);
        Button check = new Button("Check _propagation");
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
        servers.setPrefHeight(140);
        servers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.placeholder(servers, "Check propagation to see what each name server answers.");
        servers.getColumns().add(plain("Server", s -> s.server() + " (" + s.address() + ")"));
        servers.getColumns().add(plain("Kind", s -> s.kind().name().toLowerCase()));
        servers.getColumns().add(plain("Result", s -> s.outcome().name().replace('_', ' ').toLowerCase()));
        servers.getColumns().add(plain("Detail", s -> s.detail() + (s.values().isEmpty() ? ""
                : " seen: " + String.join(", ", s.values()))));

        TextArea log = new TextArea();
        log.setId("claimLog");
        log.setEditable(false);
        log.setPrefRowCount(4);
        vm.selectedProperty().addListener((o, a, row) -> {
            log.textProperty().unbind();
            if (row != null) {
                log.textProperty().bind(row.logProperty());
            } else {
                log.setText("");
            }
        });

        Label recTitle = new Label("TXT record to publish");
        recTitle.getStyleClass().add(Styles.TITLE_4);
        Label propTitle = new Label("Propagation (every authoritative name server, plus your resolvers)");
        propTitle.getStyleClass().add(Styles.TITLE_4);
        propTitle.setWrapText(true);
        recTitle.setWrapText(true);
        title.setWrapText(true);
        VBox right = new VBox(8, recTitle, rec, replaced, note, all, new HBox(8, copyAll, publish), propTitle,
                new HBox(6, resolvers, check), summary, servers, new Label("Claim log"), log);
        right.setPadding(new Insets(12));
        ScrollPane rightScroll = new ScrollPane(right);
        rightScroll.setFitToWidth(true);

        getItems().addAll(left, rightScroll);
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

    public DnsValidationViewModel viewModel() {
        return vm;
    }

    private static TextField readOnly(StringProperty p, String id) {
        TextField t = new TextField();
        t.setId(id);
        t.setEditable(false);
        t.textProperty().bind(p);
        t.setStyle("-fx-font-family: monospace;");
        return t;
    }

    /** A copy button whose label flips to "Copied" for two seconds. */
    static Button copyButton(String id, StringProperty text) {
        Button b = new Button("Copy");
        b.setId(id);
        if (!id.equals("copyAll")) {
            Views.keepWidthFor(b, "Copied"); // the label flips to "Copied": the field beside it keeps its width
        }
        b.setAccessibleText("Copy " + id.replace("copy", "").toLowerCase());
        b.disableProperty().bind(text.isEmpty());
        String label = b.getText();
        PauseTransition back = new PauseTransition(Duration.seconds(2));
        back.setOnFinished(e -> b.setText(b.getId().equals("copyAll") ? "Copy all (for your DNS admin)" : label));
        b.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(text.get());
            Clipboard.getSystemClipboard().setContent(c);
            b.setText("Copied");
            back.playFromStart();
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
}
