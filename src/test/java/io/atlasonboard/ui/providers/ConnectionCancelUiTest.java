package io.atlasonboard.ui.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.store.ConnectionStatus;
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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
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
 * Cancel of the connection test against a peer that accepts TCP and never says a word (the TLS step waits on it):
 * the pane says "Cancelled" within a second and is usable at once, the stored status stays as it was even after the
 * worker's socket gives up, and leaving the pane cancels too. The Cancel row is checked for fit, names and contrast.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class ConnectionCancelUiTest {
    @TempDir
    static Path home;
    static Store store;
    static TaskService tasks;
    static ServerSocket silent;
    static final List<Socket> held = new CopyOnWriteArrayList<>();
    static long providerId;
    static String url;
    static final Path SCREENS = Path.of("target", "screens");

    private Stage stage;

    @BeforeAll
    static void setUp() throws Exception {
        store = Store.create(home.resolve("data"), "qv7#Lm2!zR9wXp4@Tk8s".toCharArray());
        tasks = new TaskService(1); // one worker: a job queued after the test runs once the test's worker has left
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept()); // accepted, then silence
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "silent-peer");
        acceptor.setDaemon(true);
        acceptor.start();
        url = "https://127.0.0.1:" + silent.getLocalPort() + "/v2";
        ProviderRecord r = ProviderRecord.builder().name("Silent peer").apiUrl(url).intendedUse(IntendedUse.TLS)
                .apiKey("key-of-the-silent-peer").sandbox(true).build();
        try (ProviderSecrets s = ProviderSecrets.of("secret-1".toCharArray(), null, null)) {
            providerId = store.providers().save(r, s).id();
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        silent.close();
        dropConnections();
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

    private static void dropConnections() throws Exception {
        for (Socket s : held) {
            s.close();
        }
        held.clear();
    }

    private ConnectionStatusView open(FxRobot robot, int w, int h) {
        ConnectionStatusView[] v = new ConnectionStatusView[1];
        robot.interact(() -> {
            v[0] = new ConnectionStatusView(new ConnectionStatusViewModel(
                    new ProviderConnector(store, Clock.systemUTC()), UiJobs.of(tasks, Platform::runLater)));
            stage.setWidth(w);
            stage.setHeight(h);
            stage.getScene().setRoot(v[0]);
            v[0].viewModel().show(store.providers().get(providerId));
            v[0].viewModel().test(providerId);
        });
        return v[0];
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static FxRobot robot() {
        return new FxRobot();
    }

    private static void waitFor(String what, Callable<Boolean> c) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(c).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " not seen; the pane shows: " + WaitForAsyncUtils.asyncFx(
                    () -> robot().lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList()).get(),
                    e);
        }
    }

    /** The worker really left (its socket gave up once the peer dropped it): a job queued behind it has run. */
    private static void workerLeft() throws Exception {
        dropConnections();
        tasks.submit("after", p -> null).result().get(60, TimeUnit.SECONDS);
    }

    private List<String> problems(ConnectionStatusView v, boolean german) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>(TextFit.cutTexts(v));
            out.addAll(UiChecks.unnamedControls(v));
            out.addAll(UiChecks.lowContrast(v));
            if (german) {
                out.addAll(UiChecks.englishTexts(v));
            }
            return out;
        }).get();
    }

    @Test
    void cancelOfATestWaitingOnASilentPeerEndsAtOnceAndKeepsTheStoredStatus(FxRobot robot) throws Exception {
        assertThat(store.providers().get(providerId).status().state()).isEqualTo(ConnectionStatus.State.UNKNOWN);
        for (int[] size : new int[][] {{1024, 700}, {1366, 768}}) {
            ConnectionStatusView v = open(robot, size[0], size[1]);
            waitFor("waiting on the TLS step", () -> text(robot, "#connectionWaitingFor").contains("step 2 of 5"));
            assertThat(text(robot, "#connectionWaitingFor")).isEqualTo("Testing the connection to " + url
                    + ": step 2 of 5");
            assertThat(robot.lookup("#cancelConnectionTest").queryAs(Button.class).isVisible()).isTrue();
            assertThat(problems(v, false)).isEmpty();
            Png.shoot(robot, stage.getScene(), SCREENS, "connection-cancel-waiting-" + size[0]);

            long t0 = System.nanoTime();
            robot.interact(() -> robot.lookup("#cancelConnectionTest").queryAs(Button.class).fire());
            waitFor("cancelled", () -> text(robot, "#connectionHeadline").startsWith("Cancelled"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("Cancelled shown %d ms after the click", ms).isLessThan(1000);
            assertThat(text(robot, "#connectionHeadline")).isEqualTo("Cancelled: the connection test of " + url
                    + " was stopped at step 2 of 5. The stored status is unchanged.");
            assertThat(WaitForAsyncUtils.asyncFx(() -> v.viewModel().runningProperty().get()).get()).isFalse();
            assertThat(robot.lookup("#retestConnection").queryAs(Button.class).isDisabled()).as("usable at once")
                    .isFalse();
            assertThat(robot.lookup("#cancelConnectionTest").queryAs(Button.class).getParent().isVisible()).isFalse();
            assertThat(problems(v, false)).isEmpty();
            Png.shoot(robot, stage.getScene(), SCREENS, "connection-cancel-cancelled-" + size[0]);

            workerLeft();
            WaitForAsyncUtils.waitForFxEvents();
            ConnectionStatus st = store.providers().get(providerId).status();
            assertThat(st.state()).as("nothing recorded for the cancelled test").isEqualTo(ConnectionStatus.State.UNKNOWN);
            assertThat(st.checkedAt()).isNull();
            assertThat(text(robot, "#connectionHeadline")).as("the late end of the worker changes nothing")
                    .startsWith("Cancelled");
        }
    }

    @Test
    void leavingThePaneCancelsAndGermanSaysAbbrechen(FxRobot robot) throws Exception {
        I18n.setLocale(Locale.GERMAN);
        robot.interact(() -> Theme.apply(true));
        ConnectionStatusView v = open(robot, 1024, 700);
        waitFor("Schritt 2 von 5", () -> text(robot, "#connectionWaitingFor")
                .equals("Verbindungstest mit " + url + " läuft: Schritt 2 von 5"));
        assertThat(robot.lookup("#cancelConnectionTest").queryAs(Button.class).getText()).isEqualTo("Abbrechen");
        assertThat(problems(v, true)).isEmpty();
        Png.shoot(robot, stage.getScene(), SCREENS, "connection-cancel-waiting-de-dark");

        robot.interact(() -> stage.getScene().setRoot(new StackPane())); // the wizard moves on / the detail changes
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> v.viewModel().runningProperty().get()).get()).isFalse();
        assertThat(WaitForAsyncUtils.asyncFx(() -> v.viewModel().headlineProperty().get()).get())
                .startsWith("Abgebrochen: Der Verbindungstest von " + url);
        workerLeft();
        assertThat(store.providers().get(providerId).status().state()).isEqualTo(ConnectionStatus.State.UNKNOWN);
    }
}
