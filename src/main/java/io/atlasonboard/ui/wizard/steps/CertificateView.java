package io.atlasonboard.ui.wizard.steps;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.pki.CertificateSummary;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Views;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Step 3 view: portal instructions, paste or open the certificate, its details, warnings and refusals. */
public final class CertificateView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'") // not user-visible
            .withZone(ZoneId.of("UTC"));

    public CertificateView(CertificateViewModel vm, FileOpener dialogs, String apiKey) {
        getStyleClass().add("page");
        setId("certificateStep");
        Label title = Views.title(I18n.t("ui.certificate.title"));
        Label steps = Views.hint(apiKey == null || apiKey.isBlank() ? I18n.t("ui.certificate.steps")
                : I18n.t("ui.certificate.stepsWithKey", apiKey));
        steps.setId("portalInstructions");

        TextArea paste = new TextArea();
        paste.setId("certificateInput");
        paste.getStyleClass().add("pem-area");
        paste.setPromptText("-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----"); // not user-visible
        paste.setPrefRowCount(7);
        paste.textProperty().bindBidirectional(vm.pastedProperty());
        paste.setAccessibleText(I18n.t("ui.certificate.paste.accessible"));
        Button check = Views.button(I18n.t("ui.certificate.check"), "mdi2c-check-decagram-outline");
        check.setId("checkCertificate");
        check.getStyleClass().add(Styles.ACCENT);
        check.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.pastedProperty().get() == null || vm.pastedProperty().get().isBlank(), vm.pastedProperty()).or(vm.checkingProperty()));
        // Tab moves on (as in every other field) instead of typing a tab into the PEM
        paste.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.TAB && !e.isControlDown()) {
                e.consume();
                // a TextArea traverses focus on Ctrl+Tab (Ctrl+Shift+Tab backwards)
                paste.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
                        javafx.scene.input.KeyCode.TAB, e.isShiftDown(), true, false, false));
            }
        });
        check.setOnAction(e -> vm.checkPasted());
        Button open = Views.button(I18n.t("ui.certificate.open"), "mdi2f-folder-open-outline");
        open.setId("openCertificate");
        open.disableProperty().bind(vm.checkingProperty());
        open.setOnAction(e -> dialogs.open(I18n.t("ui.certificate.open.dialogTitle"),
                new FileOpener.Filter(I18n.t("ui.certificate.open.filter"), List.of("*.pem", "*.crt", "*.cer", "*.der", "*.p7b",
                        "*.p7c"))).ifPresent(vm::open));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(vm.checkingProperty());
        HBox buttons = new HBox(8, check, open, spinner);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label explanation = Views.message(vm.explanationProperty(), "warning-text", "certificateExplanation");
        Label error = Views.message(vm.errorProperty(), "error-text", "certificateError");

        // both SPKI fingerprints side by side on a mismatch
        GridPane mismatch = new GridPane();
        mismatch.setId("spkiComparison");
        mismatch.getStyleClass().add("summary-grid");
        Label expHead = new Label(I18n.t("ui.certificate.spki.expected"));
        Label gotHead = new Label(I18n.t("ui.certificate.spki.pasted"));
        expHead.getStyleClass().add(Styles.TEXT_BOLD);
        gotHead.getStyleClass().add(Styles.TEXT_BOLD);
        Label exp = new Label();
        exp.setId("expectedSpki");
        exp.textProperty().bind(vm.expectedSpkiProperty());
        Label got = new Label();
        got.setId("certificateSpki");
        got.textProperty().bind(vm.certificateSpkiProperty());
        for (Label l : List.of(exp, got)) {
            l.getStyleClass().add("mono");
            l.setWrapText(true);
        }
        got.getStyleClass().add("error-text");
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        mismatch.getColumnConstraints().addAll(half, half);
        mismatch.addRow(0, expHead, gotHead);
        mismatch.addRow(1, exp, got);
        mismatch.visibleProperty().bind(vm.expectedSpkiProperty().isNotEmpty());
        mismatch.managedProperty().bind(mismatch.visibleProperty());

        VBox warnings = new VBox(4);
        warnings.setId("certificateWarnings");
        vm.warnings().addListener((ListChangeListener<String>) c -> {
            warnings.getChildren().clear();
            for (String w : vm.warnings()) {
                Label l = new Label(I18n.t("ui.certificate.warning", w));
                l.setWrapText(true);
                l.getStyleClass().add("warning-text");
                warnings.getChildren().add(l);
            }
        });

        GridPane summary = new GridPane();
        summary.setId("certificateSummary");
        summary.getStyleClass().add("summary-grid");
        summary.visibleProperty().bind(vm.summaryProperty().isNotNull());
        summary.managedProperty().bind(summary.visibleProperty());
        vm.summaryProperty().addListener((o, a, s) -> fill(summary, s));
        Label accepted = new Label();
        accepted.setId("certificateAccepted");
        accepted.getStyleClass().add("success-text");
        accepted.textProperty().bind(Bindings.createStringBinding(() -> vm.completeProperty().get() && vm.errorProperty().get().isEmpty()
                && vm.summaryProperty().get() != null ? I18n.t("ui.certificate.accepted") : "",
                vm.completeProperty(), vm.errorProperty(), vm.summaryProperty()));
        accepted.managedProperty().bind(accepted.textProperty().isNotEmpty());
        Label chain = new Label();
        chain.getStyleClass().add("hint");
        chain.textProperty().bind(vm.chainInfoProperty());

        VBox content = new VBox(10, title, steps, paste, buttons, explanation, error, mismatch, accepted, warnings,
                summary, chain);
        content.setMaxWidth(860);
        getChildren().add(content);
        sceneProperty().addListener((o, a, s) -> {
            if (s != null) {
                vm.showAccepted();
            }
        });
    }

    private static void fill(GridPane grid, CertificateSummary s) {
        grid.getChildren().clear();
        if (s == null) {
            return;
        }
        int r = 0;
        r = row(grid, r, I18n.t("ui.certificate.summary.subject"), s.subject(), "summarySubject");
        r = row(grid, r, I18n.t("ui.certificate.summary.issuer"), s.issuer(), "summaryIssuer");
        r = row(grid, r, I18n.t("ui.certificate.summary.serial"), s.serialHex(), "summarySerial");
        r = row(grid, r, I18n.t("ui.certificate.summary.valid"),
                I18n.t("ui.certificate.summary.validRange", TIME.format(s.notBefore()), TIME.format(s.notAfter())), "summaryValidity");
        r = row(grid, r, I18n.t("ui.certificate.summary.fingerprint"), s.sha256Fingerprint(), "summaryFingerprint");
        r = row(grid, r, I18n.t("ui.certificate.summary.publicKey"),
                I18n.t("ui.certificate.summary.publicKeyValue", s.keyAlgorithm(), String.valueOf(s.keySize()), s.spkiSha256()),
                "summaryKey");
        r = row(grid, r, I18n.t("ui.certificate.summary.keyUsage"), s.keyUsage().isEmpty() ? I18n.t("ui.certificate.summary.none") : String.join(", ", s.keyUsage()),
                "summaryKeyUsage");
        r = row(grid, r, I18n.t("ui.certificate.summary.eku"),
                s.extendedKeyUsage().isEmpty() ? I18n.t("ui.certificate.summary.none")
                : String.join(", ", s.extendedKeyUsage()), "summaryEku");
        if (!s.subjectAltNames().isEmpty()) {
            row(grid, r, I18n.t("ui.certificate.summary.sans"), String.join(", ", s.subjectAltNames()), "summarySans");
        }
    }

    private static int row(GridPane grid, int r, String key, String value, String id) {
        Label k = new Label(key);
        k.getStyleClass().add("summary-key");
        k.setMinWidth(170);
        Label v = new Label(value);
        v.setId(id);
        v.setWrapText(true);
        if (id.equals("summaryFingerprint") || id.equals("summarySerial")) {
            v.getStyleClass().add("mono");
        }
        GridPane.setHgrow(v, Priority.ALWAYS);
        grid.addRow(r, k, v);
        return r + 1;
    }
}
