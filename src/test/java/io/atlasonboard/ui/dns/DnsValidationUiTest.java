package io.atlasonboard.ui.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.xml.parsers.DocumentBuilderFactory;

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
import org.w3c.dom.Document;

import io.atlasonboard.core.claims.ClaimLifetime;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.core.pki.CsrRequest;
import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.sim.Sandbox;
import io.atlasonboard.testing.BindServer;
import io.atlasonboard.ui.Png;
import io.atlasonboard.ui.TextFit;
import io.atlasonboard.ui.UiChecks;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.providers.ProviderConnector;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;

/**
 * The DNS step's issue 9 / 12 parts against real peers: a BIND server on loopback whose CAA allows only another CA
 * (the blocking verdict and the CAA line before any claim exists), the application's sandbox over mutual TLS (a claim
 * for www.NAME proven through its parent ADN, stored with the claim and used after the store is reopened; the sheet
 * for the DNS team saved and parsed; lifetime columns and the 30-day warning; rows updated as answers arrive), and
 * the fit / names / contrast / German checks of the pane with the new parts.
 */
@ExtendWith(ApplicationExtension.class)
class DnsValidationUiTest {
    private static final char[] PASSPHRASE = "qv7#Lm2!zR9wXp4@Tk8s".toCharArray();
    private static final char[] KS_PASSWORD = "keystore-pass-1".toCharArray();

    @TempDir
    static Path home;
    static final AtomicReference<Path> nextSave = new AtomicReference<>();
    static Store store;
    static Sandbox sandbox;
    static TaskService tasks;
    static Sandbox.Credentials creds;
    static byte[] keystore;
    static BindServer bind;
    static long providerId;

    private Stage stage;

