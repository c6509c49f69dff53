package io.atlasonboard.ui.handoff;

import static io.atlasonboard.ui.handoff.HandoffRig.exists;
import static io.atlasonboard.ui.handoff.HandoffRig.text;
import static io.atlasonboard.ui.handoff.HandoffRig.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.atlasonboard.core.handoff.ExportFormat;
import io.atlasonboard.core.providers.MtlsLifetime;
import io.atlasonboard.core.store.AuditEntry;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.testing.ProcessRun;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.providers.ProvidersView;
import io.atlasonboard.ui.shell.ProviderPanes;
import io.atlasonboard.ui.start.StartView;
import io.atlasonboard.ui.start.StartViewModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.yaml.snakeyaml.Yaml;

/**
 * The hand-off UI end to end against the real store and the real simulator over mutual TLS: "Export for…" in every
 * format (the written bundle parsed back, modes, openssl reading the hvclient key), "Renew mTLS certificate…" of a
 * provider whose certificate expires in 20 days (warning in the list and on the start page, a foreign certificate
 * refused with the provider unchanged, then renewed in the sandbox and Good with the new serial), and "Log…" showing
 * a failing call's status.
 */
@ExtendWith(ApplicationExtension.class)
class HandoffUiTest {
    @TempDir
    static Path home;
    static HandoffRig rig;

    private Stage stage;
    private ProviderPanes panes;

    @BeforeAll
    static void setUp() {
        I18n.setLocale(java.util.Locale.ENGLISH);
        rig = new HandoffRig(home);
    }

