package io.atlasonboard.core.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.providers.ConnectionListener;
import io.atlasonboard.core.providers.ConnectionReport;
import io.atlasonboard.core.providers.ConnectionTester;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The connection test's own TLS step (its own socket, not the API client) against the hostile loopback peers that
 * break TLS: a plain HTTP server on the https URL is named as such (not "the client certificate was rejected"), random
 * bytes are "not TLS", a silent peer is a timeout; each within its bound.
 */
@Timeout(120)
class ConnectionTestHostilePeerTest {

    @ParameterizedTest
    @EnumSource(value = HostilePeer.Mode.class, names = {"PLAIN_HTTP", "GARBAGE", "ACCEPT_AND_SILENCE"})
    void theTlsStepNamesWhatThePeerDid(HostilePeer.Mode mode) throws Exception {
        AtlasFixture fx = AtlasFixture.get();
        try (HostilePeer peer = new HostilePeer(mode, fx)) {
            AtlasConnectionConfig cfg = AtlasConnectionConfig.builder(peer.url()).trust(List.of(fx.serverCa.cert()))
                    .pkcs12(fx.p12A, AtlasFixture.P12_PASSWORD.clone()).connectTimeout(Duration.ofSeconds(3))
                    .requestTimeout(Duration.ofSeconds(3)).build();
            long t0 = System.nanoTime();
            ConnectionReport r = ConnectionTester.test(cfg, AtlasFixture.KEY_A, AtlasFixture.SECRET_A.toCharArray(),
                    null, ConnectionListener.NONE);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.failedStep()).as(r.diagnosis()).isEqualTo(ConnectionTester.STEP_TLS);
            String expected = switch (mode) {
                case PLAIN_HTTP -> "the server answered plain HTTP on an https URL";
                case GARBAGE -> "did not answer with TLS";
                default -> "3";
            };
            assertThat(r.diagnosis()).as(mode + " after " + ms + " ms").contains(expected)
                    .doesNotContain("client certificate was rejected");
            assertThat(ms).as(mode + " bounded").isLessThan(15_000);
            System.out.println("CONNECTION TEST " + mode + " " + ms + " ms: " + r.diagnosis());
        }
    }
}
