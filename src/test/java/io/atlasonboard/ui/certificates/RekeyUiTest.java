package io.atlasonboard.ui.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.RevocationReason;
import io.atlasonboard.core.issuance.IssuedCertificate;
import io.atlasonboard.core.issuance.IssueRequest;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.core.store.CertificateStatus;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.ProcessRun;
import io.atlasonboard.testing.SimProviderFixture;
import io.atlasonboard.ui.FeatureScreens;
import io.atlasonboard.ui.common.Confirmer;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.providers.ProviderConnector;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Rekey…" in the certificates pane against the simulator over mutual TLS: a new key (keystore password with
 * confirmation) saved as PKCS#12, then a CSR file (made by openssl) saved as PEM; each gives a new serial, the old
 * certificate stays as it was, and openssl confirms the new certificate carries the new key / the CSR's key. A revoked
 * certificate and (with the clock moved past its end) an expired one cannot be rekeyed and say why. The pane with the
 * form open passes the walk's checks in English/light at both sizes and German/dark.
 */
@ExtendWith(ApplicationExtension.class)
class RekeyUiTest {
    private static final String KEY_PASSWORD = "Tangerine-Harbour-73!";

    @TempDir
    static Path dir;
    static SimProviderFixture fx;
    static TaskService tasks;
    static IssuedCertificate first;
    static IssuedCertificate revoked;
    static final AtomicReference<Path> nextOpen = new AtomicReference<>();
    static final AtomicReference<Path> nextSave = new AtomicReference<>();

    private Stage stage;

