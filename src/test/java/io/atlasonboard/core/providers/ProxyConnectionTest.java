package io.atlasonboard.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.atlas.AtlasTransportException;
import io.atlasonboard.core.atlas.ProxySettings;
import io.atlasonboard.core.atlas.ProxyTunnelAuth;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.sim.RecordedRequest;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.Secrets;
import io.atlasonboard.testing.SimProviderFixture;
import io.atlasonboard.testing.TinyProxy;

/**
 * Connection test and client through a real tinyproxy on loopback (HTTP CONNECT, optional Basic authentication) to
 * the product's simulator over mTLS. The proxy's log proves the traffic went through it; the simulator's request
 * record shows what reached the server.
 */
class ProxyConnectionTest {
    @TempDir
    static Path dir;
    private static SimProviderFixture fx;

    @BeforeAll
    static void start() throws Exception {
        assertThat(ProxyTunnelAuth.basicAllowedForTunnels())
                .as("the test JVM must start with -D" + ProxyTunnelAuth.PROPERTY + "= (surefire systemPropertyVariables),"
                        + " as Launcher sets it for the product")
                .isTrue();
        fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(), IntendedUse.TLS,
                "Proxied", dir);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    /** The stored provider's settings (its keystore and trusted server CA) at {@code apiUrl}, through {@code proxy}. */
    private static AtlasConnectionConfig cfg(String apiUrl, ProxySettings proxy) {
        ProviderRecord r = fx.provider.toBuilder().apiUrl(apiUrl).build();
        try (ProviderSecrets s = fx.store().providers().secrets(fx.provider.id())) {
            return new ProviderService(fx.store().providers()).configBuilder(r, s).sleeper(d -> { })
                    .connectTimeout(Duration.ofSeconds(5)).proxy(proxy).build();
        }
    }

    private static AtlasConnectionConfig cfg(ProxySettings proxy) {
        return cfg(fx.sim.baseUrl(), proxy);
    }

    private static ConnectionReport test(AtlasConnectionConfig cfg) {
        return ConnectionTester.test(cfg, fx.account.apiKey(), fx.account.apiSecret().toCharArray(),
                ProgressSink.NONE, ConnectionListener.NONE);
    }

    private static AtlasClient client(AtlasConnectionConfig cfg) {
        return new AtlasClient(cfg, fx.account.apiKey(), fx.account.apiSecret().toCharArray());
    }

    private static String connectTo() {
        return "CONNECT 127.0.0.1:" + fx.sim.port();
    }

    @Test
    void goodThroughProxyWithoutAuthentication() {
        try (TinyProxy proxy = TinyProxy.start()) {
            int before = fx.sim.requests().size();
            ConnectionReport r = test(cfg(ProxySettings.of(proxy.host(), proxy.port())));
            assertThat(r.good()).as(r.toText()).isTrue();
            List<RecordedRequest> seen = fx.sim.requests().subList(before, fx.sim.requests().size());
            assertThat(seen).extracting(q -> q.method() + " " + q.path().replaceFirst("^/v2", ""))
                    .contains("POST /login", "GET /validationpolicy", "GET /quotas/issuance");
            // handshake probe + HttpClient's tunnel: both CONNECTs are in the proxy's log
            assertThat(proxy.log()).contains(connectTo());
            assertThat(countConnects(proxy.log())).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void goodThroughProxyWithBasicAuthentication() {
        try (TinyProxy proxy = TinyProxy.start("proxyuser", "proxy-pass-1")) {
            int before = fx.sim.requests().size();
            ConnectionReport r = test(cfg(new ProxySettings(proxy.host(), proxy.port(), "proxyuser",
                    "proxy-pass-1".toCharArray())));
            assertThat(r.good()).as(r.toText()).isTrue();
            assertThat(countConnects(proxy.log())).isGreaterThanOrEqualTo(2);
            // and the API client alone (java.net.http's own CONNECT with the per-client authenticator)
            try (AtlasClient c = client(cfg(new ProxySettings(proxy.host(), proxy.port(), "proxyuser",
                    "proxy-pass-1".toCharArray())))) {
                int connects = countConnects(proxy.log());
                assertThat(c.quotaIssuance()).isEqualTo(1000L);
                assertThat(countConnects(proxy.log())).isGreaterThan(connects);
            }
            List<RecordedRequest> seen = fx.sim.requests().subList(before, fx.sim.requests().size());
            assertThat(seen).isNotEmpty();
            assertThat(seen).as("proxy credentials never reach the server through the tunnel")
                    .allSatisfy(q -> assertThat(q.header("Proxy-Authorization")).isNull());
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
            try (AtlasClient c = client(cfg(new ProxySettings(proxy.host(), proxy.port(), "proxyuser",
                    "wrong-pass".toCharArray())))) {
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
            ConnectionReport r = test(cfg("https://127.0.0.1:" + closed, ProxySettings.of(proxy.host(), proxy.port())));
            assertThat(r.code()).as(r.toText()).isEqualTo(Diagnosis.PROXY_REFUSED_TUNNEL);
            assertThat(r.diagnosis()).contains("could not connect to 127.0.0.1:" + closed);
            ConnectionReport u = test(cfg("https://atlas-onboard-test.invalid:8443",
                    ProxySettings.of(proxy.host(), proxy.port())));
            assertThat(u.code()).as(u.toText()).isEqualTo(Diagnosis.HOST_NOT_FOUND);
        }
    }

    private static int countConnects(String log) {
        return (int) log.lines().filter(l -> l.contains("Request") && l.contains(connectTo())).count();
    }
}
