package io.atlasonboard.ui.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.ui.Png;
import io.atlasonboard.ui.TextFit;
import io.atlasonboard.ui.UiChecks;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.providers.ProviderConnector;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Cancel in the DNS pane against peers that never answer: the verification of a claim whose API server accepts TCP
 * and stays silent, and the propagation check whose name server never answers a query. Each Cancel shows "Cancelled"
 * within a second, the buttons are usable at once, the stored claim is unchanged. Fit, names, contrast and German.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class DnsCancelUiTest {
    static final Path SCREENS = Path.of("target", "screens");
    @TempDir
    static Path home;
    static Store store;
    static TaskService tasks;
    static ServerSocket silentApi;
    static DatagramSocket silentDns;
    static final List<Socket> held = new CopyOnWriteArrayList<>();
    static long providerId;

    private Stage stage;

    @BeforeAll
    static void setUp() throws Exception {
        store = Store.create(home.resolve("data"), "qv7#Lm2!zR9wXp4@Tk8s".toCharArray());
        tasks = new TaskService(2);
        silentApi = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silentApi.isClosed()) {
                try {
                    held.add(silentApi.accept());
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "silent-api");
        acceptor.setDaemon(true);
        acceptor.start();
        silentDns = new DatagramSocket(0, InetAddress.getLoopbackAddress()); // bound, never read: no answer
        ProviderRecord r = ProviderRecord.builder().name("Silent API").apiUrl("https://127.0.0.1:"
                + silentApi.getLocalPort() + "/v2").intendedUse(IntendedUse.TLS).apiKey("key-1").sandbox(true).build();
        try (ProviderSecrets s = ProviderSecrets.of("secret-1".toCharArray(), null, null)) {
            providerId = store.providers().save(r, s).id();
        }
        store.domainClaims().upsert(DomainClaimRecord.of(providerId, "0123456789abcdef0123456789abcdef", "quiet.test", "PENDING",
                "token-quiet-1", Instant.now().plus(Duration.ofDays(20)), Instant.now().plus(Duration.ofDays(30))));
    }

    @AfterAll
    static void tearDown() throws Exception {
        silentApi.close();
        for (Socket s : held) {
            s.close();
        }
        silentDns.close();
        tasks.close();
        store.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.applyUserAgent();
        stage.setScene(new Scene(new StackPane(), 1024, 700));
        stage.setWidth(1024); // a size left by another test may not fit the headless frame buffer
        stage.setHeight(700);
        Theme.style(stage.getScene());
        stage.show();
    }

    @AfterEach
    void back() {
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        I18n.setLocale(Locale.ENGLISH);
        WaitForAsyncUtils.asyncFx(() -> Theme.apply(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private DnsValidationView open(FxRobot robot, int w, int h) throws Exception {
        PropagationChecker silent = PropagationChecker.builder()
                .bootstrap(new ResolverSpec("127.0.0.1", silentDns.getLocalPort()))
                .authoritativePort(silentDns.getLocalPort()).timeout(Duration.ofSeconds(20)).retries(2).build();
        DnsValidationView[] v = new DnsValidationView[1];
        robot.interact(() -> {
            ClaimServiceOps ops = new ClaimServiceOps(new ProviderConnector(store, Clock.systemUTC()),
                    Clock.systemUTC(), silent);
            DnsValidationViewModel vm = new DnsValidationViewModel(providerId, ops, silent, null,
                    UiJobs.of(tasks, Platform::runLater), Clock.systemUTC(), Duration.ofMillis(200), 50);
            vm.load();
            v[0] = new DnsValidationView(vm);
            StackPane app = new StackPane(v[0]);
            app.getStyleClass().add("app-root");
            stage.setWidth(w);
            stage.setHeight(h);
            stage.getScene().setRoot(app);
        });
        waitFor("the claim row", () -> !v[0].viewModel().rows().isEmpty());
        robot.interact(() -> v[0].viewModel().selectedProperty().set(v[0].viewModel().rows().get(0)));
        return v[0];
    }

    private static String text(String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> new FxRobot().lookup(id).queryAs(Label.class).getText()).get();
    }

    private static void waitFor(String what, Callable<Boolean> c) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(c).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " not seen; message: " + WaitForAsyncUtils.asyncFx(() -> new FxRobot()
                    .lookup("#dnsMessage").queryAs(Label.class).getText()).get() + " / rows: " + WaitForAsyncUtils
                    .asyncFx(() -> new FxRobot().lookup("#dnsValidationView").queryAs(DnsValidationView.class)
                            .viewModel().rows().stream().map(r -> r.progressProperty().get()).toList()).get(), e);
        }
    }

    private static void fire(FxRobot robot, String id) {
        robot.interact(() -> robot.lookup(id).queryAs(Button.class).fire());
    }

    private static List<String> problems(DnsValidationView v, boolean german) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>(TextFit.cutTexts(v));
            out.addAll(UiChecks.unnamedControls(v));
            out.addAll(UiChecks.lowContrast(v));
            if (german) {
                out.addAll(UiChecks.englishTexts(v, java.util.Set.of("preflightFindings")));
            }
            return out;
        }).get();
    }

    @Test
    void verifyWaitingOnASilentApiServerIsCancelledAtOnce(FxRobot robot) throws Exception {
        for (int[] size : new int[][] {{1024, 700}}) { // 1366x768 overflows Monocle's headless frame buffer here
            DnsValidationView v = open(robot, size[0], size[1]);
            robot.interact(() -> v.viewModel().verify(v.viewModel().rows().get(0)));
            waitFor("waiting for GlobalSign (row: " + v.viewModel().rows().get(0).progressProperty().get() + ")",
                    () -> text("#verifyWaitingFor").equals("Waiting for GlobalSign to verify quiet.test"));
            Thread.sleep(500); // the request now waits on the silent peer
            assertThat(problems(v, false)).isEmpty();
            Png.shoot(robot, stage.getScene(), SCREENS, "dns-cancel-verify-waiting-" + size[0]);

            long t0 = System.nanoTime();
            fire(robot, "#cancelVerification");
            waitFor("cancelled", () -> text("#dnsMessage").startsWith("Cancelled"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("Cancelled shown %d ms after Cancel", ms).isLessThan(1000);
            assertThat(text("#dnsMessage")).isEqualTo("Cancelled: the verification of quiet.test was stopped. "
                    + "Outcomes that had arrived are saved; ask again to verify the rest.");
            assertThat(WaitForAsyncUtils.asyncFx(() -> v.viewModel().rows().get(0).progressProperty().get()).get())
                    .isEqualTo("Cancelled");
            assertThat(WaitForAsyncUtils.asyncFx(() -> robot.lookup("#verifyWaitingFor").queryAs(Label.class)
                    .getParent().isVisible()).get()).isFalse();
            Png.shoot(robot, stage.getScene(), SCREENS, "dns-cancel-verify-cancelled-" + size[0]);
            assertThat(store.domainClaims().findByClaimId(providerId, "0123456789abcdef0123456789abcdef").orElseThrow().status())
                    .isEqualTo("PENDING");
            // the worker really left its wait (the API call was interrupted): nothing waits any more
            waitFor("the worker left", () -> io.atlasonboard.core.tasks.Cancellation.waiting() == 0);
        }
    }

    @Test
    void propagationCheckOfASilentNameServerIsCancelledAtOnceInGerman(FxRobot robot) throws Exception {
        I18n.setLocale(Locale.GERMAN);
        robot.interact(() -> Theme.apply(true));
        DnsValidationView v = open(robot, 1024, 700);
        robot.interact(() -> v.viewModel().checkPropagation());
        waitFor("asking", () -> WaitForAsyncUtils.asyncFx(() -> v.viewModel().checkingProperty().get()).get());
        assertThat(WaitForAsyncUtils.asyncFx(() -> robot.lookup("#cancelPropagation").queryAs(Button.class)
                .getText()).get()).isEqualTo("Abbrechen");
        assertThat(problems(v, true)).isEmpty();
        Png.shoot(robot, stage.getScene(), SCREENS, "dns-cancel-propagation-de-dark");
        long t0 = System.nanoTime();
        fire(robot, "#cancelPropagation");
        waitFor("abgebrochen", () -> text("#propagationSummary").startsWith("Abgebrochen"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isLessThan(1000);
        assertThat(text("#propagationSummary")).contains("quiet.test");
        assertThat(WaitForAsyncUtils.asyncFx(() -> robot.lookup("#checkPropagation").queryAs(Button.class)
                .isDisabled()).get()).as("usable at once").isFalse();

        // leaving the pane cancels a running verification
        robot.interact(() -> v.viewModel().verify(v.viewModel().rows().get(0)));
        waitFor("verifying", () -> !text("#verifyWaitingFor").isEmpty());
        robot.interact(() -> stage.getScene().setRoot(new StackPane()));
        waitFor("cancelled by leaving", () -> WaitForAsyncUtils.asyncFx(
                () -> v.viewModel().verifyingProperty().get().isEmpty()
                        && v.viewModel().messageProperty().get().startsWith("Abgebrochen")).get());
    }
}
