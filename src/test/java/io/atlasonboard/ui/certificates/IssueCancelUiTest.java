package io.atlasonboard.ui.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.core.store.CertificateStatus;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.SimProviderFixture;
import io.atlasonboard.ui.common.Confirmer;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.providers.ProviderConnector;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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

/**
 * Cancel on a certificate request that waits for GlobalSign: the simulator holds the certificate PENDING for ten
 * minutes, so the pane polls; Cancel ends the wait at once with what happened to the request said, the pane is usable
 * again, and the accepted request is kept as a PENDING record with its key (nothing lost, nothing half-saved).
 */
@ExtendWith(ApplicationExtension.class)
class IssueCancelUiTest {
    @TempDir
    static Path dir;
    static SimProviderFixture fx;
    static TaskService tasks;
    private Stage stage;

    @BeforeAll
    static void setUp() throws Exception {
        fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(), IntendedUse.TLS,
                "cancel-ui", dir);
        tasks = new TaskService(2);
        try (AtlasClient c = fx.client(2, null)) {
            fx.verifyDomain(c, "cancel-ui.test");
        }
        fx.sim.faults().issuanceDelay(Duration.ofMinutes(10));
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
        stage.setScene(new Scene(new Label("loading"), 1024, 700)); // not user-visible
        Theme.style(stage.getScene());
        stage.show();
    }

    @Test
    void cancelStopsThePickupAndKeepsThePendingRequest(FxRobot robot) throws Exception {
        AtomicReference<CertificatesView> v = new AtomicReference<>();
        robot.interact(() -> {
            CertificatesViewModel vm = new CertificatesViewModel(fx.provider.id(),
                    new ProviderConnector(fx.store(), Clock.systemUTC()), UiJobs.of(tasks, Platform::runLater),
                    (title, patterns) -> Optional.empty(), Clock.systemUTC());
            vm.load();
            v.set(new CertificatesView(vm, Confirmer.alerts()));
            stage.getScene().setRoot(v.get());
        });
        CertificatesViewModel vm = v.get().viewModel();
        waitFor("policy loaded", () -> vm.policyProperty().get() != null);
        robot.interact(() -> v.get().setVvalue(1));
        robot.clickOn("#certCommonName").write("www.cancel-ui.test");
        robot.clickOn("#certNames").write("www.cancel-ui.test");
        robot.interact(() -> v.get().setVvalue(1));
        robot.clickOn("#issueCertificate");
        waitFor("waiting for the pickup", () -> vm.issuingProperty().get()
                && robot.lookup("#cancelIssue").query().isVisible());
        Thread.sleep(2000); // inside the pickup polling now (the certificate stays PENDING for 10 minutes)
        long t0 = System.nanoTime();
        robot.clickOn("#cancelIssue");
        waitFor("cancelled", () -> !vm.issuingProperty().get());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).as("ended %d ms after Cancel", ms).isLessThan(3000);
        assertThat(vm.progressMessageProperty().get()).startsWith("Cancelled: the request was stopped.");
        assertThat(vm.formErrorProperty().get()).isNullOrEmpty();
        assertThat(robot.lookup("#issueCertificate").query().isDisabled()).as("usable again").isFalse();
        assertThat(robot.lookup("#cancelIssue").query().isVisible()).isFalse();
        List<CertificateRecord> stored = fx.store().certificates().list(fx.provider.id());
        assertThat(stored).extracting(CertificateRecord::status).containsExactly(CertificateStatus.PENDING);
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
}
