package io.atlasonboard.core.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The observer hears an exchange without an answer (refused connection on loopback) once, with no status. */
class AtlasExchangeObserverTest {
    @Test
    void aRefusedConnectionIsObservedWithoutStatus() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<AtlasExchange> seen = new CopyOnWriteArrayList<>();
        AtlasConnectionConfig config = AtlasConnectionConfig.builder("https://127.0.0.1:" + port)
                .connectTimeout(Duration.ofSeconds(5)).observer(seen::add).build();
        try (AtlasClient c = new AtlasClient(config, "key", "secret".toCharArray())) {
            assertThatThrownBy(c::login).isInstanceOf(AtlasTransportException.class);
        }
        assertThat(seen).hasSize(1);
        AtlasExchange x = seen.get(0);
        assertThat(x.method()).isEqualTo("POST");
        assertThat(x.path()).isEqualTo("/login");
        assertThat(x.status()).isNull();
        assertThat(x.problemId()).isNull();
        assertThat(x.transportError()).isNotBlank();
    }

    @Test
    void aFailingObserverDoesNotBreakTheCall() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AtlasConnectionConfig config = AtlasConnectionConfig.builder("https://127.0.0.1:" + port)
                .observer(x -> {
                    throw new IllegalStateException("observer down");
                }).build();
        try (AtlasClient c = new AtlasClient(config, "key", "secret".toCharArray())) {
            assertThatThrownBy(c::login).isInstanceOf(AtlasTransportException.class);
        }
    }
}