    @AfterAll
    static void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.applyUserAgent();
        panes = rig.panes();
        stage.setScene(new Scene(new Label("loading"), 1100, 760));
        Theme.style(stage.getScene());
        stage.show();
    }

    private ProvidersView providers(FxRobot robot) {
        ProvidersView[] v = new ProvidersView[1];
        robot.interact(() -> {
            v[0] = panes.providersView();
            stage.getScene().setRoot(v[0]);
        });
        return v[0];
    }

    private static String t(String key, Object... args) {
        return I18n.t(key, args).replace("_", "");
    }

    @Test
    void exportsEveryFormatFromTheDialogAndAsksBeforeReplacing(FxRobot robot) throws Exception {
        long id = rig.provider("Export provider", 365, true);
        ProvidersView view = providers(robot);
        HandoffRig.select(robot, view, id);
        robot.clickOn("#providerExport");
        waitFor("export dialog", () -> exists(robot, "#exportView"));
        Path parent = Files.createDirectories(home.resolve("exports"));
        for (ExportFormat f : ExportFormat.values()) {
            robot.clickOn("#format-" + f.id());
            assertThat(text(robot, "#formatDescription")).isEqualTo(I18n.t("ui.handoff.format." + f.id()
                    + ".description"));
            if (f == ExportFormat.CERT_MANAGER) {
                robot.interact(() -> {
                    robot.lookup("#k8sNamespace").queryAs(javafx.scene.control.TextField.class).setText("pki");
                    robot.lookup("#k8sCluster").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
                });
            }
            rig.folders.add(parent);
            robot.clickOn("#exportBrowse");
            Path folder = parent.resolve("export-provider-" + f.id());
            assertThat(text(robot, "#exportFolder")).isEqualTo(folder.toString());
            robot.clickOn("#exportRun");
            waitFor(f.id() + " exported", () -> text(robot, "#exportMessage").startsWith("Exported for")
                    || !text(robot, "#exportError").isEmpty());
            assertThat(text(robot, "#exportError")).isEmpty();
            checkBundle(f, folder);
            @SuppressWarnings("unchecked")
            TableView<io.atlasonboard.core.handoff.ExportedFile> files = robot.lookup("#exportFiles")
                    .queryAs(TableView.class);
            assertThat(files.getItems()).extracting(x -> x.name()).contains("MANIFEST.json");
        }
        // hvclient again into the same folder: nothing replaced without a confirmation, then replaced after one
        robot.clickOn("#format-hvclient");
        robot.clickOn("#hvPlainKey");
        assertThat(robot.lookup("#hvPlainKeyWarning").queryAs(Label.class).isVisible()).isTrue();
        Path hv = parent.resolve("export-provider-hvclient");
        robot.interact(() -> robot.lookup("#exportFolder").queryAs(javafx.scene.control.TextField.class)
                .setText(hv.toString()));
        byte[] before = Files.readAllBytes(hv.resolve("key.pem"));
        robot.clickOn("#exportRun");
        waitFor("replace confirmation", () -> exists(robot, "#confirmDialog"));
        robot.clickOn("#confirmCancel");
        waitFor("not replaced", () -> text(robot, "#exportMessage").startsWith("Nothing was written"));
        assertThat(Files.readAllBytes(hv.resolve("key.pem"))).isEqualTo(before);
        robot.clickOn("#exportRun");
        waitFor("replace confirmation", () -> exists(robot, "#confirmDialog"));
        robot.clickOn("#confirmOk");
        waitFor("replaced", () -> text(robot, "#exportMessage").startsWith("Exported for"));
        assertThat(Files.readString(hv.resolve("key.pem"))).startsWith("-----BEGIN").doesNotContain("ENCRYPTED");
        assertThat(text(robot, "#exportWarnings")).contains(I18n.t("ui.handoff.export.warn.plainKey"));
        ProcessRun plain = ProcessRun.of("openssl", "pkey", "-in", hv.resolve("key.pem").toString(), "-noout");
        assertThat(plain.exit).as(plain.err).isZero();
        robot.clickOn("#exportClose");
    }

    /** MANIFEST.json parsed, every file 0600 in a 0700 folder, and each format's own files read back. */
    private static void checkBundle(ExportFormat f, Path folder) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rwx------");
        JsonObject manifest = JsonParser.parseString(Files.readString(folder.resolve("MANIFEST.json")))
                .getAsJsonObject();
        assertThat(manifest.get("format").getAsString()).isEqualTo(f.id());
        JsonArray files = manifest.getAsJsonArray("files");
        assertThat(files.size()).isGreaterThan(1);
        for (JsonElement e : files) {
            Path p = folder.resolve(e.getAsJsonObject().get("name").getAsString());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)))
                    .as(p.toString()).isEqualTo("rw-------");
        }
        switch (f) {
            case HVCLIENT -> {
                JsonObject cfg = JsonParser.parseString(Files.readString(folder.resolve("hvclient.json")))
                        .getAsJsonObject();
                Path pass = folder.getParent().resolve("hv-pass.txt");
                Files.deleteIfExists(pass);
                Files.createFile(pass, PosixFilePermissions.asFileAttribute(PosixFilePermissions
                        .fromString("rw-------")));
                Files.writeString(pass, cfg.get("key_passphrase").getAsString());
                String key = Files.readString(folder.resolve("key.pem"));
                assertThat(key).contains("Proc-Type: 4,ENCRYPTED").contains("AES-256-CBC");
                ProcessRun r = ProcessRun.of("openssl", "pkey", "-in", folder.resolve("key.pem").toString(),
                        "-passin", "file:" + pass, "-pubout");
                assertThat(r.exit).as(r.err).isZero();
                ProcessRun c = ProcessRun.of("openssl", "x509", "-in", folder.resolve("cert.pem").toString(),
                        "-noout", "-pubkey");
                assertThat(r.out).isEqualTo(c.out);
            }
            case MTG_CLM -> assertThat(Files.list(folder).map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.endsWith(".p12")).contains("api-secret.txt", "keystore-password.txt");
            case CERT_MANAGER -> {
                Map<String, Object> issuer = new Yaml().load(Files.readString(folder.resolve("issuer.yaml")));
                assertThat(issuer.get("kind")).isEqualTo("ClusterIssuer");
                Map<String, Object> secret = new Yaml().load(Files.readString(folder.resolve("secret.yaml")));
                assertThat(((Map<?, ?>) secret.get("metadata")).get("namespace")).isEqualTo("pki");
            }
            case VAULT -> assertThat(Files.readString(folder.resolve("vault-config.sh")))
                    .contains("vault write atlas/config/authn");
            case ENV -> assertThat(Files.readString(folder.resolve("atlas.env"))).contains("=");
        }
    }

    @Test
    void renewsANearExpiryCertificateFromTheStartWarningAndRefusesAForeignOne(FxRobot robot) throws Exception {
        long id = rig.provider("Expiring provider", 20, true);
        ProviderRecord before = rig.store.providers().get(id);
        MtlsLifetime old = MtlsLifetime.of(rig.store.providers(), before, Instant.now()).orElseThrow();
        assertThat(old.level()).isEqualTo(MtlsLifetime.Level.RED);

        // the start page warns and its Renew… opens the providers window's renewal
        ProvidersView[] opened = new ProvidersView[1];
        robot.interact(() -> {
            StartViewModel vm = new StartViewModel(rig.store, UiJobs.of(rig.tasks, Platform::runLater), x -> { });
            vm.setOnRenew(name -> {
                opened[0] = panes.providersView();
                stage.getScene().setRoot(opened[0]);
                opened[0].openRenewal(name);
            });
            stage.getScene().setRoot(new StartView(vm));
        });
        waitFor("start warning", () -> exists(robot, "#renewalText-Expiring-provider"));
        assertThat(text(robot, "#renewalText-Expiring-provider")).isEqualTo(I18n.t("ui.handoff.start.expires",
                "Expiring provider", I18n.date(old.notAfter()), old.daysLeft()));
        robot.clickOn("#startRenew-Expiring-provider");
        waitFor("renewal dialog", () -> exists(robot, "#renewalView") && !text(robot, "#renewCurrent").isEmpty());
        assertThat(text(robot, "#renewCurrent")).contains(RenewalViewModel.serial(old.serial()));

        // the list shows the expiry in red, in words too (on a row that is not selected: that one keeps the words)
        @SuppressWarnings("unchecked")
        TableView<ProviderRecord> table = robot.lookup("#providersTable").queryAs(TableView.class);
        robot.interact(() -> table.getSelectionModel().clearSelection());
        waitFor("days left shown", () -> robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getText() != null
                        && c.getText().equals(I18n.t("ui.handoff.list.days.RED", old.daysLeft()))
                        && c.getStyleClass().contains("error-text")));
        assertThat(table.getItems()).isNotEmpty();

        Path csr = home.resolve("renewal.csr");
        rig.saves.add(csr);
        HandoffRig.click(robot, "#renewStart");
        waitFor("csr saved", () -> text(robot, "#renewMessage").startsWith("New key made"));
        assertThat(Files.readString(csr)).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(text(robot, "#renewCsr")).isEqualTo(Files.readString(csr, StandardCharsets.US_ASCII));

        // a certificate for another key is refused, the provider unchanged
        Path foreign = home.resolve("foreign.pem");
        Files.writeString(foreign, rig.foreignCertificate(before.apiKey()));
        rig.opens.add(foreign);
        HandoffRig.click(robot, "#renewOpenCertificate");
        waitFor("certificate read", () -> text(robot, "#renewCertificate").contains("BEGIN CERTIFICATE"));
        HandoffRig.click(robot, "#renewComplete");
        waitFor("refused", () -> !text(robot, "#renewError").isEmpty());
        assertThat(text(robot, "#renewError")).isEqualTo(I18n.t("ui.handoff.renew.wrongKey"));
        assertThat(rig.store.providers().get(id).keystore()).isEqualTo(before.keystore());

        // the sandbox's portal issues the real one; the provider switches once it tests Good
        HandoffRig.click(robot, "#renewFromSandbox");
        waitFor("sandbox certificate", () -> text(robot, "#renewMessage").equals(I18n.t("ui.handoff.renew.fromSandbox")));
        HandoffRig.click(robot, "#renewComplete");
        waitFor("switched", () -> !text(robot, "#renewResult").isEmpty() || !text(robot, "#renewError").isEmpty());
        assertThat(text(robot, "#renewError")).isEmpty();
        ProviderRecord after = rig.store.providers().get(id);
        MtlsLifetime now = MtlsLifetime.of(rig.store.providers(), after, Instant.now()).orElseThrow();
        assertThat(now.serial()).isNotEqualTo(old.serial());
        assertThat(now.level()).isEqualTo(MtlsLifetime.Level.OK);
        assertThat(after.status().state()).isEqualTo(ConnectionStatus.State.GOOD);
        assertThat(text(robot, "#renewResult")).contains(RenewalViewModel.serial(now.serial()))
                .contains(I18n.date(now.notAfter()));
        assertThat(rig.store.mtlsRenewals().count(id)).as("old keystore kept").isEqualTo(1);
        assertThat(Arrays.equals(rig.store.mtlsRenewals().latest(id).orElseThrow().keystore(), before.keystore()))
                .isTrue();
        robot.interact(() -> table.getItems().stream().filter(r -> r.id() == id).findFirst().ifPresent(r ->
                table.getSelectionModel().select(r)));
        robot.interact(() -> opened[0].viewModel().refresh());
        waitFor("list refreshed", () -> robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getText() != null
                        && c.getText().equals(I18n.t("ui.handoff.list.days.OK", now.daysLeft()))));

        // the old keystore can be put back (after a confirmation) and tests Good
        HandoffRig.click(robot, "#renewRestore");
        waitFor("restore confirmation", () -> exists(robot, "#confirmDialog"));
        robot.clickOn("#confirmOk");
        waitFor("restored", () -> text(robot, "#renewResult").equals(I18n.t("ui.handoff.renew.restored.good")));
        assertThat(rig.store.providers().get(id).keystore()).isEqualTo(before.keystore());
        assertThat(text(robot, "#renewCurrent")).contains(RenewalViewModel.serial(old.serial()));
        HandoffRig.click(robot, "#renewClose");
    }

    @Test
    void theLogShowsAFailingCallsStatusAndSavesCsv(FxRobot robot) throws Exception {
        long id = rig.provider("Failing provider", 365, false);
        ProvidersView view = providers(robot);
        HandoffRig.select(robot, view, id);
        robot.clickOn("#providerRetest");
        waitFor("bad", () -> rig.store.providers().get(id).status().state() == ConnectionStatus.State.BAD);
        robot.clickOn("#providerLog");
        waitFor("log dialog", () -> exists(robot, "#auditLogView"));
        @SuppressWarnings("unchecked")
        TableView<AuditEntry> log = robot.lookup("#logTable").queryAs(TableView.class);
        waitFor("entries", () -> !log.getItems().isEmpty());
        AuditEntry failed = log.getItems().stream().filter(e -> e.status() != null && e.status() >= 400)
                .findFirst().orElseThrow();
        assertThat(failed.path()).contains("login");
        List<String> shown = WaitForAsyncUtils.asyncFx(() -> robot.lookup(".table-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getText() != null)
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText()).toList()).get();
        assertThat(shown).contains(String.valueOf(failed.status()), I18n.dateTime(failed.at()));
        if (failed.problemId() != null) {
            assertThat(shown).contains(failed.problemId());
        }
        Path csv = home.resolve("log.csv");
        rig.saves.add(csv);
        robot.clickOn("#logSaveCsv");
        waitFor("saved", () -> text(robot, "#logMessage").contains("saved as"));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(io.atlasonboard.core.providers.AuditTrail.CSV_HEADER);
        assertThat(lines).anyMatch(l -> l.contains("," + failed.status() + ","));
        robot.clickOn("#logClose");
    }
}
