package io.atlasonboard.ui.dns;

import java.time.Clock;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.atlas.ApproverEmails;
import io.atlasonboard.ui.common.FormParts;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Tables;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.common.Views;
import io.atlasonboard.ui.providers.ProviderConnector;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Other method…" of a claim: validation over HTTP (URL and file content with copy buttons, "Check from this
 * machine", "Ask GlobalSign to validate") or by e-mail (the authorised addresses and their sources, "Send approval
 * mail"; in the sandbox the mailbox to approve it), each waiting for GlobalSign with a bar that says what it waits
 * for and a "Stop waiting" button.
 */
public final class AlternativeValidationView extends VBox {
    private final AlternativeValidationViewModel vm;

    /**
     * The view for one claim, loading it at once.
     *
     * @param mailbox the sandbox mailbox for a sandbox provider while the sandbox runs
     *                ({@link SandboxMailbox#overPortal}), else null
     */
    public static AlternativeValidationView create(long providerId, String domain, ProviderConnector connector,
            UiJobs jobs, Clock clock, SandboxMailbox mailbox) {
        AlternativeValidationViewModel vm = new AlternativeValidationViewModel(providerId, domain, connector, jobs,
                clock, mailbox);
        vm.load();
        return new AlternativeValidationView(vm);
    }

    /** Opens {@code view} in its own window over {@code owner} (closing it stops a wait that still runs). */
    public static Stage openWindow(Window owner, AlternativeValidationView view) {
        Stage s = new Stage();
        if (owner != null) {
            s.initOwner(owner);
        }
        s.setTitle(I18n.t("ui.dnsalt.window.title", view.viewModel().domain()));
        s.setScene(new Scene(view, 900, 640));
        s.setMinWidth(640);
        s.setMinHeight(480);
        if (owner != null && owner.getScene() != null) {
            s.getScene().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        s.setOnHidden(e -> view.viewModel().stopWaiting());
        s.show();
        return s;
    }

    public AlternativeValidationView(AlternativeValidationViewModel vm) {
        super(8);
        this.vm = vm;
        setId("alternativeValidationView");
        setPadding(new Insets(12));
        Label title = Views.title(I18n.t("ui.dnsalt.title", vm.domain()));
        title.setId("dnsaltTitle");
        Label intro = Views.hint(I18n.t("ui.dnsalt.intro"));

        Tab http = new Tab(I18n.t("ui.dnsalt.tab.http"), scroll(httpPane()));
        http.setId("dnsaltHttpTab");
        Tab mail = new Tab(I18n.t("ui.dnsalt.tab.email"), scroll(emailPane()));
        mail.setId("dnsaltEmailTab");
        TabPane tabs = new TabPane(http, mail);
        tabs.setId("dnsaltTabs");
        tabs.setAccessibleText(I18n.t("ui.dnsalt.tabs"));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.disableProperty().bind(vm.claimProperty().isNull());
        VBox.setVgrow(tabs, Priority.ALWAYS);

        getChildren().addAll(title, intro, Views.message(vm.errorProperty(), "error-text", "dnsaltError"), tabs);
    }

    private static ScrollPane scroll(VBox content) {
        content.setPadding(new Insets(10, 4, 10, 4));
        ScrollPane sp = new ScrollPane(content);
        sp.setFitToWidth(true);
        return sp;
    }

    private VBox httpPane() {
        ChoiceBox<String> adn = new ChoiceBox<>(vm.authorizationDomains());
        adn.setId("dnsaltAdn");
        adn.valueProperty().bindBidirectional(vm.authorizationDomainProperty());
        adn.setAccessibleText(I18n.t("ui.dnsalt.adn"));
        ChoiceBox<AlternativeValidationViewModel.Scheme> scheme = new ChoiceBox<>();
        scheme.setId("dnsaltScheme");
        scheme.getItems().setAll(AlternativeValidationViewModel.Scheme.values());
        scheme.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(AlternativeValidationViewModel.Scheme s) {
                return s == null ? "" : I18n.t("ui.dnsalt.scheme." + s.name());
            }
            @Override public AlternativeValidationViewModel.Scheme fromString(String s) { return null; }
        });
        scheme.valueProperty().bindBidirectional(vm.schemeProperty());
        scheme.setAccessibleText(I18n.t("ui.dnsalt.scheme"));