    @BeforeAll
    static void setUp() throws Exception {
        store = Store.create(home.resolve("data"), PASSPHRASE);
        sandbox = Sandbox.start();
        creds = sandbox.createCredentials();
        KeyPair kp = Csrs.generateKey(2048);
        PKCS10CertificationRequest csr = Csrs.create(kp,
                new CsrRequest("client.atlas-onboard.test", "DE", "Atlas Onboard Test", List.of()));
        String certPem = sandbox.issueMtlsCertificate(creds.apiKey(), Csrs.toPem(csr));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(certPem.getBytes()));
        keystore = Pkcs12.write(kp.getPrivate(), List.of(cert), KS_PASSWORD, "mtls", Pkcs12Profile.MODERN);
        tasks = new TaskService(4);
        int port = BindServer.freePort("127.0.0.1");
        bind = BindServer.builder().address("127.0.0.1").port(port).zone("test").zone("other.test")
                .zone("wild.test").nameServer("ns1.other.test", "127.0.0.1")
                .record("wild.test. 60 IN CAA 0 issuewild \"letsencrypt.org\"")
                .record("other.test. 60 IN CAA 0 issue \"letsencrypt.org\"")
                .record("www.other.test. 60 IN A 127.0.0.9")
                .start();
        ProviderRecord r = ProviderRecord.builder().name("DNS sandbox").apiUrl(sandbox.baseUrl())
                .intendedUse(IntendedUse.TLS).apiKey(creds.apiKey()).keystore(keystore).keystoreFileName("mtls.p12")
                .extraTrustPem(sandbox.serverCaPem()).sandbox(true).build();
        try (ProviderSecrets s = ProviderSecrets.of(creds.apiSecret().toCharArray(), KS_PASSWORD, null)) {
            providerId = store.providers().save(r, s).id();
        }
    }

    @AfterAll
    static void tearDown() {
        I18n.setLocale(Locale.ENGLISH);
        if (tasks != null) {
            tasks.close();
        }
        if (store != null) {
            store.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (bind != null) {
            bind.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.applyUserAgent();
        stage.setScene(new Scene(new Label("loading"), 1100, 760));
        Theme.style(stage.getScene());
        stage.show();
    }

    private DnsValidationView view(FxRobot robot, PropagationChecker checker, Clock clock, boolean sandboxPublish) {
        AtomicReference<DnsValidationView> v = new AtomicReference<>();
        robot.interact(() -> {
            ClaimServiceOps ops = new ClaimServiceOps(new ProviderConnector(store, Clock.systemUTC()),
                    Clock.systemUTC(), checker);
            DnsValidationViewModel vm = new DnsValidationViewModel(providerId, ops, checker,
                    sandboxPublish ? sandbox::publishTxt : null, UiJobs.of(tasks, Platform::runLater), clock,
                    Duration.ofMillis(200), 50);
            vm.setFiles(new FileOpener() {
                @Override
                public Optional<Path> open(String title, List<String> patterns) {
                    return Optional.empty();
                }

                @Override
                public Optional<Path> save(String title, String suggestedName, List<String> patterns) {
                    return Optional.ofNullable(nextSave.getAndSet(null));
                }
            });
            vm.load();
            v.set(new DnsValidationView(vm));
            javafx.scene.layout.StackPane app = new javafx.scene.layout.StackPane(v.get()); // as in the main window
            app.getStyleClass().add("app-root");
            stage.getScene().setRoot(app);
        });
        return v.get();
    }

    @Test
    void caaForbiddingGlobalSignBlocksBeforeAnyClaimWithTheLineToAdd(FxRobot robot) throws Exception {
        PropagationChecker viaBind = PropagationChecker.builder()
                .bootstrap(new ResolverSpec(bind.address(), bind.port())).authoritativePort(bind.port())
                .timeout(Duration.ofMillis(1500)).retries(0).build();
        DnsValidationView v = view(robot, viaBind, Clock.systemUTC(), false);
        robot.clickOn("#domainInput").write("other.test");
        robot.clickOn("#createClaims");
        waitFor("blocked", () -> text(robot, "#preflightSummary").startsWith("No claim was created"));
        assertThat(text(robot, "#preflightSummary")).contains("1 name").contains("create the claims again");
        List<String> lines = v.viewModel().preflight().lines().stream().map(PreflightViewModel.Line::text).toList();
        assertThat(lines).contains("other.test: GlobalSign may NOT issue: the record at other.test allows only "
                + "letsencrypt.org (issue)");
        assertThat(text(robot, "#caaLines")).isEqualTo("other.test. IN CAA 0 issue \"globalsign.com\"");
        assertThat(text(robot, "#preflightFinding0")).contains("GlobalSign may NOT issue");
        // nothing was claimed: no row, no stored claim, the sandbox never saw a claim for the name
        assertThat(v.viewModel().rows()).isEmpty();
        assertThat(store.domainClaims().findByDomain(providerId, "other.test")).isEmpty();
        assertThat(v.viewModel().busyProperty().get()).isFalse();
        Png.shoot(robot, stage.getScene(), "dns-preflight-caa-blocked");
        robot.clickOn("#copyCaaLines");
        AtomicReference<String> clip = new AtomicReference<>();
        robot.interact(() -> clip.set(javafx.scene.input.Clipboard.getSystemClipboard().getString()));
        assertThat(clip.get()).isEqualTo("other.test. IN CAA 0 issue \"globalsign.com\"");
        // a wildcard is claimed through its base name but checked as a wildcard: issuewild, and the DNS-only note
        robot.interact(() -> v.viewModel().domainInputProperty().set("*.wild.test"));
        robot.clickOn("#runPreflight");
        waitFor("wildcard checked", () -> v.viewModel().preflight().lines().stream()
                .anyMatch(l -> l.domain().equals("*.wild.test")));
        List<String> wild = v.viewModel().preflight().lines().stream().map(PreflightViewModel.Line::text).toList();
        assertThat(wild).anyMatch(l -> l.startsWith("wild.test: GlobalSign may issue"))
                .anyMatch(l -> l.startsWith("*.wild.test: GlobalSign may NOT issue: the record at wild.test allows "
                        + "only letsencrypt.org (issuewild)"))
                .anyMatch(l -> l.startsWith("*.wild.test: Wildcard: DNS validation only: "));
        assertThat(text(robot, "#caaLines")).isEqualTo("wild.test. IN CAA 0 issuewild \"globalsign.com\"");
        assertThat(text(robot, "#preflightSummary")).isEqualTo("Something blocks issuance for 1 name (below).");
        Png.shoot(robot, stage.getScene(), "dns-preflight-wildcard");
        robot.interact(() -> v.viewModel().domainInputProperty().set("other.test"));
        // the same check for a name BIND does not restrict says it is clear (the verdict is not a constant)
        bind.close();
        bind = BindServer.builder().address("127.0.0.1").port(viaBind.authoritativePort()).zone("test")
                .zone("other.test").nameServer("ns1.other.test", "127.0.0.1")
                .record("other.test. 60 IN CAA 0 issue \"globalsign.com\"").start();
        robot.clickOn("#runPreflight");
        waitFor("clear", () -> text(robot, "#preflightSummary").startsWith("Nothing blocks issuance"));
        assertThat(v.viewModel().preflight().lines().get(0).text()).startsWith("other.test: GlobalSign may issue");
        assertThat(text(robot, "#caaLines")).isEmpty();
    }

    @Test
    void subdomainThroughItsParentSheetLifetimeAndRowsAsAnswersArrive(FxRobot robot) throws Exception {
        PropagationChecker sandboxDns = sandbox.propagationChecker();
        DnsValidationView v = view(robot, sandboxDns, Clock.systemUTC(), true);
        DnsValidationViewModel vm = v.viewModel();
        robot.clickOn("#domainInput").write("www.adn-sandbox.com");
        robot.clickOn("#createClaims");
        waitFor("claimed", () -> vm.rows().size() == 1);
        ClaimRow row = vm.rows().get(0);
        String token = row.record().token();
        // GlobalSign's usable ADNs for the claim; the parent chosen moves the record there
        waitFor("ADNs listed", () -> vm.authorizationDomains().choices().contains("adn-sandbox.com"));
        assertThat(vm.authorizationDomains().choices()).containsExactly("www.adn-sandbox.com", "adn-sandbox.com");
        robot.interact(() -> vm.authorizationDomains().choiceProperty().set("adn-sandbox.com"));
        waitFor("record at the ADN", () -> text(robot, "#txtHost").equals("adn-sandbox.com."));
        assertThat(text(robot, "#adnMessage")).isEqualTo("The record goes on adn-sandbox.com; it proves www.adn-sandbox.com.");
        assertThat(store.domainClaims().authorizationDomain(providerId, row.record().claimId()))
                .contains("adn-sandbox.com");

        // the sheet for the DNS team, parsed by the JDK's XML parser: the record at the ADN and a dig line
        Path html = home.resolve("dns-team.html");
        nextSave.set(html);
        robot.clickOn("#saveHandoff");
        waitFor("sheet saved", () -> text(robot, "#dnsMessage").startsWith("Saved the sheet"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        String sheet = doc.getDocumentElement().getTextContent();
        assertThat(sheet).contains("adn-sandbox.com.").contains(token).contains("www.adn-sandbox.com")
                .containsPattern("dig @\\S+ (-p \\d+ )?adn-sandbox\\.com\\. TXT \\+short");
        String text = Files.readString(home.resolve("dns-team.txt"));
        assertThat(text).contains(token).containsPattern("dig @\\S+ (-p \\d+ )?adn-sandbox\\.com\\. TXT \\+short");

        // published at the ADN (not at the claimed name), seen there, verified through the parent
        robot.clickOn("#publishSandbox");
        waitFor("published at the ADN", () -> sandbox.simulator().sandboxZone().txt("adn-sandbox.com").contains(token));
        assertThat(sandbox.simulator().sandboxZone().txt("www.adn-sandbox.com")).doesNotContain(token);
        robot.clickOn("#checkPropagation");
        waitFor("seen at the ADN", () -> text(robot, "#propagationSummary").contains("1 of 1"));
        robot.clickOn("#verifySelected");
        waitFor("VERIFIED", () -> "VERIFIED".equals(row.statusProperty().get()));
        // the claim log refreshed after the verification: it ends with GlobalSign's success at the ADN
        waitFor("log refreshed", () -> row.logProperty().get().contains("SUCCESS"));
        assertThat(row.logProperty().get().lines().reduce((a, b) -> b).orElse("")).contains("SUCCESS");
        assertThat(row.lastVerifiedProperty().get()).isEqualTo(I18n.date(Instant.now()));
        assertThat(row.dueProperty().get()).isNotEmpty();
        assertThat(row.expiryProperty().get()).isNotEmpty();
        assertThat(text(robot, "#preflightSummary")).startsWith("Nothing blocks issuance");

        // rows update one by one as answers arrive: three more claims, two published, one batch check
        List<String> summaries = Collections.synchronizedList(new ArrayList<>());
        robot.interact(() -> vm.propagationSummaryProperty().addListener((o, a, s) -> summaries.add(s)));
        robot.clickOn("#domainInput").write("a.rows-sandbox.com b.rows-sandbox.com c.rows-sandbox.com");
        robot.clickOn("#createClaims");
        waitFor("claimed 3 more", () -> vm.rows().size() == 4);
        for (ClaimRow r : vm.rows()) {
            if (r.record().domain().startsWith("a.") || r.record().domain().startsWith("b.")) {
                sandbox.publishTxt(r.record().domain(), r.record().token());
            }
        }
        robot.clickOn("#checkAllPropagation");
        waitFor("all answered", () -> text(robot, "#propagationSummary").contains("seen by every server"));
        assertThat(text(robot, "#propagationSummary")).isEqualTo("2 of 3 records are seen by every server");
        assertThat(summaries).containsSubsequence("1 of 3 names answered...", "2 of 3 names answered...",
                "3 of 3 names answered...", "2 of 3 records are seen by every server");
        assertThat(vm.rows().stream().filter(r -> r.record().domain().startsWith("c."))
                .findFirst().orElseThrow().seenProperty().get()).isEqualTo("0 of 1 server sees the record");
        Png.shoot(robot, stage.getScene(), "dns-adn-verified");

        // the store reopened: the ADN is still the claim's; with the clock 20 days before the due date the warning shows
        DomainClaimRecord stored = store.domainClaims().findByClaimId(providerId, row.record().claimId()).orElseThrow();
        Instant due = ClaimLifetime.of(stored, Instant.now()).revalidationDue();
        robot.interact(() -> stage.getScene().setRoot(new Label("reopening")));
        store.close();
        store = Store.open(home.resolve("data"), PASSPHRASE);
        assertThat(store.domainClaims().authorizationDomains(providerId))
                .containsEntry("www.adn-sandbox.com", "adn-sandbox.com");
        Clock near = Clock.fixed(due.minus(Duration.ofDays(20)), ZoneOffset.UTC);
        DnsValidationView later = view(robot, sandboxDns, near, true);
        waitFor("rows loaded", () -> later.viewModel().rows().size() == 4);
        ClaimRow again = later.viewModel().rows().stream()
                .filter(r -> r.record().domain().equals("www.adn-sandbox.com")).findFirst().orElseThrow();
        assertThat(again.authorizationDomainProperty().get()).isEqualTo("adn-sandbox.com");
        assertThat(again.dueProperty().get()).isEqualTo(I18n.date(due) + " (in 20 days)");
        waitFor("warning shown", () -> robot.lookup("#lifetimeWarning").query().isVisible());
        assertThat(text(robot, "#lifetimeWarning")).startsWith("Re-validation of www.adn-sandbox.com is due on "
                + I18n.date(due) + " (in 20 days)");

        // the fit / names / contrast checks with the new parts visible, at both sizes; then German and dark
        robot.interact(() -> later.viewModel().selectedProperty().set(again));
        robot.clickOn("#runPreflight");
        waitFor("preflight shown", () -> !later.viewModel().preflight().lines().isEmpty());
        look(robot, "dns-issue9-en-light", false);
        try {
            I18n.setLocale(Locale.GERMAN);
            robot.interact(() -> Theme.apply(true));
            DnsValidationView de = view(robot, sandboxDns, near, true);
            waitFor("rows loaded (de)", () -> de.viewModel().rows().size() == 4);
            robot.interact(() -> de.viewModel().selectedProperty().set(de.viewModel().rows().get(0)));
            robot.clickOn("#runPreflight");
            waitFor("preflight shown (de)", () -> !de.viewModel().preflight().lines().isEmpty());
            waitFor("warning shown (de)", () -> robot.lookup("#lifetimeWarning").query().isVisible());
            assertThat(text(robot, "#lifetimeWarning")).startsWith("Die erneute Validierung von");
            look(robot, "dns-issue9-de-dark", true);
        } finally {
            I18n.setLocale(Locale.ENGLISH);
            robot.interact(() -> Theme.apply(false));
        }
    }

    /** Cut texts, unnamed controls and low contrast at 1024×700 and 1366×768 (German: 1024×700 and English texts). */
    private void look(FxRobot robot, String name, boolean german) throws Exception {
        double[][] sizes = german ? new double[][] {{1024, 700}} : new double[][] {{1024, 700}, {1366, 768}};
        for (double[] s : sizes) {
            // 1366 is wider than Monocle's 1280x800 screen: that size is laid out in a scene of its own
            Parent root = stage.getScene().getRoot();
            Scene[] scene = {stage.getScene()};
            robot.interact(() -> {
                if (s[0] > 1280) {
                    stage.getScene().setRoot(new Label("elsewhere"));
                    scene[0] = new Scene(root, s[0], s[1]);
                    Theme.style(scene[0]);
                } else {
                    stage.setWidth(s[0]);
                    stage.setHeight(s[1]);
                }
            });
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(300);
            robot.interact(() -> {
                root.applyCss();
                root.layout();
            });
            WaitForAsyncUtils.waitForFxEvents();
            List<String> problems = new ArrayList<>();
            robot.interact(() -> {
                problems.addAll(TextFit.cutTexts(root));
                problems.addAll(UiChecks.unnamedControls(root));
                problems.addAll(UiChecks.lowContrast(root));
                if (german) {
                    try {
                        problems.addAll(UiChecks.englishTexts(root));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            Png.shoot(robot, scene[0], name + "-" + (int) s[0] + "x" + (int) s[1]);
            robot.interact(() -> {
                if (scene[0] != stage.getScene()) {
                    scene[0].setRoot(new Label("done"));
                    stage.getScene().setRoot(root);
                }
                stage.setWidth(1100);
                stage.setHeight(760);
            });
            assertThat(problems).as(name + " at " + (int) s[0] + "x" + (int) s[1]).isEmpty();
        }
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
        if (n instanceof TextInputControl t) {
            return t.getText();
        }
        return ((Labeled) n).getText();
    }
}
