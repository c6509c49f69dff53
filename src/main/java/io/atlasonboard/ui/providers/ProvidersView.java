package io.atlasonboard.ui.providers;

import io.atlasonboard.ui.common.I18n;

import io.atlasonboard.ui.common.Confirmer;

import java.util.function.Consumer;
import java.util.function.Function;

import io.atlasonboard.core.providers.MtlsLifetime;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.ui.common.Tables;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The providers window content: the providers table with its actions above; below it, across the whole width, the
 * selected provider's connection status, or its edit form, domains or certificates (no divider to drag).
 */
public final class ProvidersView extends VBox {
    private final ProvidersViewModel vm;
    private final StackPane detail = new StackPane();
    private final ConnectionStatusView statusView;
    private final Function<ProviderRecord, Node> certificates;
    private final ObjectProperty<HandoffActions> handoff = new SimpleObjectProperty<>();

    public ProvidersView(ProvidersViewModel vm, Confirmer confirmer, Function<ProviderRecord, Node> editor,
            Function<ProviderRecord, Node> domains, Function<ProviderRecord, Node> certificates,
            java.util.function.Supplier<Node> creator) {
        this.vm = vm;
        this.certificates = certificates;
        setId("providersView");
        statusView = new ConnectionStatusView(vm.status());

        TableView<ProviderRecord> table = new TableView<>(vm.providers());
        table.setId("providersTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ProviderRecord, String> nameCol = col(I18n.t("ui.providers.table.name"),
                r -> r.sandbox() ? I18n.t("ui.providers.table.nameSandbox", r.name()) : r.name());
        nameCol.setPrefWidth(160);
        table.getColumns().add(nameCol);
        TableColumn<ProviderRecord, String> typeCol = col(I18n.t("ui.providers.table.typeUse"),
                r -> I18n.t("ui.providers.table.typeUseValue", r.type(), ProviderFormViewModel.useLabel(r.intendedUse())));
        typeCol.setPrefWidth(140);
        table.getColumns().add(typeCol);
        TableColumn<ProviderRecord, String> st = col(I18n.t("ui.providers.table.status"), r -> ProvidersViewModel.statusText(r.status()));
        st.setCellFactory(c -> new Tables.TipCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.TEXT_MUTED);
                ProviderRecord r = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (r != null) {
                    getStyleClass().add(r.status().state() == ConnectionStatus.State.GOOD ? Styles.SUCCESS
                            : r.status().state() == ConnectionStatus.State.BAD ? Styles.DANGER : Styles.TEXT_MUTED);
                }
            }
        });
        st.setPrefWidth(180);
        table.getColumns().add(st);
        table.getColumns().add(mtlsColumn(I18n.t("ui.handoff.list.until"), ProvidersViewModel::mtlsUntil, 120));
        table.getColumns().add(mtlsColumn(I18n.t("ui.handoff.list.daysLeft"), ProvidersViewModel::mtlsDaysLeft, 220));
        table.getColumns().add(col(I18n.t("ui.providers.table.apiUrl"), ProviderRecord::apiUrl));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                vm.selectedProperty().set(r);
                showStatus();
            }
        });
        vm.selectedProperty().addListener((o, a, r) -> {
            if (r != null && table.getSelectionModel().getSelectedItem() != r) {
                table.getItems().stream().filter(x -> x.id().equals(r.id())).findFirst()
                        .ifPresent(x -> table.getSelectionModel().select(x));
            }
        });
        table.setPrefHeight(150);
        table.setMinHeight(110);
        Tables.placeholder(table, I18n.t("ui.providers.table.empty"));
        table.setAccessibleText(I18n.t("ui.providers.table.a11y"));

        Button retest = new Button(I18n.t("ui.providers.button.retest"));
        retest.setId("providerRetest");
        retest.setOnAction(e -> {
            showStatus();
            vm.retestSelected();
        });
        Button edit = new Button(I18n.t("ui.providers.button.edit"));
        edit.setId("providerEdit");
        edit.setOnAction(e -> show(editor));
        Button delete = new Button(I18n.t("ui.providers.button.delete"));
        delete.setId("providerDelete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> {
            ProviderRecord r = vm.selectedProperty().get();
            if (r != null && confirmer.confirm(this, I18n.t("ui.providers.delete.title"),
                    I18n.t("ui.providers.delete.question", r.name()), I18n.t("ui.providers.delete.confirm"))) {
                vm.delete(r);
            }
        });
        Button add = new Button(I18n.t("ui.providers.button.add"));
        add.setId("providerAdd");
        add.setOnAction(e -> {
            table.getSelectionModel().clearSelection();
            detail.getChildren().setAll(creator.get());
        });
        Button dns = new Button(I18n.t("ui.providers.button.domains"));
        dns.setId("providerDomains");
        dns.setOnAction(e -> show(domains));
        Button certs = new Button(I18n.t("ui.providers.button.certificates"));
        certs.setId("providerCertificates");
        certs.setOnAction(e -> show(certificates));
        Button export = new Button(I18n.t("ui.handoff.list.export"));
        export.setId("providerExport");
        export.setOnAction(e -> act(HandoffActions::export));
        Button renew = new Button(I18n.t("ui.handoff.list.renew"));
        renew.setId("providerRenew");
        renew.setOnAction(e -> act(HandoffActions::renew));
        Button log = new Button(I18n.t("ui.handoff.list.log"));
        log.setId("providerLog");
        log.setOnAction(e -> act(HandoffActions::log));
        for (Button b : new Button[] {export, renew, log}) {
            b.setMnemonicParsing(true);
            b.visibleProperty().bind(handoff.isNotNull());
            b.managedProperty().bind(b.visibleProperty());
        }
        for (Button b : new Button[] {retest, edit, delete, dns, certs, export, renew, log}) {
            b.disableProperty().bind(vm.selectedProperty().isNull());
        }
        retest.disableProperty().unbind();
        retest.disableProperty().bind(vm.selectedProperty().isNull().or(vm.status().runningProperty()));

        Label title = new Label(I18n.t("ui.providers.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label msg = new Label();
        msg.setId("providersMessage");
        msg.setWrapText(true);
        msg.textProperty().bind(vm.messageProperty());
        VBox top = new VBox(8, title, table, new FlowPane(6, 6, add, retest, edit, delete, dns, certs, export, renew,
                log), msg);
        top.setPadding(new Insets(12, 12, 4, 12));
        VBox.setVgrow(detail, Priority.ALWAYS);
        getChildren().addAll(top, new Separator(), detail);
        // the connection status below the list a frame after the window's first (both styled in one pulse stalled
        // the FX thread, issue 12); unless a pane was opened there meanwhile
        io.atlasonboard.ui.common.Slices.run(java.util.List.of(() -> {
            if (detail.getChildren().isEmpty()) {
                detail.getChildren().setAll(statusView);
            }
        }));
    }

    /** The hand-off actions of the selected provider (export, renew the mTLS certificate, the API call log). */
    public record HandoffActions(Consumer<ProviderRecord> export, Consumer<ProviderRecord> renew,
            Consumer<ProviderRecord> log) {
    }

    /** Shows the Export for… / Renew mTLS certificate… / Log… buttons, calling these actions. */
    public void setHandoffActions(HandoffActions actions) {
        handoff.set(actions);
    }

    private void act(Function<HandoffActions, Consumer<ProviderRecord>> which) {
        ProviderRecord r = vm.selectedProperty().get();
        if (r != null && handoff.get() != null) {
            which.apply(handoff.get()).accept(r);
        }
    }

    /** Selects the provider named so (once the list has it) and opens its "Renew mTLS certificate…". */
    public void openRenewal(String providerName) {
        Runnable pick = () -> vm.providers().stream().filter(r -> r.name().equals(providerName)).findFirst()
                .ifPresent(r -> {
                    vm.selectedProperty().set(r);
                    act(HandoffActions::renew);
                });
        if (vm.providers().stream().anyMatch(r -> r.name().equals(providerName))) {
            pick.run();
        } else {
            vm.providers().addListener(new javafx.collections.ListChangeListener<ProviderRecord>() {
                @Override
                public void onChanged(Change<? extends ProviderRecord> c) {
                    if (vm.providers().stream().anyMatch(r -> r.name().equals(providerName))) {
                        vm.providers().removeListener(this);
                        pick.run();
                    }
                }
            });
        }
    }

    /** A column of the mTLS certificate's lifetime, amber within 90 days and red within 30 (also said in words). */
    private TableColumn<ProviderRecord, String> mtlsColumn(String title, Function<MtlsLifetime, String> f,
            double width) {
        TableColumn<ProviderRecord, String> c = Tables.observed(title, r -> Bindings.createStringBinding(
                () -> f.apply(vm.lifetimes().get(r.id())), vm.lifetimes()));
        c.setCellFactory(col -> new Tables.TipCell<>() {
            private final javafx.beans.value.ChangeListener<Boolean> onSelect = (o, a, b) -> restyle();

            {
                tableRowProperty().addListener((o, a, b) -> {
                    if (a != null) {
                        a.selectedProperty().removeListener(onSelect);
                    }
                    if (b != null) {
                        b.selectedProperty().addListener(onSelect);
                    }
                });
            }

            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                restyle();
            }

            /** The level's colour, except on the selected row (its background is the theme's; the words stay). */
            private void restyle() {
                getStyleClass().removeAll("warning-text", "error-text", Styles.TEXT_BOLD);
                ProviderRecord r = isEmpty() || getTableRow() == null ? null : getTableRow().getItem();
                MtlsLifetime l = r == null ? null : vm.lifetimes().get(r.id());
                if (l == null || l.level() == MtlsLifetime.Level.OK) {
                    return;
                }
                if (l.level() != MtlsLifetime.Level.AMBER) {
                    getStyleClass().add(Styles.TEXT_BOLD);
                }
                if (!getTableRow().isSelected()) {
                    getStyleClass().add(l.level() == MtlsLifetime.Level.AMBER ? "warning-text" : "error-text");
                }
            }
        });
        c.setPrefWidth(width);
        return c;
    }

    private void showStatus() {
        detail.getChildren().setAll(statusView);
    }

    private void show(Function<ProviderRecord, Node> f) {
        ProviderRecord r = vm.selectedProperty().get();
        if (r != null) {
            detail.getChildren().setAll(f.apply(r));
        }
    }

    /** Selects the provider with this id (once the list has it) and shows its Certificates pane. */
    public void openCertificates(long providerId) {
        Runnable pick = () -> vm.providers().stream().filter(r -> r.id() == providerId).findFirst().ifPresent(r -> {
            vm.selectedProperty().set(r);
            detail.getChildren().setAll(certificates.apply(r));
        });
        if (vm.providers().stream().anyMatch(r -> r.id() == providerId)) {
            pick.run();
        } else {
            vm.providers().addListener(new javafx.collections.ListChangeListener<ProviderRecord>() {
                @Override
                public void onChanged(Change<? extends ProviderRecord> c) {
                    if (vm.providers().stream().anyMatch(r -> r.id() == providerId)) {
                        vm.providers().removeListener(this);
                        pick.run();
                    }
                }
            });
        }
    }

    /** Back to the status of the selected provider (e.g. after an edit was saved). */
    public void showStatusOf(ProviderRecord r) {
        showStatus();
    }

    public ProvidersViewModel viewModel() {
        return vm;
    }

    private static TableColumn<ProviderRecord, String> col(String name, Function<ProviderRecord, String> f) {
        return Tables.text(name, f);
    }
}
