package io.atlasonboard.ui.handoff;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.pki.CsrRequest;
import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.sim.Sandbox;
import io.atlasonboard.ui.common.Confirmer;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.providers.ProvidersView;
import io.atlasonboard.ui.sandbox.SandboxSession;
import io.atlasonboard.ui.shell.ProviderPanes;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the hand-off UI tests share: a real store, the real simulator (the application's sandbox) over mutual TLS,
 * the real task service, the shell's ProviderPanes, and file dialogs answered from queues.
 */
final class HandoffRig implements AutoCloseable {
    static final char[] PASSPHRASE = "qv7#Lm2!zR9wXp4@Tk8s".toCharArray();
    static final char[] KS_PASSWORD = "keystore-pass-1".toCharArray();

    final Store store;
    final Sandbox sandbox;
    final TaskService tasks = new TaskService(4);
    final Deque<Path> opens = new ArrayDeque<>();
    final Deque<Path> saves = new ArrayDeque<>();
    final Deque<Path> folders = new ArrayDeque<>();
    SandboxSession session;

    HandoffRig(Path home) {
        store = Store.create(home.resolve("data"), PASSPHRASE);
        sandbox = Sandbox.start();
    }

    final FileOpener files = new FileOpener() {
        @Override
        public Optional<Path> open(String title, List<String> patterns) {
            return Optional.ofNullable(opens.poll());
        }

        @Override
        public Optional<Path> save(String title, String suggestedName, List<String> patterns) {
            return Optional.ofNullable(saves.poll());
        }

        @Override
        public Optional<Path> folder(String title) {
            return Optional.ofNullable(folders.poll());
        }
    };

    /** The panes as the shell builds them (call on the FX thread). */
    ProviderPanes panes() {
        if (session == null) {
            session = new SandboxSession(UiJobs.of(tasks, Platform::runLater));
            session.adopt(sandbox);
        }
        return new ProviderPanes(store, UiJobs.of(tasks, Platform::runLater), files, Confirmer.alerts(),
                Clock.systemUTC(), PropagationChecker.withDefaults(), session, null);
    }

    /** A sandbox provider whose mTLS certificate (bound to a new credential set) is valid for {@code days}. */
    long provider(String name, int days, boolean rightSecret) throws Exception {
        Sandbox.Credentials c = sandbox.createCredentials();
        KeyPair kp = Csrs.generateKey(2048);
        PKCS10CertificationRequest csr = Csrs.create(kp,
                new CsrRequest("client.atlas-onboard.test", "DE", "Atlas Onboard Test", List.of()));
        String pem = sandbox.simulator().issueMtlsCertificate(c.apiKey(), Csrs.toPem(csr), Duration.ofDays(days));
        byte[] ks = Pkcs12.write(kp.getPrivate(), List.of(certificate(pem)), KS_PASSWORD.clone(), "mtls",
                Pkcs12Profile.MODERN);
        ProviderRecord r = ProviderRecord.builder().name(name).apiUrl(sandbox.baseUrl()).intendedUse(IntendedUse.TLS)
                .apiKey(c.apiKey()).keystore(ks).keystoreFileName("mtls.p12")
                .extraTrustPem(sandbox.serverCaPem()).sandbox(true).build();
        char[] secret = rightSecret ? c.apiSecret().toCharArray() : ("wrong-" + c.apiSecret()).toCharArray();
        try (ProviderSecrets s = ProviderSecrets.of(secret, KS_PASSWORD.clone(), null)) {
            return store.providers().save(r, s).id();
        }
    }

    static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A certificate from the sandbox for the provider's API key, but for a key of its own (not the renewal's). */
    String foreignCertificate(String apiKey) throws Exception {
        KeyPair other = Csrs.generateKey(2048);
        PKCS10CertificationRequest csr = Csrs.create(other,
                new CsrRequest("client.atlas-onboard.test", "DE", "Atlas Onboard Test", List.of()));
        return sandbox.issueMtlsCertificate(apiKey, Csrs.toPem(csr));
    }

    static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return WaitForAsyncUtils.asyncFx(condition).get(10, TimeUnit.SECONDS);
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
    }

    static String text(FxRobot robot, String query) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Node n = robot.lookup(query).query();
            if (n instanceof TextInputControl t) {
                return t.getText();
            }
            return ((Labeled) n).getText();
        }).get(10, TimeUnit.SECONDS);
    }

    /** Scrolls the node's ScrollPane so it is in view (a user would scroll too), then clicks it. */
    static void click(FxRobot robot, String query) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            Node n = robot.lookup(query).query();
            javafx.scene.Parent p = n.getParent();
            while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
                p = p.getParent();
            }
            if (p instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
                sp.layout();
                Node content = sp.getContent();
                javafx.geometry.Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
                double contentH = content.getBoundsInLocal().getHeight();
                double viewH = sp.getViewportBounds().getHeight();
                if (contentH > viewH) {
                    double target = Math.max(0, Math.min(contentH - viewH, b.getMinY() - 60));
                    sp.setVvalue(target / (contentH - viewH));
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(query);
    }

    static boolean exists(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().isPresent();
    }

    /** The showing window whose root has this id (the hand-off windows and the confirmation). */
    static Stage window(String rootQuery) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.isShowing() && s.getScene() != null
                        && s.getScene().lookup(rootQuery) != null)
                .map(w -> (Stage) w).findFirst().orElseThrow(() -> new AssertionError("no window with " + rootQuery)))
                .get(10, TimeUnit.SECONDS);
    }

    /** Selects the provider with this id in the providers table. */
    static void select(FxRobot robot, ProvidersView view, long id) throws Exception {
        waitFor("provider " + id + " listed", () -> view.viewModel().providers().stream()
                .anyMatch(r -> r.id() == id));
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            TableView<ProviderRecord> t = (TableView<ProviderRecord>) view.lookup("#providersTable");
            t.getItems().stream().filter(r -> r.id() == id).findFirst().ifPresent(r -> t.getSelectionModel()
                    .select(r));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void close() {
        if (session != null) {
            session.release();
        }
        tasks.close();
        store.close();
        sandbox.close();
    }
}
