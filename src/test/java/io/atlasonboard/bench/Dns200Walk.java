package io.atlasonboard.bench;

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
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.dns.ClaimRow;
import io.atlasonboard.ui.dns.ClaimServiceOps;
import io.atlasonboard.ui.dns.DnsValidationView;
import io.atlasonboard.ui.dns.DnsValidationViewModel;
import io.atlasonboard.ui.providers.ProviderConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * FxStallWalk's 200-domain part: the DNS pane (as the wizard's step 7 shows it) over the application's sandbox (mutual
 * TLS, its DNS zone as the authoritative servers), 200 names typed and claimed in one go, 100 of them published, then
 * "Check all records" (rows updated as each name's answers arrive, PropagationListener) until the summary says how
 * many are seen. The phases {@code dns200-open} (the pane's window shown), {@code dns200-claims} and
 * {@code dns200-check} are reported by the heartbeat.
 */
final class Dns200Walk {
    private static final int N = 200;

    private Dns200Walk() {
    }

    static void run(Consumer<String> phase) throws Exception {
        Path home = Files.createTempDirectory("atlas-dns200");
        char[] pass = "qv7#Lm2!zR9wXp4@Tk8s".toCharArray();
        char[] ksPass = "keystore-pass-1".toCharArray();
        // the application's own task pool (a worker per core, AtlasOnboardApp): with 4 workers on 2 cores the burst of
        // 200 claims kept the FX thread waiting for a core longer than the application does
        try (Sandbox sandbox = Sandbox.start(); TaskService tasks = TaskService.createDefault();
                Store store = Store.create(home.resolve("data"), pass)) {
            Sandbox.Credentials creds = sandbox.createCredentials();
            KeyPair kp = Csrs.generateKey(2048);
            String certPem = sandbox.issueMtlsCertificate(creds.apiKey(), Csrs.toPem(Csrs.create(kp,
                    new CsrRequest("client.atlas-onboard.test", "DE", "Atlas Onboard Bench", List.of()))));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(certPem.getBytes()));
            byte[] ks = Pkcs12.write(kp.getPrivate(), List.of(cert), ksPass, "mtls", Pkcs12Profile.MODERN);
            ProviderRecord r = ProviderRecord.builder().name("DNS bench").apiUrl(sandbox.baseUrl())
                    .intendedUse(IntendedUse.TLS).apiKey(creds.apiKey()).keystore(ks).keystoreFileName("mtls.p12")
                    .extraTrustPem(sandbox.serverCaPem()).sandbox(true).build();
            long providerId;
            try (ProviderSecrets s = ProviderSecrets.of(creds.apiSecret().toCharArray(), ksPass, null)) {
                providerId = store.providers().save(r, s).id();
            }
            PropagationChecker checker = sandbox.propagationChecker();
            AtomicReference<DnsValidationViewModel> vmRef = new AtomicReference<>();
            // opening the pane (a new window, styled and laid out in Stage.show, its parts added a frame each
            // after) is a screen being built, not the claims: its own phase
            phase.accept("dns200-open");
            fx(() -> {
                ClaimServiceOps ops = new ClaimServiceOps(new ProviderConnector(store, Clock.systemUTC()),
                        Clock.systemUTC(), checker);
                DnsValidationViewModel vm = new DnsValidationViewModel(providerId, ops, checker, sandbox::publishTxt,
                        UiJobs.of(tasks, Platform::runLater), Clock.systemUTC());
                vm.load();
                vmRef.set(vm);
                javafx.scene.layout.StackPane app = new javafx.scene.layout.StackPane(new DnsValidationView(vm));
                app.getStyleClass().add("app-root");
                Stage st = new Stage();
                st.setScene(new Scene(app, 1100, 760));
                Theme.style(st.getScene());
                st.show();
                return null;
            });
            Thread.sleep(500);
            phase.accept("dns200-claims");
            DnsValidationViewModel vm = vmRef.get();
            String names = IntStream.range(0, N).mapToObj(i -> String.format("d%03d.rows-sandbox.com", i))
                    .collect(Collectors.joining(" "));
            fx(() -> {
                vm.domainInputProperty().set(names);
                button("#createClaims").fire();
                return null;
            });
            waitFor(600, () -> fx(() -> vm.rows().size() == N && !vm.busyProperty().get()));
            for (ClaimRow row : fx(() -> List.copyOf(vm.rows())).subList(0, N / 2)) {
                sandbox.publishTxt(row.record().domain(), row.record().token());
            }
            phase.accept("dns200-check");
            fx(() -> {
                button("#checkAllPropagation").fire();
                return null;
            });
            waitFor(600, () -> fx(() -> text("#propagationSummary").contains("seen by every server")));
            System.err.println("dns200 " + fx(() -> text("#propagationSummary")));
            phase.accept("dns200-done");
        } finally {
            FxToolkit.cleanupStages();
            io.atlasonboard.testing.TempDirs.deleteQuietly(home);
        }
    }

    private static Button button(String id) {
        return (Button) lookup(id);
    }

    private static String text(String id) {
        javafx.scene.Node n = lookup(id);
        return n instanceof Labeled l ? String.valueOf(l.getText()) : "";
    }

    private static javafx.scene.Node lookup(String id) {
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w.getScene() != null && w.getScene().lookup(id) != null) {
                return w.getScene().lookup(id);
            }
        }
        throw new IllegalStateException("no " + id);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(int seconds, Callable<Boolean> c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.call()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(100);
        }
    }
}