        TextField url = readOnly(vm.fileUrlProperty().get(), "dnsaltUrl", I18n.t("ui.dnsalt.http.url"));
        url.textProperty().bind(vm.fileUrlProperty());
        TextField content = readOnly("", "dnsaltContent", I18n.t("ui.dnsalt.http.content"));
        content.textProperty().bind(vm.fileContentProperty());
        Button copyUrl = Views.copyButton(I18n.t("ui.dnsalt.copyUrl"), "dnsaltCopyUrl", vm.fileUrlProperty()::get);
        copyUrl.setAccessibleText(I18n.t("ui.dnsalt.copyUrl.accessible"));
        Button copyContent = Views.copyButton(I18n.t("ui.dnsalt.copyContent"), "dnsaltCopyContent",
                vm.fileContentProperty()::get);
        copyContent.setAccessibleText(I18n.t("ui.dnsalt.copyContent.accessible"));

        GridPane g = grid();
        int r = 0;
        g.add(Views.fieldLabel(I18n.t("ui.dnsalt.adn"), adn), 0, r);
        HBox adnRow = new HBox(8, adn, Views.fieldLabel(I18n.t("ui.dnsalt.scheme"), scheme), scheme);
        adnRow.setAlignment(Pos.CENTER_LEFT);
        adn.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(adn, Priority.ALWAYS);
        scheme.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.add(adnRow, 1, r++);
        g.add(Views.fieldLabel(I18n.t("ui.dnsalt.http.url"), url), 0, r);
        g.add(row(url, copyUrl), 1, r++);
        g.add(Views.fieldLabel(I18n.t("ui.dnsalt.http.content"), content), 0, r);
        g.add(row(content, copyContent), 1, r++);

        TextField via = FormParts.text(vm.checkViaProperty(), "dnsaltVia", I18n.t("ui.dnsalt.http.via.prompt"));
        via.setAccessibleText(I18n.t("ui.dnsalt.http.via"));
        g.add(Views.fieldLabel(I18n.t("ui.dnsalt.http.via"), via), 0, r);
        g.add(via, 1, r++);

        Button check = Views.button(I18n.t("ui.dnsalt.http.check"), "mdi2l-lan-check");
        check.setId("dnsaltCheck");
        check.disableProperty().bind(vm.busyProperty());
        check.setOnAction(e -> vm.checkFromHere());
        Label pre = new Label();
        pre.setId("dnsaltPrecheck");
        pre.setWrapText(true);
        pre.textProperty().bind(vm.precheckProperty());
        pre.visibleProperty().bind(vm.precheckProperty().isNotEmpty());
        pre.managedProperty().bind(pre.visibleProperty());
        vm.precheckOkProperty().addListener((o, a, ok) -> {
            pre.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            pre.getStyleClass().add(ok ? Styles.SUCCESS : Styles.DANGER);
        });
        Button ask = Views.button(I18n.t("ui.dnsalt.http.ask"), "mdi2s-shield-check-outline");
        ask.setId("dnsaltAskHttp");
        ask.getStyleClass().add(Styles.ACCENT);
        ask.disableProperty().bind(vm.busyProperty());
        ask.setOnAction(e -> vm.askHttp());

