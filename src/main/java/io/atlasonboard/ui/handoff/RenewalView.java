package io.atlasonboard.ui.handoff;

import java.util.List;

import atlantafx.base.theme.Styles;
import io.atlasonboard.ui.common.Confirmer;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Views;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The "Renew mTLS certificate…" dialog's content: start, the portal step, complete; restore. */
public final class RenewalView extends BorderPane {
    private final RenewalViewModel vm;

    public RenewalView(RenewalViewModel vm, FileOpener files, Confirmer confirmer, Runnable close) {
        this.vm = vm;
        setId("renewalView");
        Label title = Views.title(I18n.t("ui.handoff.renew.title", vm.provider().name()));
        Label current = new Label();
        current.setId("renewCurrent");
        current.setWrapText(true);
        current.textProperty().bind(vm.currentProperty());

        // ---- 1. start
        Label startTitle = section(I18n.t("ui.handoff.renew.step1"));
        Label startHint = Views.hint(I18n.t("ui.handoff.renew.step1.hint"));
        Button start = Views.button(I18n.t("ui.handoff.renew.start"), "mdi2k-key-plus");
        start.setId("renewStart");
        start.disableProperty().bind(vm.runningProperty());
        start.setOnAction(e -> files.save(I18n.t("ui.handoff.renew.start.save"),
                RenewalViewModel.fileName(vm.provider().name()) + "-mtls-renewal.csr", // not user-visible
                List.of("*.csr", "*.pem")).ifPresent(vm::start)); // not user-visible
        TextArea csr = new TextArea();
        csr.setId("renewCsr");
        csr.setEditable(false);
        csr.setPrefRowCount(4);
        csr.setWrapText(false);
        csr.setAccessibleText(I18n.t("ui.handoff.renew.csr.a11y"));
        csr.textProperty().bind(vm.csrProperty());
        Button copy = Views.copyButton(I18n.t("ui.handoff.renew.csr.copy"), "renewCopyCsr", () -> vm.csrProperty().get());
        VBox csrBox = new VBox(6, csr, copy);
        csrBox.visibleProperty().bind(vm.startedProperty());
        csrBox.managedProperty().bind(csrBox.visibleProperty());

        // ---- 2. the portal
        Label portalTitle = section(I18n.t("ui.handoff.renew.step2"));
        VBox steps = new VBox(4);
        for (int i = 1; i <= 3; i++) {
            Label l = Views.hint(I18n.t("ui.handoff.renew.portal." + i));
            l.setId("renewPortalStep" + i);
            steps.getChildren().add(l);
        }
        Button sandbox = Views.button(I18n.t("ui.handoff.renew.sandbox"), "mdi2f-flask-outline");
        sandbox.setId("renewFromSandbox");
        sandbox.getStyleClass().add(Styles.ACCENT);
        sandbox.setOnAction(e -> vm.fromSandbox());
        sandbox.disableProperty().bind(vm.runningProperty().or(vm.startedProperty().not()));
        sandbox.setVisible(vm.sandboxPortal());
        sandbox.setManaged(vm.sandboxPortal());

        // ---- 3. complete
        Label completeTitle = section(I18n.t("ui.handoff.renew.step3"));
        TextArea cert = new TextArea();
        cert.setId("renewCertificate");
        cert.setPrefRowCount(5);
        cert.setPromptText(I18n.t("ui.handoff.renew.certificate.prompt"));
        cert.textProperty().bindBidirectional(vm.certificateProperty());
        Label certLabel = Views.fieldLabel(I18n.t("ui.handoff.renew.certificate"), cert);
        Button open = Views.button(I18n.t("ui.handoff.renew.certificate.open"), "mdi2f-file-certificate-outline");
        open.setId("renewOpenCertificate");
        open.disableProperty().bind(vm.runningProperty());
        open.setOnAction(e -> files.open(I18n.t("ui.handoff.renew.certificate.choose"),
                List.of("*.pem", "*.crt", "*.cer")).ifPresent(vm::loadCertificate)); // not user-visible
        Button complete = Views.button(I18n.t("ui.handoff.renew.complete"), "mdi2c-check-decagram");
        complete.setId("renewComplete");
        complete.getStyleClass().add(Styles.ACCENT);
        complete.disableProperty().bind(vm.runningProperty().or(vm.startedProperty().not())
                .or(Bindings.createBooleanBinding(() -> vm.certificateProperty().get() == null
                        || vm.certificateProperty().get().isBlank(), vm.certificateProperty())));
        complete.setOnAction(e -> vm.complete());

        Label result = Views.message(vm.resultProperty(), "success-text", "renewResult");

        // ---- restore
        Label restoreTitle = section(I18n.t("ui.handoff.renew.restoreTitle"));
        Label restoreHint = Views.hint(I18n.t("ui.handoff.renew.restore.hint"));
        Button restore = Views.button(I18n.t("ui.handoff.renew.restore"), "mdi2b-backup-restore");
        restore.setId("renewRestore");
        restore.disableProperty().bind(vm.runningProperty().or(vm.restorableProperty().not()));
        restore.setOnAction(e -> {
            if (confirmer.confirm(this, I18n.t("ui.handoff.renew.restore.confirm.title"),
                    I18n.t("ui.handoff.renew.restore.confirm.question", vm.provider().name()),
                    I18n.t("ui.handoff.renew.restore.confirm"))) {
                vm.restore();
            }
        });
        Button closeButton = new Button(I18n.t("ui.handoff.close"));
        closeButton.setId("renewClose");
        closeButton.setCancelButton(true);
        closeButton.setOnAction(e -> close.run());

        FlowPane completeRow = new FlowPane(8, 6, open, complete);
        completeRow.setAlignment(Pos.CENTER_LEFT);
        VBox body = new VBox(8, title, current, startTitle, startHint, start, csrBox, new Separator(), portalTitle,
                steps, sandbox, new Separator(), completeTitle, certLabel, cert, completeRow,
                Views.message(vm.messageProperty(), "hint", "renewMessage"),
                Views.message(vm.errorProperty(), "error-text", "renewError"), result, new Separator(),
                restoreTitle, restoreHint, new FlowPane(8, 6, restore, closeButton));
        body.setPadding(new Insets(16));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setCenter(scroll);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        l.setWrapText(true);
        return l;
    }

    public RenewalViewModel viewModel() {
        return vm;
    }
}
