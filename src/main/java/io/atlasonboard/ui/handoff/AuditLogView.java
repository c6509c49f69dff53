package io.atlasonboard.ui.handoff;

import java.util.List;

import io.atlasonboard.core.store.AuditEntry;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Tables;
import io.atlasonboard.ui.common.Views;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The "Log…" window's content: since filter, the table of API calls, Save as CSV…, Close. */
public final class AuditLogView extends VBox {
    private final AuditLogViewModel vm;

    public AuditLogView(AuditLogViewModel vm, FileOpener files, Runnable close) {
        super(10);
        this.vm = vm;
        setId("auditLogView");
        setPadding(new Insets(16));
        Label title = Views.title(I18n.t("ui.handoff.log.title", vm.provider().name()));
        Label hint = Views.hint(I18n.t("ui.handoff.log.hint"));

        ComboBox<AuditLogViewModel.Since> since = new ComboBox<>();
        since.setId("logSince");
        since.getItems().setAll(AuditLogViewModel.Since.values());
        since.setButtonCell(new SinceCell());
        since.setCellFactory(l -> new SinceCell());
        since.valueProperty().bindBidirectional(vm.sinceProperty());
        Label sinceLabel = Views.fieldLabel(I18n.t("ui.handoff.log.since"), since);
        Button refresh = Views.button(I18n.t("ui.handoff.log.refresh"), "mdi2r-refresh");
        refresh.setId("logRefresh");
        refresh.disableProperty().bind(vm.runningProperty());
        refresh.setOnAction(e -> vm.load());
        Button csv = Views.button(I18n.t("ui.handoff.log.csv"), "mdi2f-file-delimited-outline");
        csv.setId("logSaveCsv");
        csv.disableProperty().bind(vm.runningProperty());
        csv.setOnAction(e -> files.save(I18n.t("ui.handoff.log.csv.save"),
                RenewalViewModel.fileName(vm.provider().name()) + "-api-log.csv", // not user-visible
                List.of("*.csv")).ifPresent(vm::saveCsv)); // not user-visible
        Button closeButton = new Button(I18n.t("ui.handoff.close"));
        closeButton.setId("logClose");
        closeButton.setCancelButton(true);
        closeButton.setOnAction(e -> close.run());
        FlowPane bar = new FlowPane(8, 6, sinceLabel, since, refresh, csv, closeButton);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<AuditEntry> table = new TableView<>(vm.entries());
        table.setId("logTable");
        table.setAccessibleText(I18n.t("ui.handoff.log.table.a11y"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<AuditEntry, String> time = Tables.text(I18n.t("ui.handoff.log.col.time"), e -> I18n.dateTime(e.at()));
        time.setPrefWidth(180);
        TableColumn<AuditEntry, String> method = Tables.text(I18n.t("ui.handoff.log.col.method"), AuditEntry::method);
        method.setPrefWidth(80);
        TableColumn<AuditEntry, String> path = Tables.text(I18n.t("ui.handoff.log.col.path"), AuditEntry::path);
        path.setPrefWidth(200);
        TableColumn<AuditEntry, String> status = Tables.text(I18n.t("ui.handoff.log.col.status"),
                AuditLogViewModel::status);
        status.setPrefWidth(90);
        TableColumn<AuditEntry, String> duration = Tables.text(I18n.t("ui.handoff.log.col.duration"),
                AuditLogViewModel::duration);
        duration.setPrefWidth(90);
        TableColumn<AuditEntry, String> problem = Tables.text(I18n.t("ui.handoff.log.col.problem"),
                e -> e.problemId() == null ? "" : e.problemId());
        table.getColumns().add(time);
        table.getColumns().add(method);
        table.getColumns().add(path);
        table.getColumns().add(status);
        table.getColumns().add(duration);
        table.getColumns().add(problem);
        Tables.placeholder(table, I18n.t("ui.handoff.log.empty"));
        VBox.setVgrow(table, Priority.ALWAYS);

        getChildren().addAll(title, hint, bar, Views.message(vm.messageProperty(), "hint", "logMessage"),
                Views.message(vm.errorProperty(), "error-text", "logError"), table);
    }

    private static final class SinceCell extends ListCell<AuditLogViewModel.Since> {
        @Override
        protected void updateItem(AuditLogViewModel.Since s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty || s == null ? null : s.label());
        }
    }

    public AuditLogViewModel viewModel() {
        return vm;
    }
}
