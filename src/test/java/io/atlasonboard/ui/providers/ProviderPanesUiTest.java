package io.atlasonboard.ui.providers;

import io.atlasonboard.ui.shell.ProviderPanes;

import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.common.Confirmer;
import io.atlasonboard.ui.common.FileOpener;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import atlantafx.base.theme.PrimerLight;
import io.atlasonboard.core.atlas.RevocationReason;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.pki.CsrRequest;
import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.core.store.CertificateStatus;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.sim.Sandbox;
import io.atlasonboard.ui.certificates.CertificatesView;
import io.atlasonboard.ui.dns.DnsValidationView;
import io.atlasonboard.ui.sandbox.SandboxSession;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The provider, connection status, providers window, DNS and certificate panes against the real store and a real
 * simulator (the application's sandbox) over mutual TLS, driven through TestFX (headless Monocle).
 */
@ExtendWith(ApplicationExtension.class)
class ProviderPanesUiTest {
    private static final char[] PASSPHRASE = "qv7#Lm2!zR9wXp4@Tk8s".toCharArray();
    private static final char[] KS_PASSWORD = "keystore-pass-1".toCharArray();

    @TempDir
    static Path home;
    /** The path the fake save dialog answers next (as if the user confirmed replacing it), or null. */
    static final AtomicReference<Path> nextSave = new AtomicReference<>();
    static Store store;
    static Sandbox sandbox;
    static SandboxSession session;
    static TaskService tasks;
    static Sandbox.Credentials creds;
    static byte[] keystore;

    private Stage stage;
    private ProviderPanes panes;

    @BeforeAll
    static void setUp() throws Exception {
        store = Store.create(home.resolve("data"), PASSPHRASE);
        sandbox = Sandbox.start();
        creds = sandbox.createCredentials();
        // the portal's role in step 3: an mTLS certificate for our CSR, bound to the credential set
        KeyPair kp = Csrs.generateKey(2048);
        PKCS10CertificationRequest csr = Csrs.create(kp,
                new CsrRequest("client.atlas-onboard.test", "DE", "Atlas Onboard Test", List.of()));
        String certPem = sandbox.issueMtlsCertificate(creds.apiKey(), Csrs.toPem(csr));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(certPem.getBytes()));
        keystore = Pkcs12.write(kp.getPrivate(), List.of(cert), KS_PASSWORD, "mtls", Pkcs12Profile.MODERN);
        tasks = new TaskService(4);
    }

    @AfterAll
    static void tearDown() {
        if (session != null) {
            session.close();
        }
        if (tasks != null) {
            tasks.close();
        }
        if (store != null) {
            store.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        session = new SandboxSession(UiJobs.of(tasks, Platform::runLater));
        session.adopt(sandbox);
        panes = new ProviderPanes(store, UiJobs.of(tasks, Platform::runLater), new FileOpener() {
            @Override
            public Optional<Path> open(String title, List<String> patterns) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> save(String title, String suggestedName, List<String> patterns) {
                Path chosen = nextSave.getAndSet(null);
                return Optional.of(chosen != null ? chosen
                        : home.resolve("out-" + System.nanoTime() + "-" + suggestedName));
            }
        }, Confirmer.alerts(), Clock.systemUTC(), PropagationChecker.withDefaults(), session, null);
        stage.setScene(new Scene(new Label("loading"), 1280, 800));
        stage.show();
    }

    private void show(FxRobot robot, Parent root) {
        robot.interact(() -> stage.getScene().setRoot(root));
    }

    private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.call();
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
    }

    private static String text(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        if (n instanceof Label l) {
            return l.getText();
        }
        if (n instanceof TextField t) {
            return t.getText();
        }
        if (n instanceof javafx.scene.control.TextArea t) {
            return t.getText();
        }
        return ((javafx.scene.control.Labeled) n).getText();
    }

    /** Selects the field's text and types over it. */
    private static void replace(FxRobot robot, String id, String text) {
        robot.clickOn(id).push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write(text);
    }

    /** Step 5 + 6 side by side, as the wizard shows them one after the other. */
    private ProviderFormView[] stepFiveAndSix(FxRobot robot) {
        ProviderFormView[] form = new ProviderFormView[1];
        robot.interact(() -> {
            form[0] = panes.providerForm();
            ConnectionStatusView status = panes.connectionStatus();
            form[0].viewModel().setOnSaved(r -> status.viewModel().test(r.id()));
            form[0].viewModel().prefill(creds.apiKey(), null, keystore, "mtls.p12", KS_PASSWORD);
            form[0].viewModel().prefillSandbox(sandbox.baseUrl(), sandbox.serverCaPem(), "unused");
            form[0].setPrefWidth(640);
            status.setPrefWidth(620);
            stage.getScene().setRoot(new HBox(form[0], status));
        });
        return form;
    }

    private static long saveProvider(String name, String secret) {
        ProviderRecord r = ProviderRecord.builder().name(name).apiUrl(sandbox.baseUrl()).intendedUse(IntendedUse.TLS)
                .apiKey(creds.apiKey()).keystore(keystore).keystoreFileName("mtls.p12")
                .extraTrustPem(sandbox.serverCaPem()).sandbox(true).build();
        try (ProviderSecrets s = ProviderSecrets.of(secret.toCharArray(), KS_PASSWORD, null)) {
            return store.providers().save(r, s).id();
        }
    }

    @Test
    void providerFormSavesAndShowsGoodWithPolicyAndQuota(FxRobot robot) throws Exception {
        // the name must be unique (case-insensitive): an existing provider's name is refused inline
        saveProvider("Taken Name", creds.apiSecret());
        stepFiveAndSix(robot);
        replace(robot, "#providerName", "taken name");
        waitFor("name error", () -> text(robot, "#providerNameError").contains("already exists"));
        replace(robot, "#apiUrl", "http://127.0.0.1/v2");
        waitFor("url error", () -> text(robot, "#apiUrlError").contains("https://"));
        replace(robot, "#apiUrl", sandbox.baseUrl());
        assertThat(text(robot, "#apiUrlError")).isEmpty();
        replace(robot, "#providerName", "GlobalSign SSL/TLS sandbox");
        robot.clickOn("#apiSecret").write(creds.apiSecret());
        assertThat(robot.lookup("#apiSecret").queryAs(javafx.scene.control.PasswordField.class).isVisible()).isTrue();
        robot.clickOn("#saveProvider");

        waitFor("Connection Status: Good", () -> "Connection Status: Good".equals(text(robot, "#connectionHeadline")));
        assertThat(text(robot, "#connectionQuota"))
                .isEqualTo("Remaining issuance quota: " + sandbox.simulator().account(creds.apiKey()).quota());
        assertThat(text(robot, "#connectionPolicy")).contains("DNS names").contains("Maximum validity: 90 days");
        assertThat(robot.lookup("#sandboxBadge").queryAs(Label.class).isVisible()).isTrue();
        ProviderRecord stored = store.providers().findByName("GlobalSign SSL/TLS sandbox").orElseThrow();
        assertThat(stored.status().state()).isEqualTo(ConnectionStatus.State.GOOD);
        assertThat(stored.status().checkedAt()).isNotNull();
        assertThat(stored.apiUrl()).isEqualTo(sandbox.baseUrl());
        try (ProviderSecrets s = store.providers().secrets(stored.id())) {
            Secrets.assertSameSecret(creds.apiSecret().toCharArray(), s.apiSecret(), "stored API secret");
        }
        Screens.shot(robot, stage.getScene(), "provider-form-good");
    }

    @Test
    void wrongSecretShowsBadWithTheLoginStepAndReason(FxRobot robot) throws Exception {
        stepFiveAndSix(robot);
        replace(robot, "#providerName", "Wrong secret provider");
        robot.clickOn("#apiSecret").write("not-the-secret-" + creds.apiSecret().substring(0, 8));
        robot.clickOn("#saveProvider");
        // the headline, the failed step and the step rows are set one after another on the FX thread
        waitFor("Connection Status: Bad with its failed step", () -> "Connection Status: Bad".equals(
                text(robot, "#connectionHeadline")) && "Failed step: Login".equals(text(robot, "#connectionFailedStep"))
                && text(robot, "#step-Login").contains("(failed)"));
        assertThat(text(robot, "#connectionFailedStep")).isEqualTo("Failed step: Login");
        assertThat(text(robot, "#connectionDiagnosis")).contains("API key or API secret was refused");
        assertThat(text(robot, "#step-TLS-handshake")).contains("(ok)");
        assertThat(text(robot, "#step-Login")).contains("(failed)");
        ProviderRecord stored = store.providers().findByName("Wrong secret provider").orElseThrow();
        assertThat(stored.status().state()).isEqualTo(ConnectionStatus.State.BAD);
        assertThat(stored.status().failedStep()).isEqualTo("Login");
        Screens.shot(robot, stage.getScene(), "provider-form-bad");
    }

    @Test
    void providersWindowShowsStatusRetestsAndConfirmsDelete(FxRobot robot) throws Exception {
        long id = saveProvider("Window provider (old name)", creds.apiSecret());
        show(robot, panes.providersView());
        @SuppressWarnings("unchecked")
        TableView<ProviderRecord> table = robot.lookup("#providersTable").queryAs(TableView.class);
        waitFor("provider listed", () -> table.getItems().stream().anyMatch(r -> r.id() == id));
        robot.interact(() -> table.getSelectionModel().select(
                table.getItems().stream().filter(r -> r.id() == id).findFirst().orElseThrow()));
        assertThat(ProvidersViewModel.statusText(table.getSelectionModel().getSelectedItem().status()))
                .startsWith("\u25CB Unknown");

        robot.clickOn("#providerRetest");
        waitFor("Good after re-test", () -> "Connection Status: Good".equals(text(robot, "#connectionHeadline")));
        waitFor("table shows Good", () -> table.getItems().stream()
                .anyMatch(r -> r.id() == id && r.status().state() == ConnectionStatus.State.GOOD));
        assertThat(table.getItems().stream().filter(r -> r.id() == id).findFirst().orElseThrow().status().checkedAt())
                .isNotNull();
        Screens.shot(robot, stage.getScene(), "providers-window");

        // edit: rename without re-entering secrets (empty secret fields keep the stored ones), save re-tests
        robot.clickOn("#providerEdit");
        replace(robot, "#providerName", "Window provider");
        robot.clickOn("#saveProvider");
        waitFor("Good after edit", () -> table.getItems().stream()
                .anyMatch(r -> r.id() == id && r.name().equals("Window provider")
                        && r.status().state() == ConnectionStatus.State.GOOD)
                && "Connection Status: Good".equals(text(robot, "#connectionHeadline")));
        // the update reset the status, so GOOD here comes from the test run after the edit
        ProviderRecord edited = store.providers().get(id);
        assertThat(edited.status().checkedAt()).isAfterOrEqualTo(edited.updatedAt());
        try (ProviderSecrets s = store.providers().secrets(id)) {
            Secrets.assertSameSecret(creds.apiSecret().toCharArray(), s.apiSecret(), "stored API secret after edit");
            Secrets.assertSameSecret(KS_PASSWORD, s.keystorePassword(), "stored keystore password after edit");
        }

        // delete asks, naming the provider; Cancel keeps it
        robot.clickOn("#providerDelete");
        waitFor("confirmation", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#confirmDialog").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).contains("\"Window provider\"");
        Screens.shot(robot, dialog.getScene(), "providers-delete-confirm");
        robot.clickOn("#confirmCancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.providers().find(id)).isPresent();
        robot.clickOn("#providerDelete");
        waitFor("confirmation again", () -> robot.lookup("#confirmOk").tryQuery().isPresent());
        robot.clickOn("#confirmOk");
        waitFor("deleted", () -> store.providers().find(id).isEmpty()
                && table.getItems().stream().noneMatch(r -> r.id() == id));
    }

    @Test
    void dnsViewShowsTheRecordCopiesTheValueAndVerifiesInTheSandbox(FxRobot robot) throws Exception {
        long id = saveProvider("DNS provider", creds.apiSecret());
        ProviderRecord p = store.providers().get(id);
        AtomicReference<DnsValidationView> view = new AtomicReference<>();
        robot.interact(() -> {
            view.set(panes.dns(p, List.of("shop.sandbox-example.com", "*.sandbox-example.com")));
            stage.getScene().setRoot(view.get());
        });
        robot.clickOn("#domainInput").write("www.sandbox-example.com");
        robot.clickOn("#createClaims");
        waitFor("claim listed", () -> !view.get().viewModel().rows().isEmpty()
                && view.get().viewModel().rows().get(0).record().token() != null);
        DomainClaimRecord claim = store.domainClaims().findByDomain(id, "www.sandbox-example.com").get(0);
        assertThat(claim.status()).isEqualTo("PENDING");
        waitFor("host shown", () -> "www.sandbox-example.com.".equals(text(robot, "#txtHost")));
        assertThat(text(robot, "#txtValue")).isEqualTo(claim.token());
        assertThat(text(robot, "#txtZoneLine")).isEqualTo("www.sandbox-example.com. 300 IN TXT \"" + claim.token() + "\"");
        assertThat(text(robot, "#txtRelativeName")).startsWith("www");
        assertThat(text(robot, "#copyAllBlock")).contains("Type:  TXT").contains(claim.token());
        assertThat(text(robot, "#quotingNote")).contains("quotes");

        robot.clickOn("#copyValue");
        AtomicReference<String> clip = new AtomicReference<>();
        robot.interact(() -> clip.set(Clipboard.getSystemClipboard().getString()));
        assertThat(clip.get()).isEqualTo(claim.token());
        assertThat(robot.lookup("#copyValue").queryAs(Button.class).getText()).isEqualTo("Copied");
        robot.clickOn("#copyHost");
        robot.interact(() -> clip.set(Clipboard.getSystemClipboard().getString()));
        assertThat(clip.get()).isEqualTo("www.sandbox-example.com.");
        Screens.shot(robot, stage.getScene(), "dns-pending");

        // reassert: a new token visibly replaces the old one, in the record and in the store
        robot.clickOn("#reassert");
        waitFor("new token shown", () -> !claim.token().equals(text(robot, "#txtValue"))
                && text(robot, "#replacedToken").contains(claim.token()));
        String newToken = text(robot, "#txtValue");
        assertThat(store.domainClaims().findByClaimId(id, claim.claimId()).orElseThrow().token()).isEqualTo(newToken);
        assertThat(text(robot, "#txtZoneLine")).contains(newToken).doesNotContain(claim.token());
        Screens.shot(robot, stage.getScene(), "dns-reasserted");

        // propagation against the sandbox's own authoritative DNS server: nothing yet, then 1 of 1
        robot.clickOn("#checkPropagation");
        waitFor("0 of 1", () -> text(robot, "#propagationSummary").contains("0 of 1"));
        robot.clickOn("#publishSandbox");
        waitFor("published", () -> sandbox.simulator().sandboxZone().txt("www.sandbox-example.com")
                .contains(newToken));
        robot.clickOn("#checkPropagation");
        waitFor("1 of 1", () -> text(robot, "#propagationSummary").contains("1 of 1"));
        Screens.shot(robot, stage.getScene(), "dns-propagated");
        robot.clickOn("#verifySelected");
        waitFor("VERIFIED", () -> "VERIFIED".equals(view.get().viewModel().rows().get(0).statusProperty().get()));
        assertThat(view.get().viewModel().rows().get(0).progressProperty().get()).isEqualTo("VERIFIED");
        assertThat(store.domainClaims().findByClaimId(id, claim.claimId()).orElseThrow().status()).isEqualTo("VERIFIED");
        Screens.shot(robot, stage.getScene(), "dns-verified");
    }

    @Test
    void certificatesViewIssuesAndRevokes(FxRobot robot) throws Exception {
        long id = saveProvider("Cert provider", creds.apiSecret());
        ProviderRecord p = store.providers().get(id);
        // a verified claim first (the DNS view's flow, here through the same claim operations)
        var ops = new io.atlasonboard.ui.dns.ClaimServiceOps(new ProviderConnector(store, Clock.systemUTC()),
                Clock.systemUTC(), (io.atlasonboard.core.dns.PropagationChecker) null);
        DomainClaimRecord c = ops.create(id, "certs-example.com");
        sandbox.publishTxt("certs-example.com", c.token());
        ops.assertDns(id, c.claimId());
        waitFor("claim verified", () -> "VERIFIED".equals(ops.refresh(id, c.claimId()).status()));
        ops.close();

        AtomicReference<CertificatesView> view = new AtomicReference<>();
        robot.interact(() -> {
            view.set(panes.certificates(p));
            stage.getScene().setRoot(view.get());
        });
        waitFor("policy loaded", () -> view.get().viewModel().policyProperty().get() != null);
        assertThat(text(robot, "#certPolicy")).startsWith("TLS account");
        // REQUIRED is enforced before anything is sent (by core): no Common Name (the form is below the list: scroll to it)
        robot.interact(() -> view.get().setVvalue(1));
        robot.clickOn("#certNames").write("www.certs-example.com");
        robot.clickOn("#issueCertificate");
        // core's RequestBuilder judges the request (the form does not repeat the policy checks)
        waitFor("required CN", () -> text(robot, "#certFormError").contains("give a Common Name"));
        robot.clickOn("#certCommonName").write("www.certs-example.com");
        robot.interact(() -> view.get().setVvalue(1)); // the error label above it pushed the button down
        robot.clickOn("#issueCertificate");
        @SuppressWarnings("unchecked")
        TableView<CertificateRecord> table = robot.lookup("#certificatesTable").queryAs(TableView.class);
        waitFor("issued", () -> table.getItems().stream().anyMatch(r -> r.status() == CertificateStatus.ISSUED));
        CertificateRecord issued = table.getItems().get(0);
        assertThat(issued.commonName()).isEqualTo("www.certs-example.com");
        assertThat(issued.hasPrivateKey()).isTrue();
        X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(issued.certificatePem().getBytes()));
        assertThat(x.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList()).contains("www.certs-example.com");
        Screens.shot(robot, stage.getScene(), "certificates-issued");

        robot.interact(() -> {
            table.getSelectionModel().select(0);
            view.get().viewModel().reasonProperty().set(RevocationReason.SUPERSEDED);
            view.get().setVvalue(0);
        });
        robot.clickOn("#revokeCertificate");
        waitFor("confirmation", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#confirmDialog").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).contains("www.certs-example.com").contains(issued.serial())
                .contains("Superseded");
        robot.clickOn("#confirmOk");
        waitFor("revoked", () -> table.getItems().stream()
                .anyMatch(r -> r.serial().equals(issued.serial()) && r.status() == CertificateStatus.REVOKED));
        assertThat(store.certificates().findBySerial(id, issued.serial()).orElseThrow().revocationReason())
                .isEqualTo("superseded");
        assertThat(text(robot, "#certMessage")).contains("Revoked www.certs-example.com (serial " + issued.serial());

        // saving as PEM writes the certificate followed by its chain
        robot.clickOn("#savePem");
        waitFor("saved", () -> text(robot, "#certMessage").startsWith("Saved "));
        Path saved = Path.of(text(robot, "#certMessage").substring("Saved ".length()));
        assertThat(Files.readString(saved)).contains(issued.certificatePem().strip()).contains("BEGIN CERTIFICATE");

        // the PKCS#12 replaces a file the save dialog confirmed, and is owner-only (it holds the private key)
        Path p12 = home.resolve("replace-me.p12");
        Files.writeString(p12, "old content");
        Files.setPosixFilePermissions(p12, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        nextSave.set(p12);
        robot.interact(() -> {
            view.get().viewModel().p12PasswordProperty().set("p12-pass-word");
            view.get().viewModel().savePkcs12();
        });
        waitFor("p12 saved", () -> text(robot, "#certMessage").equals("Saved " + p12));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p12)))
                .isEqualTo("rw-------");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            ks.load(in, "p12-pass-word".toCharArray());
        }
        assertThat(ks.size()).isEqualTo(1);
        Screens.shot(robot, stage.getScene(), "certificates-revoked");
    }
}