        VBox box = new VBox(8, Views.hint(I18n.t("ui.dnsalt.http.step1")), g,
                Views.hint(I18n.t("ui.dnsalt.http.step2")), check, pre,
                Views.hint(I18n.t("ui.dnsalt.http.step3")), ask,
                waitBox("dnsaltHttpWaiting", "dnsaltHttpProgress", "dnsaltHttpStop"), result("dnsaltHttpResult"));
        return box;
    }

    private VBox emailPane() {
        TableView<ApproverEmails.Address> table = new TableView<>(vm.addresses());
        table.setId("dnsaltAddresses");
        table.setAccessibleText(I18n.t("ui.dnsalt.email.table"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.text(I18n.t("ui.dnsalt.email.address"), ApproverEmails.Address::email));
        table.getColumns().add(Tables.text(I18n.t("ui.dnsalt.email.source"),
                AlternativeValidationViewModel::sourceText));
        table.setPrefHeight(180);
        table.setMinHeight(120);
        Tables.placeholder(table, I18n.t("ui.dnsalt.email.placeholder"));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, x) -> {
            if (x != null) {
                vm.addressProperty().set(x);
            }
        });
        vm.addressProperty().addListener((o, a, x) -> {
            if (x != null && table.getSelectionModel().getSelectedItem() != x) {
                table.getSelectionModel().select(x);
            }
        });
        Label listMsg = Views.message(vm.addressesMessageProperty(), "hint", "dnsaltAddressesMessage");
        Button send = Views.button(I18n.t("ui.dnsalt.email.send"), "mdi2e-email-arrow-right-outline");
        send.setId("dnsaltSend");
        send.getStyleClass().add(Styles.ACCENT);
        send.disableProperty().bind(vm.busyProperty().or(vm.addressProperty().isNull()));
        send.setOnAction(e -> vm.sendEmail());
        Label chosen = new Label();
        chosen.setId("dnsaltChosen");
        chosen.setWrapText(true);
        chosen.textProperty().bind(Bindings.createStringBinding(() -> vm.addressProperty().get() == null ? ""
                : I18n.t("ui.dnsalt.email.chosen", vm.addressProperty().get().email()), vm.addressProperty()));
        VBox box = new VBox(8, Views.hint(I18n.t("ui.dnsalt.email.intro")), table, listMsg, chosen, send,
                waitBox("dnsaltEmailWaiting", "dnsaltEmailProgress", "dnsaltEmailStop"), result("dnsaltEmailResult"));
        if (vm.sandbox()) {
            box.getChildren().add(sandboxBox());
        }
        return box;
    }

    private VBox sandboxBox() {
        Label note = Views.hint(I18n.t("ui.dnsalt.sandbox.note"));
        Button open = Views.button(I18n.t("ui.dnsalt.sandbox.open"), "mdi2e-email-open-outline");
        open.setId("dnsaltOpenMailbox");
        open.disableProperty().bind(vm.addressProperty().isNull());
        open.setOnAction(e -> vm.openSandboxMailbox());
        Button approve = Views.button(I18n.t("ui.dnsalt.sandbox.approve"), "mdi2c-check");
        approve.setId("dnsaltApprove");
        approve.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.sandboxMails().stream().noneMatch(m -> !m.approved()), vm.sandboxMails()));
        approve.setOnAction(e -> vm.approveInSandbox());
        Label mails = new Label();
        mails.setId("dnsaltSandboxMails");
        mails.setWrapText(true);
        mails.textProperty().bind(Bindings.createStringBinding(() -> {
            StringBuilder sb = new StringBuilder();
            for (SandboxMailbox.Mail m : vm.sandboxMails()) {
                sb.append(sb.length() == 0 ? "" : "\n").append(I18n.t(m.approved() ? "ui.dnsalt.sandbox.mail.approved"
                        : "ui.dnsalt.sandbox.mail", m.subject(), m.to()));
            }
            return sb.toString();
        }, vm.sandboxMails()));
        mails.visibleProperty().bind(mails.textProperty().isNotEmpty());
        mails.managedProperty().bind(mails.visibleProperty());
        Label msg = Views.message(vm.sandboxMessageProperty(), "hint", "dnsaltSandboxMessage");
        Label badge = FormParts.sandboxBadge();
        VBox box = new VBox(6, badge, note, new HBox(8, open, approve), mails, msg);
        box.setId("dnsaltSandbox");
        box.setPadding(new Insets(8));
        box.setStyle("-fx-border-color: -color-warning-emphasis; -fx-border-radius: 6;"); // not user-visible
        return box;
    }

    /** The wait under a method's button: what it waits for, the bar and "Stop waiting" (their ids). */
    private VBox waitBox(String whatId, String barId, String stopId) {
        ProgressBar bar = new ProgressBar();
        bar.setId(barId);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setAccessibleText(I18n.t("ui.dnsalt.progress"));
        bar.progressProperty().bind(vm.progressProperty());
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button stop = Views.button(I18n.t("ui.dnsalt.stop"), "mdi2s-stop-circle-outline");
        stop.setId(stopId);
        stop.setMinWidth(Button.USE_PREF_SIZE);
        stop.setOnAction(e -> vm.stopWaiting());
        Label what = new Label();
        what.setId(whatId);
        what.setWrapText(true);
        what.textProperty().bind(vm.waitMessageProperty());
        HBox line = new HBox(8, bar, stop);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, what, line);
        box.visibleProperty().bind(vm.waitingProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Label result(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.textProperty().bind(vm.resultProperty());
        l.visibleProperty().bind(vm.resultProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        vm.verifiedProperty().addListener((o, a, ok) -> {
            l.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            l.getStyleClass().add(ok ? Styles.SUCCESS : Styles.DANGER);
        });
        return l;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        javafx.scene.layout.ColumnConstraints c1 = new javafx.scene.layout.ColumnConstraints();
        c1.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints c2 = new javafx.scene.layout.ColumnConstraints();
        c2.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(c1, c2);
        return g;
    }

    private static TextField readOnly(String text, String id, String accessible) {
        TextField t = new TextField(text);
        t.setId(id);
        t.setEditable(false);
        t.setAccessibleText(accessible);
        return t;
    }

    private static HBox row(TextField field, Button copy) {
        HBox.setHgrow(field, Priority.ALWAYS);
        HBox h = new HBox(6, field, copy);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    public AlternativeValidationViewModel viewModel() {
        return vm;
    }
}
