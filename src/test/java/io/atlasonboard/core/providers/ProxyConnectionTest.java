package io.atlasonboard.core.providers;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.atlas.AtlasFixture;
import io.atlasonboard.core.atlas.AtlasTransportException;
import io.atlasonboard.core.atlas.LoopbackHvca;
import io.atlasonboard.core.atlas.ProxySettings;
import io.atlasonboard.core.atlas.ProxyTunnelAuth;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.testing.TinyProxy;

/**
 * Connection test and client through a real tinyproxy on loopback (HTTP CONNECT, optional Basic authentication). The
 * proxy's log proves the traffic went through it.
 */
class ProxyConnectionTest {
    private static AtlasFixture fx;
    private static LoopbackHvca server;

    @BeforeAll
    static void start() throws Exception {
        assertThat(ProxyTunnelAuth.basicAllowedForTunnels())
                .as("the test JVM must start with -D" + ProxyTunnelAuth.PROPERTY + "= (surefire systemPropertyVariables),"
                        + " as Launcher sets it for the product")
                .isTrue();
        fx = AtlasFixture.get();
        server = fx.startServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private AtlasConnectionConfig cfg(ProxySettings proxy) {
        return fx.config(server.baseUrl(), fx.p12A, new AtlasFixture.RecordingSleeper())
                .connectTimeout(Duration.ofSeconds(5)).proxy(proxy).build();
    }

    private static ConnectionReport test(AtlasConnectionConfig cfg) {
        return ConnectionTester.test(cfg, AtlasFixture.KEY_A, AtlasFixture.SECRET_A.toCharArray(), ProgressSink.NONE);
    }

    @Test
    void goodThroughProxyWithoutAuthentication() {
        try (TinyProxy proxy = TinyProxy.start()) {
            int before = server.requests.size();
            ConnectionReport r = test(cfg(ProxySettings.of(proxy.host(), proxy.port())));
            assertThat(r.good()).as(r.toText()).isTrue();
            assertThat(server.requests.subList(before, server.requests.size()))
                    .contains("POST /login", "GET /validationpolicy", "GET /quotas/issuance");
            // handshake probe + HttpClient's tunnel: both CONNECTs are in the proxy's log
            assertThat(proxy.log()).containsPattern("CONNECT localhost:" + server.port());
            assertThat(countConnects(proxy.log())).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void goodThroughProxyWithBasicAuthentication() {
        try (TinyProxy proxy = TinyProxy.start("proxyuser", "proxy-pass-1")) {
            ConnectionReport r = test(cfg(new ProxySettings(proxy.host(), proxy.port(), "proxyuser",
                    "proxy-pass-1".toCharArray())));
            assertThat(r.good()).as(r.toText()).isTrue();
            assertThat(countConnects(proxy.log())).isGreaterThanOrEqualTo(2);
            // and the API client alone (java.net.http's own CONNECT with the per-client authenticator)
            try (AtlasClient c = new AtlasClient(cfg(new ProxySettings(proxy.host(), proxy.port(), "proxyuser",
                    "proxy-pass-1".toCharArray())), AtlasFixture.KEY_A, AtlasFixture.SECRET_A.toCharArray())) {
                int connects = countConnects(proxy.log());
                assertThat(c.quotaIssuance()).isEqualTo(999881L);
                assertThat(countConnects(proxy.log())).isGreaterThan(connects);
            }
            assertThat(server.requests).as("proxy credentials never reach the server through the tunnel")
                    .doesNotContain("LEAKED Proxy-Authorization");
            {
            }
        }
    }

    @Test
    void wrongProxyPasswordIsProxyAuthenticationRefused() {
        try (TinyProxy proxy = TinyProxy.start("proxyuser", "proxy-pass-1")) {
            ConnectionReport r = test(cfg(new ProxySettings(proxy.host(), proxy.port(), "proxyuser",
                    "wrong-pass".toCharArray())));
            assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.PROXY_AUTH_REFUSED);
            Secrets.assertAbsent(r.diagnosis(), "proxy diagnosis", "wrong-pass");
            // missing credentials are told too
            ConnectionReport none = test(cfg(ProxySettings.of(proxy.host(), proxy.port())));
            assertThat(none.code()).as(none.toText()).isEqualTo(Diagnosis.PROXY_AUTH_REFUSED);
            assertThat(none.diagnosis()).contains("requires authentication");
            // the API client on its own fails too, without leaking the password
            try (AtlasClient c = new AtlasClient(cfg(new ProxySettings(proxy.host(), proxy.port(), "proxyuser",
                    "wrong-pass".toCharArray())), AtlasFixture.KEY_A, AtlasFixture.SECRET_A.toCharArray())) {
                AtlasTransportException e = catchThrowableOfType(AtlasTransportException.class, c::login);
                assertThat(e).isNotNull();
                Secrets.assertAbsent(e.getMessage(), "AtlasTransportException message", "wrong-pass");
            }
        }
    }

    @Test
    void unreachableProxyIsItsOwnDiagnosis() throws Exception {
        int port = TinyProxy.freePort();
        ConnectionReport r = test(cfg(ProxySettings.of("127.0.0.1", port)));
        assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.PROXY_UNREACHABLE);
        assertThat(r.diagnosis()).contains("127.0.0.1:" + port);
    }

    @Test
    void proxyThatCannotReachTheServerSaysSo() throws Exception {
        try (TinyProxy proxy = TinyProxy.start()) {
            int closed = TinyProxy.freePort();
            AtlasConnectionConfig c = fx.config("https://127.0.0.1:" + closed, fx.p12A,
                    new AtlasFixture.RecordingSleeper()).proxy(ProxySettings.of(proxy.host(), proxy.port())).build();
            ConnectionReport r = test(c);
            assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.PROXY_REFUSED_TUNNEL);
            assertThat(r.diagnosis()).contains("could not connect to 127.0.0.1:" + closed);
            AtlasConnectionConfig unknown = fx.config("https://atlas-onboard-test.invalid:8443", fx.p12A,
                    new AtlasFixture.RecordingSleeper()).proxy(ProxySettings.of(proxy.host(), proxy.port())).build();
            ConnectionReport u = test(unknown);
            assertThat(u.code()).as(u.toText()).isEqualTo(Diagnosis.HOST_NOT_FOUND);
        }
    }

    private static int countConnects(String log) {
        return (int) log.lines().filter(l -> l.contains("Request") && l.contains("CONNECT localhost:")).count();
    }
}
