package io.atlasonboard.core.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.tasks.Cancellation;
import io.atlasonboard.core.tasks.TaskHandle;
import io.atlasonboard.core.tasks.TaskService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The UI's Cancel as it reaches the worker: {@link TaskHandle#cancel} on a job whose API call hangs on a hostile
 * loopback peer (real TLS, a body that trickles for minutes) ends the call with {@link AtlasCancelledException} at
 * once; a job busy with other work is not interrupted (store work must not be) but refused at its next wait.
 */
@Timeout(120)
class TaskCancellationTest {
    private final TaskService tasks = new TaskService(2);

    @AfterEach
    void close() {
        tasks.close();
        Cancellation.reset();
    }

    @Test
    void cancelInterruptsTheWaitingApiCall() throws Exception {
        AtlasFixture fx = AtlasFixture.get();
        try (HostilePeer peer = new HostilePeer(HostilePeer.Mode.SLOW_BODY, fx);
             AtlasClient client = new AtlasClient(AtlasConnectionConfig.builder(peer.url())
                     .trust(List.of(fx.serverCa.cert())).pkcs12(fx.p12A, AtlasFixture.P12_PASSWORD.clone())
                     .requestTimeout(Duration.ofSeconds(100)).build(),
                     AtlasFixture.KEY_A, AtlasFixture.SECRET_A.toCharArray())) {
            AtomicBoolean interruptedAfter = new AtomicBoolean();
            TaskHandle<Void> h = tasks.submit("login", sink -> {
                try {
                    client.login();
                } finally {
                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                }
                return null;
            });
            Thread.sleep(1500); // the login is now reading the trickling body
            assertThat(Cancellation.waiting()).as("the worker waits inside a cancellable wait").isEqualTo(1);
            long t0 = System.nanoTime();
            h.cancel();
            Throwable why = h.ended().get(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(why).isInstanceOf(AtlasCancelledException.class).hasMessageContaining("POST /login: cancelled");
            assertThat(ms).as("ended %d ms after Cancel", ms).isLessThan(3000);
            assertThat(interruptedAfter).as("the cancel is carried by the exception, not a left-over interrupt "
                    + "flag (store work after it must not be broken)").isFalse();
            assertThat(h.result()).isCancelled();
        }
    }

    @Test
    void cancelEndsTheConnectionTestsOwnHandshake() throws Exception {
        AtlasFixture fx = AtlasFixture.get();
        try (HostilePeer peer = new HostilePeer(HostilePeer.Mode.ACCEPT_AND_SILENCE, fx)) {
            AtlasConnectionConfig cfg = AtlasConnectionConfig.builder(peer.url()).trust(List.of(fx.serverCa.cert()))
                    .pkcs12(fx.p12A, AtlasFixture.P12_PASSWORD.clone()).connectTimeout(Duration.ofSeconds(60))
                    .requestTimeout(Duration.ofSeconds(60)).build();
            TaskHandle<io.atlasonboard.core.providers.ConnectionReport> h = tasks.submit("test", sink ->
                    io.atlasonboard.core.providers.ConnectionTester.test(cfg, AtlasFixture.KEY_A,
                            AtlasFixture.SECRET_A.toCharArray(), sink,
                            io.atlasonboard.core.providers.ConnectionListener.NONE));
            Thread.sleep(1500); // the TLS step now waits for a ServerHello that never comes (a plain socket read)
            long t0 = System.nanoTime();
            h.cancel();
            Throwable why = h.ended().get(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(why).isInstanceOf(java.util.concurrent.CancellationException.class);
            assertThat(ms).as("ended %d ms after Cancel (the read timeout is 60 s)", ms).isLessThan(3000);
            assertThat(h.result()).isCancelled();
        }
    }

    @Test
    void busyWorkIsNotInterruptedButTheNextWaitIsRefused() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean interruptedWhileBusy = new AtomicBoolean();
        TaskHandle<Void> h = tasks.submit("busy", sink -> {
            busy.countDown();
            long until = System.nanoTime() + 5_000_000_000L;
            while (go.getCount() > 0 && System.nanoTime() < until) {
                Thread.onSpinWait(); // stands for store or crypto work
            }
            interruptedWhileBusy.set(Thread.currentThread().isInterrupted());
            Sleeper.REAL.sleep(Duration.ofSeconds(60)); // the next wait: refused at once
            return null;
        });
        busy.await();
        h.cancel();
        go.countDown();
        Throwable why = h.ended().get(10, TimeUnit.SECONDS);
        assertThat(interruptedWhileBusy).isFalse();
        assertThat(why).isInstanceOf(InterruptedException.class);
        // the pool thread is usable again: a new job waits normally
        TaskHandle<String> next = tasks.submit("next", sink -> {
            Sleeper.REAL.sleep(Duration.ofMillis(50));
            return "ok";
        });
        assertThat(next.result().get(10, TimeUnit.SECONDS)).isEqualTo("ok");
    }
}