    @BeforeAll
    static void setUp() throws Exception {
        fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(), IntendedUse.TLS,
                "rekey-ui", dir);
        tasks = new TaskService(2);
        try (AtlasClient c = fx.client(2, null)) {
            fx.verifyDomain(c, "rekey-ui.test");
            first = fx.issuance(c).issue(IssueRequest.of("www.rekey-ui.test", List.of("www.rekey-ui.test"),
                    List.of()).withValidity(Duration.ofDays(30)), null);
            revoked = fx.issuance(c).issue(IssueRequest.of("old.rekey-ui.test", List.of("old.rekey-ui.test"),
                    List.of()).withValidity(Duration.ofDays(30)), null);
            fx.issuance(c).revoke(revoked.serial(), RevocationReason.SUPERSEDED);
        }
        assertThat(first.pending()).isFalse();
    }

    @AfterAll
    static void tearDown() {
        if (tasks != null) {
            tasks.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.applyUserAgent();
        stage.setScene(new Scene(new Label("loading"), 1100, 760)); // not user-visible
        Theme.style(stage.getScene()); // the application's stylesheet, as every window has it
        stage.show();
    }

    @AfterEach
    void back(FxRobot robot) {
        FeatureScreens.reset(robot);
    }

    private CertificatesView pane(FxRobot robot, Clock clock) {
        FileOpener files = new FileOpener() {
            @Override
            public Optional<Path> open(String title, List<String> patterns) {
                return Optional.ofNullable(nextOpen.getAndSet(null));
            }

            @Override
            public Optional<Path> save(String title, String suggestedName, List<String> patterns) {
                return Optional.ofNullable(nextSave.getAndSet(null));
            }
        };
        AtomicReference<CertificatesView> v = new AtomicReference<>();
        robot.interact(() -> {
            CertificatesViewModel vm = new CertificatesViewModel(fx.provider.id(),
                    new ProviderConnector(fx.store(), clock), UiJobs.of(tasks, Platform::runLater), files, clock);
            vm.load();
            v.set(new CertificatesView(vm, Confirmer.alerts()));
            // inside a root styled like the providers window's (the pane itself draws no background)
            javafx.scene.layout.StackPane root = new javafx.scene.layout.StackPane(v.get());
            root.getStyleClass().add("app-root"); // not user-visible
            stage.getScene().setRoot(root);
        });
        return v.get();
    }

    private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return WaitForAsyncUtils.asyncFx(condition).get(10, TimeUnit.SECONDS);
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
    }

    private static String text(FxRobot robot, String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Node n = robot.lookup(id).query();
            return n instanceof Labeled l ? l.getText() : ((javafx.scene.control.TextInputControl) n).getText();
        }).get(10, TimeUnit.SECONDS);
    }

    private static boolean disabled(FxRobot robot, String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(id).query().isDisabled()).get(10, TimeUnit.SECONDS);
    }

    private static void select(FxRobot robot, CertificatesView v, String serial) throws Exception {
        waitFor("the list", () -> robot.lookup("#certificatesTable").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<CertificateRecord> table = robot.lookup("#certificatesTable").queryAs(TableView.class);
        waitFor("certificate " + serial + " listed", () -> table.getItems().stream()
                .anyMatch(r -> r.serial().equals(serial)));
        robot.interact(() -> table.getItems().stream().filter(r -> r.serial().equals(serial)).findFirst()
                .ifPresent(r -> table.getSelectionModel().select(r)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String openssl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        ProcessRun r = ProcessRun.of(cmd);
        assertThat(r.exit).as("openssl %s: %s", args[0], r.err).isZero();
        return r.out;
    }

    @Test
    void rekeyWithANewKeyThenWithACsrGivesNewSerialsAndLeavesTheOldOne(FxRobot robot) throws Exception {
        CertificatesView v = pane(robot, Clock.systemUTC());
        RekeyViewModel rk = v.viewModel().rekey();
        // revoked: disabled, with the reason
        select(robot, v, revoked.serial());
        assertThat(disabled(robot, "#rekeyCertificate")).isTrue();
        assertThat(text(robot, "#rekeyDisabledReason")).isEqualTo(I18n.t("ui.certificates.rekeyBlocked.REVOKED"));

        select(robot, v, first.serial());
        waitFor("rekey enabled", () -> !robot.lookup("#rekeyCertificate").query().isDisabled());
        assertThat(text(robot, "#rekeyDisabledReason")).isEmpty();
        robot.interact(() -> v.setVvalue(0.3));
        robot.clickOn("#rekeyCertificate");
        waitFor("form open", () -> robot.lookup("#rekeyForm").query().isVisible());
        assertThat(text(robot, "#rekeyTitle")).contains(first.serial());

        // a weak password is refused with the strength hint; a mismatch too
        robot.interact(() -> rk.passwordProperty().set("abc"));
        assertThat(text(robot, "#rekeyStrengthHint")).isNotEmpty();
        robot.interact(rk::rekey);
        assertThat(text(robot, "#rekeyError")).isEqualTo(I18n.t("ui.certificates.rekey.password.weak"));
        robot.clickOn("#rekeyPassword").push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                .write(KEY_PASSWORD);
        robot.clickOn("#rekeyConfirmation").write(KEY_PASSWORD + "x");
        assertThat(text(robot, "#rekeyMatchHint")).isEqualTo(I18n.t("ui.certificates.rekey.noMatch"));
        robot.clickOn("#rekeyGo");
        assertThat(text(robot, "#rekeyError")).isEqualTo(I18n.t("ui.certificates.rekey.password.repeat"));
        robot.clickOn("#rekeyConfirmation").type(javafx.scene.input.KeyCode.BACK_SPACE);
        assertThat(text(robot, "#rekeyMatchHint")).isEqualTo(I18n.t("ui.certificates.rekey.match"));

        List<String> problems = new ArrayList<>(FeatureScreens.look(robot, stage, "certificates-rekey-form"));

        Path p12 = dir.resolve("rekeyed.p12");
        nextSave.set(p12);
        robot.clickOn("#rekeyGo");
        waitFor("rekeyed", () -> !rk.newSerialProperty().get().isEmpty() && !rk.busyProperty().get());
        String fresh = rk.newSerialProperty().get();
        assertThat(text(robot, "#rekeyError")).isEmpty();
        assertThat(fresh).isNotEqualTo(first.serial());
        assertThat(text(robot, "#rekeyMessage")).contains(first.serial()).contains(fresh).contains(p12.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p12))).isEqualTo("rw-------");
        CertificateRecord old = fx.store().certificates().findBySerial(fx.provider.id(), first.serial()).orElseThrow();
        assertThat(old.status()).isEqualTo(CertificateStatus.ISSUED);
        assertThat(old.certificatePem()).isEqualTo(first.certificatePem());
        assertThat(fx.store().certificates().findBySerial(fx.provider.id(), fresh).orElseThrow().status())
                .isEqualTo(CertificateStatus.ISSUED);
        // openssl: the keystore opens with the new password; its certificate has the new serial and its key
        Path pass = dir.resolve("p12pass.txt");
        Files.writeString(pass, KEY_PASSWORD + "\n");
        Path key = dir.resolve("rekeyed-key.pem");
        Path cert = dir.resolve("rekeyed-cert.pem");
        openssl("pkcs12", "-in", p12.toString(), "-passin", "file:" + pass, "-nocerts", "-nodes", "-out",
                key.toString());
        openssl("pkcs12", "-in", p12.toString(), "-passin", "file:" + pass, "-clcerts", "-nokeys", "-out",
                cert.toString());
        assertThat(openssl("x509", "-in", cert.toString(), "-noout", "-serial").strip().toUpperCase(Locale.ROOT))
                .endsWith(fresh.toUpperCase(Locale.ROOT).replaceFirst("^0+", ""));
        String certKey = openssl("x509", "-in", cert.toString(), "-noout", "-pubkey");
        assertThat(openssl("pkey", "-in", key.toString(), "-pubout")).isEqualTo(certKey);
        assertThat(certKey).isNotEqualTo(openssl("x509", "-noout", "-pubkey", "-in",
                write("first.pem", first.certificatePem()).toString()));

        // again from the original, now with a CSR file made by openssl: PEM with the chain, the CSR's key
        select(robot, v, first.serial());
        Path csrKey = dir.resolve("csr-key.pem");
        Path csr = dir.resolve("new.csr");
        openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", csrKey.toString(), "-out", csr.toString(),
                "-subj", "/CN=www.rekey-ui.test");
        waitFor("rekey enabled", () -> !robot.lookup("#rekeyCertificate").query().isDisabled());
        robot.clickOn("#rekeyCertificate");
        robot.clickOn("#rekeyCsr");
        robot.interact(rk::rekey);
        assertThat(text(robot, "#rekeyError")).isEqualTo(I18n.t("ui.certificates.rekey.csr.missing"));
        nextOpen.set(csr);
        robot.clickOn("#rekeyBrowseCsr");
        assertThat(text(robot, "#rekeyCsrFile")).isEqualTo(csr.toString());
        Path pem = dir.resolve("rekeyed-csr.pem");
        nextSave.set(pem);
        robot.clickOn("#rekeyGo");
        waitFor("rekeyed from the CSR", () -> !rk.busyProperty().get() && !rk.newSerialProperty().get().isEmpty()
                && !rk.newSerialProperty().get().equals(fresh) || !rk.errorProperty().get().isEmpty());
        assertThat(rk.errorProperty().get()).isEmpty();
        String second = rk.newSerialProperty().get();
        assertThat(second).isNotEqualTo(first.serial()).isNotEqualTo(fresh);
        String pemText = Files.readString(pem);
        assertThat(pemText.split("-----BEGIN CERTIFICATE-----").length - 1).as("certificate + chain")
                .isGreaterThanOrEqualTo(2);
        assertThat(openssl("x509", "-in", pem.toString(), "-noout", "-pubkey"))
                .isEqualTo(openssl("req", "-in", csr.toString(), "-noout", "-pubkey"));
        assertThat(fx.store().certificates().findBySerial(fx.provider.id(), first.serial()).orElseThrow()
                .certificatePem()).isEqualTo(first.certificatePem());
        problems.addAll(FeatureScreens.look(robot, stage, "certificates-rekeyed"));
        assertThat(problems).as("cut, unnamed or faint texts (screens in target/screens)").isEmpty();
    }

    private static Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void anExpiredCertificateCannotBeRekeyedAndSaysWhy(FxRobot robot) throws Exception {
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(60));
        CertificatesView v = pane(robot, later);
        select(robot, v, first.serial());
        assertThat(disabled(robot, "#rekeyCertificate")).isTrue();
        assertThat(text(robot, "#rekeyDisabledReason")).startsWith("Expired on ")
                .contains(I18n.date(first.record().notAfter()));
    }

    @Test
    void theRekeyFormInGermanAndDark(FxRobot robot) throws Exception {
        FeatureScreens.use(robot, Locale.GERMAN, true);
        CertificatesView v = pane(robot, Clock.systemUTC());
        select(robot, v, first.serial());
        waitFor("policy", () -> v.viewModel().policyProperty().get() != null);
        waitFor("rekey enabled", () -> !robot.lookup("#rekeyCertificate").query().isDisabled());
        robot.interact(() -> {
            v.viewModel().rekey().begin();
            v.viewModel().rekey().passwordProperty().set("kurz");
            v.setVvalue(0.4);
        });
        List<String> problems = FeatureScreens.look(robot, stage, "certificates-rekey-form");
        // the validation policy summary is English only (a known gap the walk also skips)
        problems.removeIf(p -> p.contains("English") && p.contains("certPolicy"));
        assertThat(problems).as("German/dark rekey form (screens in target/screens)").isEmpty();
    }
}
