package io.atlasonboard.core.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.atlasonboard.reliability.Figures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every hostile peer ends the call with its own diagnosis, within the client's bound (a 3 s request deadline for the
 * peers that only a deadline can end, 30 s for the others, and the default 30 s retry-wait cap, real sleeps). The time of each case is printed as a figure, not asserted.
 */
@Timeout(300)
class HostilePeerReliabilityTest {
    private static final Duration DEADLINE = Duration.ofSeconds(3);

    @Test
    void everyHostilePeerIsBoundedAndDiagnosed() throws Exception {
        AtlasFixture fx = AtlasFixture.get();
        List<String> rows = new ArrayList<>();
        for (HostilePeer.Mode mode : HostilePeer.Mode.values()) {
            if (mode == HostilePeer.Mode.SCRIPTED) {
                continue;
            }
            String expected = switch (mode) {
                case ACCEPT_AND_SILENCE, SLOW_BODY -> "the answer did not finish within 3 s";
                case GARBAGE -> "the server did not answer with TLS";
                case PLAIN_HTTP -> "the server answered plain HTTP on an https URL";
                case ENDLESS_BODY -> "the answer is larger than 4 MiB";
                case RETRY_AFTER_HUGE -> "GlobalSign asks to retry in 60 minutes";
                case ERROR_500_FOREVER -> "-> HTTP 500";
                case SCRIPTED -> throw new IllegalStateException();
            };
            try (HostilePeer peer = new HostilePeer(mode, fx);
                 AtlasClient client = new AtlasClient(AtlasConnectionConfig.builder(peer.url())
                         .trust(List.of(fx.serverCa.cert())).pkcs12(fx.p12A, AtlasFixture.P12_PASSWORD.clone())
                         // the connect bound longer than the whole-call deadline: the deadline is what must end
                         // a silent peer (equal bounds raced: "could not connect within 3 s" half the time)
                         .connectTimeout(DEADLINE.multipliedBy(3)).requestTimeout(deadline(mode)).build(),
                         AtlasFixture.KEY_A, AtlasFixture.SECRET_A.toCharArray())) {
                long t0 = System.nanoTime();
                Throwable e = catchThrowable(client::login);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertThat(e).as(mode.name()).isInstanceOf(AtlasException.class);
                assertThat(e.getMessage()).as(mode.name()).contains(expected);
                assertThat(e.getMessage()).doesNotContain(AtlasFixture.SECRET_A);
                rows.add(String.format("%s %d ms (%s)", mode.name().toLowerCase().replace('_', '-'), ms,
                        e.getMessage()));
            }
        }
        Figures.print("hostile peers", rows.size() + "/" + (HostilePeer.Mode.values().length - 1)
                + " bounded with their diagnosis:\n  " + String.join("\n  ", rows));
    }

    /** The cases that end by the deadline get a short one; the others must end by their own diagnosis first. */
    private static Duration deadline(HostilePeer.Mode mode) {
        return mode == HostilePeer.Mode.ACCEPT_AND_SILENCE || mode == HostilePeer.Mode.SLOW_BODY ? DEADLINE
                : Duration.ofSeconds(30);
    }

    @Test
    void interruptingTheCallingThreadCancelsAtOnce() throws Exception {
        AtlasFixture fx = AtlasFixture.get();
        try (HostilePeer peer = new HostilePeer(HostilePeer.Mode.SLOW_BODY, fx);
             AtlasClient client = new AtlasClient(AtlasConnectionConfig.builder(peer.url())
                     .trust(List.of(fx.serverCa.cert())).pkcs12(fx.p12A, AtlasFixture.P12_PASSWORD.clone())
                     .requestTimeout(Duration.ofSeconds(120)).build(),
                     AtlasFixture.KEY_A, AtlasFixture.SECRET_A.toCharArray())) {
            Throwable[] seen = new Throwable[1];
            Thread t = new Thread(() -> seen[0] = catchThrowable(client::login));
            t.start();
            Thread.sleep(1000);
            t.interrupt();
            t.join(30_000);
            assertThat(t.isAlive()).as("the call ended after the interrupt").isFalse();
            assertThat(seen[0]).isInstanceOf(AtlasCancelledException.class).hasMessageContaining("cancelled");
        }
    }
}
