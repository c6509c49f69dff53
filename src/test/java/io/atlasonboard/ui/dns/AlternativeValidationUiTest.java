package io.atlasonboard.ui.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.atlasonboard.core.atlas.ApproverEmails;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.claims.AlternativeValidation;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.SimProviderFixture;
import io.atlasonboard.ui.FeatureScreens;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.providers.ProviderConnector;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.StackPane;
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
 * "Other method…" of a claim against the simulator over mutual TLS. HTTP: a loopback JDK web server serves the
 * validation file; with wrong content the pre-check from this machine says so and GlobalSign refuses with the
 * reason; with the token both pass and the claim is VERIFIED. E-mail: the authorised addresses with their sources,
 * the mail sent to one, opened and approved in the sandbox mailbox while the view waits: VERIFIED. The screens pass
 * the walk's checks in English/light at both sizes and in German/dark.
 */
@ExtendWith(ApplicationExtension.class)
class AlternativeValidationUiTest {
    @TempDir
    static Path dir;
    static HttpServer web;
    static final AtomicReference<String> served = new AtomicReference<>("");
    static SimProviderFixture fx;
    static TaskService tasks;

    private Stage stage;

    @BeforeAll
    static void setUp() throws Exception {
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        web.createContext(AlternativeValidation.HTTP_PATH, ex -> {
            byte[] b = served.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        web.start();
        fx = SimProviderFixture.start(SimulatorConfig.defaults()
                        .httpValidationTarget("127.0.0.1:" + web.getAddress().getPort()),
                ValidationPolicies.tls(), IntendedUse.TLS, "alt-ui", dir);
        tasks = new TaskService(3);
        try (AtlasClient c = fx.client(2, null)) {
            ClaimService svc = new ClaimService(fx.store(), fx.provider, c);
            for (String d : List.of("www.http-ui.test", "www.mail-ui.test", "www.look-ui.test")) {
                svc.claim(d);
            }
        }
    }

    @AfterAll
    static void tearDown() {
        if (tasks != null) {
            tasks.close();
        }
        if (fx != null) {
            fx.close();
        }
        if (web != null) {
            web.stop(0);
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.applyUserAgent();
        stage.setScene(new Scene(new Label("loading"), 1100, 760)); // not user-visible
        Theme.style(stage.getScene());
        stage.show();
    }

    @AfterEach
    void back(FxRobot robot) {
        FeatureScreens.reset(robot);
    }

    private AlternativeValidationView open(FxRobot robot, String domain, boolean sandbox) throws Exception {
        AtomicReference<AlternativeValidationView> v = new AtomicReference<>();
        robot.interact(() -> {
            AlternativeValidationView view = AlternativeValidationView.create(fx.provider.id(), domain,
                    new ProviderConnector(fx.store(), Clock.systemUTC()), UiJobs.of(tasks, Platform::runLater),
                    Clock.systemUTC(), sandbox ? SandboxMailbox.overPortal(
                            fx.sim.portalUrl(), fx.sim.serverCaPem()) : null);
            view.viewModel().waits(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofMillis(200));
            StackPane root = new StackPane(view); // like the window it opens in
            root.getStyleClass().add("app-root"); // not user-visible
            stage.getScene().setRoot(root);
            v.set(view);
        });
        waitFor("claim loaded", () -> v.get().viewModel().claimProperty().get() != null
                && !v.get().viewModel().authorizationDomains().isEmpty());
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
            return n instanceof Labeled l ? l.getText() : ((TextInputControl) n).getText();
        }).get(10, TimeUnit.SECONDS);
    }

    private static String localUrl() {
        return "http://127.0.0.1:" + web.getAddress().getPort() + AlternativeValidation.HTTP_PATH;
    }

    private void emailTab(FxRobot robot) {
        robot.interact(() -> robot.lookup("#dnsaltTabs").queryAs(TabPane.class).getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void httpWrongContentIsRefusedWithTheReasonThenTheTokenVerifies(FxRobot robot) throws Exception {
        AlternativeValidationView v = open(robot, "www.http-ui.test", false);
        DomainClaimRecord rec = v.viewModel().claimProperty().get();
        assertThat(text(robot, "#dnsaltUrl")).isEqualTo("http://www.http-ui.test/.well-known/pki-validation/gsdv.txt");
        assertThat(text(robot, "#dnsaltContent")).isEqualTo(rec.token());
        robot.clickOn("#dnsaltCopyContent");
        assertThat(WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(5, TimeUnit.SECONDS))
                .isEqualTo(rec.token());
        // the parent domain is offered as authorization domain and moves the URL there
        assertThat(v.viewModel().authorizationDomains()).contains("www.http-ui.test", "http-ui.test");
        robot.interact(() -> v.viewModel().authorizationDomainProperty().set("http-ui.test"));
        assertThat(text(robot, "#dnsaltUrl")).isEqualTo("http://http-ui.test/.well-known/pki-validation/gsdv.txt");

        List<String> problems = new ArrayList<>(FeatureScreens.look(robot, stage, "dns-other-method-http"));

        served.set("globalsign-domain-verification=WRONG");
        robot.clickOn("#dnsaltVia").write(localUrl());
        robot.clickOn("#dnsaltCheck");
        waitFor("pre-check", () -> text(robot, "#dnsaltPrecheck").startsWith("Not ready"));
        assertThat(text(robot, "#dnsaltPrecheck")).contains("serves other content").contains("WRONG");
        robot.clickOn("#dnsaltAskHttp");
        waitFor("GlobalSign's answer", () -> !text(robot, "#dnsaltHttpResult").isEmpty());
        assertThat(text(robot, "#dnsaltHttpResult")).startsWith("GlobalSign did not validate www.http-ui.test: ")
                .hasSizeGreaterThan("GlobalSign did not validate www.http-ui.test: ".length() + 10);
        problems.addAll(FeatureScreens.look(robot, stage, "dns-other-method-http-refused"));
        try (AtlasClient c = fx.client(2, null)) {
            assertThat(c.getClaim(rec.claimId()).verified()).isFalse();
        }

        served.set(rec.token() + "\n");
        robot.clickOn("#dnsaltCheck");
        waitFor("pre-check ok", () -> text(robot, "#dnsaltPrecheck").startsWith("Ready"));
        robot.clickOn("#dnsaltAskHttp");
        waitFor("verified", () -> v.viewModel().verifiedProperty().get());
        assertThat(text(robot, "#dnsaltHttpResult")).isEqualTo(I18n.t("ui.dnsalt.verified", "www.http-ui.test"));
        waitFor("stored claim VERIFIED", () -> "VERIFIED".equals(v.viewModel().claimProperty().get().status()));
        assertThat(fx.store().domainClaims().findByClaimId(fx.provider.id(), rec.claimId()).orElseThrow().status())
                .isEqualTo("VERIFIED");
        problems.addAll(FeatureScreens.look(robot, stage, "dns-other-method-http-verified"));
        assertThat(problems).as("cut, unnamed or faint texts (screens in target/screens)").isEmpty();
    }

    @Test
    void emailIsApprovedThroughTheSandboxMailbox(FxRobot robot) throws Exception {
        AlternativeValidationView v = open(robot, "www.mail-ui.test", true);
        AtomicReference<DomainClaimRecord> notified = new AtomicReference<>();
        robot.interact(() -> v.viewModel().setOnVerified(notified::set));
        emailTab(robot);
        waitFor("addresses", () -> !v.viewModel().addresses().isEmpty());
        assertThat(v.viewModel().addresses()).contains(
                new ApproverEmails.Address("admin@www.mail-ui.test", "constructed"));
        @SuppressWarnings("unchecked")
        TableView<ApproverEmails.Address> table = robot.lookup("#dnsaltAddresses").queryAs(TableView.class);
        assertThat(AlternativeValidationViewModel.sourceText(table.getItems().get(0)))
                .isEqualTo(I18n.t("ui.dnsalt.source.constructed"));
        robot.interact(() -> table.getItems().stream().filter(a -> a.email().equals("admin@www.mail-ui.test"))
                .findFirst().ifPresent(a -> table.getSelectionModel().select(a)));
        assertThat(text(robot, "#dnsaltChosen")).contains("admin@www.mail-ui.test");
        List<String> problems = new ArrayList<>(FeatureScreens.look(robot, stage, "dns-other-method-email"));

        robot.clickOn("#dnsaltSend");
        waitFor("waiting for the approval", () -> v.viewModel().waitingProperty().get()
                && text(robot, "#dnsaltEmailWaiting").contains("admin@www.mail-ui.test"));
        assertThat(text(robot, "#dnsaltSandboxMessage")).contains("sandbox mailbox");
        // the mail arrives once GlobalSign (the simulator) sent it: open the mailbox until it is there
        waitFor("the mail in the sandbox mailbox", () -> {
            if (v.viewModel().sandboxMails().isEmpty()) {
                robot.lookup("#dnsaltOpenMailbox").queryButton().fire();
            }
            return !v.viewModel().sandboxMails().isEmpty();
        });
        assertThat(text(robot, "#dnsaltSandboxMails")).contains("www.mail-ui.test").contains("not approved yet");
        problems.addAll(FeatureScreens.look(robot, stage, "dns-other-method-email-waiting"));
        robot.clickOn("#dnsaltApprove");
        waitFor("verified", () -> v.viewModel().verifiedProperty().get() || !v.viewModel().waitingProperty().get());
        assertThat(text(robot, "#dnsaltEmailResult")).isEqualTo(I18n.t("ui.dnsalt.verified", "www.mail-ui.test"));
        waitFor("the DNS step told", () -> notified.get() != null);
        assertThat(notified.get().status()).isEqualTo("VERIFIED");
        problems.addAll(FeatureScreens.look(robot, stage, "dns-other-method-email-verified"));
        assertThat(problems).as("cut, unnamed or faint texts (screens in target/screens)").isEmpty();
    }

    @Test
    void stopWaitingEndsTheWaitAndSaysSo(FxRobot robot) throws Exception {
        AlternativeValidationView v = open(robot, "www.look-ui.test", true);
        emailTab(robot);
        waitFor("addresses", () -> v.viewModel().addressProperty().get() != null);
        robot.clickOn("#dnsaltSend");
        waitFor("waiting", () -> v.viewModel().waitingProperty().get());
        robot.clickOn("#dnsaltEmailStop");
        waitFor("stopped", () -> !v.viewModel().waitingProperty().get());
        assertThat(text(robot, "#dnsaltEmailResult")).isEqualTo(I18n.t("ui.dnsalt.stopped"));
        assertThat(v.viewModel().busyProperty().get()).isFalse();
    }

    @Test
    void theScreensInGermanAndDark(FxRobot robot) throws Exception {
        FeatureScreens.use(robot, Locale.GERMAN, true);
        AlternativeValidationView v = open(robot, "www.look-ui.test", true);
        List<String> problems = new ArrayList<>(FeatureScreens.look(robot, stage, "dns-other-method-http"));
        emailTab(robot);
        waitFor("addresses", () -> !v.viewModel().addresses().isEmpty());
        problems.addAll(FeatureScreens.look(robot, stage, "dns-other-method-email"));
        assertThat(problems).as("German/dark (screens in target/screens)").isEmpty();
    }
}
