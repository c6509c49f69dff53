package io.atlasonboard.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A local simulator of the GlobalSign Atlas HVCA API v2 (ATLAS-API.md, "Simulator checklist" items 1-19)
 * on the JDK's {@link HttpsServer}, bound to 127.0.0.1.
 *
 * <h2>Listener and client certificates</h2>
 * The TLS listener <em>asks</em> for a client certificate (want-client-auth) and sends an empty list of acceptable
 * CAs, so any client sends whatever certificate it has. A certificate that is presented is checked by the simulator's
 * trust manager during the handshake: it must chain to the simulator's client-auth CA, be valid on the simulator clock
 * and carry the clientAuth EKU; an untrusted or expired certificate therefore fails the TLS handshake itself.
 * A connection without any client certificate completes the handshake (the portal endpoints need none), and every
 * {@code /v2} request on it is answered like nginx with {@code ssl_verify_client optional} does:
 * {@code 400} problem+json {@code "No required SSL certificate was sent"}. The listener speaks TLS 1.3 and 1.2
 * ({@link SimulatorConfig#tlsProtocols}). Under TLS 1.2 a rejected certificate fails the client's handshake
 * ({@code SSLHandshakeException}). Under TLS 1.3 the client has finished its handshake when the server judges the
 * certificate, and the JDK's HttpsServer closes without sending an alert, so the client's first read fails
 * (connection closed); no HTTP request is read in either case. That is why the listener was TLS 1.2 only before; the
 * connection tester diagnoses both forms as a rejected client certificate. TCP_NODELAY is on and idle keep-alive
 * connections stay open {@value #IDLE_SECONDS} s (JDK system properties, set unless given).
 * With {@link SimulatorConfig#plainHttpForTests(boolean)} the listener is plain HTTP and the serial comes from the
 * {@code X-SSL-Client-Serial} header instead (test-only, like GlobalSign's own mock).
 *
 * <h2>Portal (the manual actions of the Atlas portal, no client certificate needed)</h2>
 * <ul>
 *   <li>{@code POST /portal/credentials[?policy=tls|tls-pkcs8|smime&quota=N]} → 201 {@code {"api_key","api_secret"}}</li>
 *   <li>{@code POST /portal/mtls?api_key=KEY[&days=N]}, body the CSR PEM → 201 the certificate PEM
 *       ({@code application/x-pem-file}), bound to that credential set by its serial</li>
 *   <li>{@code POST /portal/sandbox-dns} {@code {"name","value"}} → 204 (publish TXT in the sandbox zone);
 *       {@code DELETE /portal/sandbox-dns?name=N[&value=V]} → 204; {@code GET /portal/sandbox-dns?name=N} → JSON array</li>
 *   <li>{@code GET /portal/sandbox-mail[?to=A]}, {@code POST /portal/sandbox-mail/{id}/approve}: the sandbox mailbox
 *       for e-mail validation ({@link PortalHandler})</li>
 * </ul>
 *
 * <h2>Layout</h2>
 * {@link Router} dispatches to one handler per area over the shared {@link SimState}: {@link AuthHandler} (login,
 * tokens), {@link AccountHandler} (policy, quota, counters, stats), {@link CertificateHandler} (request, retrieve,
 * revoke, rekey), {@link TrustChainHandler}, {@link ClaimHandler} (claims, ADNs, reassert) with
 * {@link ClaimValidator} (DNS) and {@link HttpEmailValidator} (HTTP, e-mail), and {@link PortalHandler}; HTTP, JSON
 * and problem+json live in {@link Http}. {@link SandboxPersistence} keeps a sandbox across restarts.
 */
public final class AtlasSimulator implements AutoCloseable {
    /** Seconds an idle keep-alive connection stays open (the JDK's default is 30). */
    static final long IDLE_SECONDS = 300;
    private final SimState state;
    private final ClaimValidator validator;
    private final HttpServer server;
    private final ExecutorService executor;

    static {
        // HttpServer reads these once, when its first instance is made: no Nagle delay on small answers (every
        // request round would otherwise wait for the peer's delayed ACK), and idle keep-alive connections kept longer
        // than java.net.http's and curl's reuse windows need. An explicit -D setting wins.
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        setIfAbsent("sun.net.httpserver.idleInterval", Long.toString(IDLE_SECONDS));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private AtlasSimulator(SimulatorConfig config, SimAuthorities authorities) throws IOException {
        this.state = new SimState(config, authorities);
        this.validator = new ClaimValidator(state);
        Router router = new Router(state, validator);
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port());
        if (config.plainHttpForTests()) {
            server = HttpServer.create(bind, 64);
        } else {
            HttpsServer https = HttpsServer.create(bind, 64);
            SSLContext ssl = sslContext(authorities, state.clock);
            https.setHttpsConfigurator(new HttpsConfigurator(ssl) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = getSSLContext().getDefaultSSLParameters();
                    p.setProtocols(config.tlsProtocols().toArray(String[]::new));
                    p.setWantClientAuth(true);
                    params.setSSLParameters(p);
                }
            });
            server = https;
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "atlas-sim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", router::handle);
        server.start();
    }

    private static SSLContext sslContext(SimAuthorities ca, Clock clock) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "sim".toCharArray();
            ks.setKeyEntry("server", ca.serverKey(), pw, new X509Certificate[] {ca.serverCert(), ca.tlsRoot().cert()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), new TrustManager[] {new ClientCertTrustManager(ca.clientCa().cert(), clock)},
                    SimPki.RANDOM);
            return ssl;
        } catch (Exception e) {
            throw new IOException("cannot set up the simulator's TLS context", e);
        }
    }

    /** Starts a simulator with new keys; it listens until {@link #close()}. */
    public static AtlasSimulator start(SimulatorConfig config) throws IOException {
        return new AtlasSimulator(config, SimAuthorities.generate());
    }

    /** Starts a simulator with these keys (a reloaded sandbox). */
    static AtlasSimulator start(SimulatorConfig config, SimAuthorities authorities) throws IOException {
        return new AtlasSimulator(config, authorities);
    }

    SimState state() {
        return state;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code https://127.0.0.1:PORT/v2}. */
    public String baseUrl() {
        return scheme() + "://127.0.0.1:" + port() + "/v2";
    }

    private String scheme() {
        return state.config.plainHttpForTests() ? "http" : "https";
    }

    /** {@code https://127.0.0.1:PORT/portal}. */
    public String portalUrl() {
        return scheme() + "://127.0.0.1:" + port() + "/portal";
    }

    /** PEM of the root that signed the TLS server certificate (SANs 127.0.0.1 and localhost): the trust anchor. */
    public String serverCaPem() {
        return SimPki.pem(state.authorities.tlsRoot().cert());
    }

    /** PEM of the CA that signs mTLS client certificates. */
    public String clientCaPem() {
        return SimPki.pem(state.authorities.clientCa().cert());
    }

    /** The {@code /trustchain} answer: issuing CA PEM first, root last. */
    public List<String> trustChainPems() {
        return state.authorities.trustChainPems();
    }

    public Clock clock() {
        return state.clock;
    }

    public SimFaults faults() {
        return state.faults;
    }

    public SandboxZone sandboxZone() {
        return state.zone;
    }

    public SimulatorConfig config() {
        return state.config;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ================================================================== accounts

    /** A new account with the default TLS policy ({@link ValidationPolicies#tls()}). */
    public SimAccount createAccount(long quota) {
        return createAccount(ValidationPolicies.tls(), quota);
    }

    /** A new account with this validation policy (returned verbatim by {@code GET /validationpolicy}). */
    public SimAccount createAccount(JsonObject policy, long quota) {
        return state.createAccount(policy, quota);
    }

    public SimAccount createAccount(String policyJson, long quota) {
        return createAccount(JsonParser.parseString(policyJson).getAsJsonObject(), quota);
    }

    public SimAccount account(String apiKey) {
        return state.account(apiKey);
    }

    /**
     * Issues an mTLS client certificate for the CSR (signature verified), signed by the client-auth CA with the
     * clientAuth EKU, valid from one minute before now (simulator clock) for {@code validity}, and binds its serial to
     * the account so that {@code /login} with this certificate and the account's key is accepted.
     */
    public String issueMtlsCertificate(String apiKey, String csrPem, Duration validity) {
        return state.issueMtlsCertificate(apiKey, csrPem, validity);
    }

    /** As above with explicit validity, e.g. entirely in the past for an expired certificate. */
    public String issueMtlsCertificate(String apiKey, String csrPem, Instant notBefore, Instant notAfter) {
        return state.issueMtlsCertificate(apiKey, csrPem, notBefore, notAfter);
    }

    /** Runs every deferred DNS check now, whatever its due time. */
    public void completePendingChecks() {
        validator.runDueChecks(null, true);
    }

    /** Received requests, oldest first (bounded to the last 10,000). */
    public List<RecordedRequest> requests() {
        return state.requests();
    }

    public void clearRequests() {
        state.clearRequests();
    }
}
