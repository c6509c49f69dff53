package io.atlasonboard.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A local simulator of the GlobalSign Atlas HVCA API v2 (ATLAS-API.md, "Simulator checklist" items 1-10, 12-17, 19)
 * on the JDK's {@link HttpsServer}, bound to 127.0.0.1.
 *
 * <h2>Listener and client certificates</h2>
 * The TLS listener <em>asks</em> for a client certificate (want-client-auth) and sends an empty list of acceptable
 * CAs, so any client sends whatever certificate it has. A certificate that is presented is checked by the simulator's
 * trust manager during the handshake: it must chain to the simulator's client-auth CA, be valid on the simulator clock
 * and carry the clientAuth EKU; an untrusted or expired certificate therefore fails the TLS handshake itself.
 * A connection without any client certificate completes the handshake (the portal endpoints need none), and every
 * {@code /v2} request on it is answered like nginx with {@code ssl_verify_client optional} does:
 * {@code 400} problem+json {@code "No required SSL certificate was sent"}. The listener speaks TLS 1.2 only: the JDK's
 * HttpsServer sends no alert when it rejects a certificate, and under TLS 1.3 the client would already consider its
 * handshake complete and only see a reset connection; under TLS 1.2 it sees an {@code SSLHandshakeException}
 * ("Remote host terminated the handshake") before any HTTP is exchanged.
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
 * </ul>
 */
public final class AtlasSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasSimulator.class);
    private static final Gson GSON = new com.google.gson.GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private static final String JSON = "application/json;charset=utf-8";
    private static final String PROBLEM = "application/problem+json;charset=utf-8";
    private static final Pattern CONTENT_TYPE_OK =
            Pattern.compile("^\\s*application/json\\s*;\\s*charset\\s*=\\s*\"?utf-8\"?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEX32 = Pattern.compile("^[0-9A-Fa-f]{32}$");
    private static final Set<String> REVOCATION_REASONS = Set.of("unspecified", "keyCompromise", "affiliationChanged",
            "superseded", "cessationOfOperation", "privilegeWithdrawn");
    private static final int MAX_BODY = 1 << 20;
    private static final int MAX_LOG = 10_000;
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SimulatorConfig config;
    private final Clock clock;
    private final Object lock = new Object();
    private final Map<String, SimAccount> accounts = new LinkedHashMap<>();
    private final Map<String, TokenInfo> tokens = new HashMap<>();
    private final Deque<RecordedRequest> requestLog = new ArrayDeque<>();
    private final SandboxZone zone;
    private final TxtLookup lookup;
    private final SimFaults faults;

    private final SimPki.Ca tlsRoot;
    private final SimPki.Ca clientCa;
    private final SimPki.Ca issuingRoot;
    private final SimPki.Ca issuingCa;
    private final HttpServer server;
    private final ExecutorService executor;

    private record TokenInfo(String apiKey, Instant expiresAt) {
    }

    private record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Response json(int status, JsonElement body) {
            return new Response(status, JSON, GSON.toJson(body).getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
        }

        static Response empty(int status) {
            return new Response(status, null, new byte[0], new LinkedHashMap<>());
        }

        Response header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    private AtlasSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.clock = config.clock();
        this.faults = new SimFaults(this, config.claimCheckDelay());
        this.zone = config.sandboxZone() != null ? config.sandboxZone() : new SandboxZone();
        this.lookup = config.dnsServer() == null ? TxtLookup.of(zone)
                : TxtLookup.dnsServer(config.dnsServer(), config.dnsTimeout());
        // CA validity runs on real time: TLS peers check it against their own clocks
        Instant start = Instant.now().minus(Duration.ofDays(1));
        this.tlsRoot = SimPki.selfSignedCa("CN=Atlas Onboard Sandbox TLS Root,O=Atlas Onboard Sandbox (not a real CA)",
                SimPki.ecP256(), start, Duration.ofDays(3650));
        this.clientCa = SimPki.selfSignedCa("CN=Atlas Onboard Sandbox mTLS CA,O=Atlas Onboard Sandbox (not a real CA)",
                SimPki.ecP256(), start, Duration.ofDays(3650));
        this.issuingRoot = SimPki.selfSignedCa("CN=Atlas Onboard Sandbox Root CA,O=Atlas Onboard Sandbox (not a real CA)",
                SimPki.rsa(2048), start, Duration.ofDays(7300));
        this.issuingCa = SimPki.intermediateCa(issuingRoot,
                "CN=Atlas Onboard Sandbox Issuing CA,O=Atlas Onboard Sandbox (not a real CA)", SimPki.rsa(2048), start,
                Duration.ofDays(3650));
        KeyPair serverKey = SimPki.ecP256();
        X509Certificate serverCert = SimPki.serverCert(tlsRoot, serverKey.getPublic(), start, Duration.ofDays(825));

        SSLContext ssl;
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "sim".toCharArray();
            ks.setKeyEntry("server", serverKey.getPrivate(), pw, new X509Certificate[] {serverCert, tlsRoot.cert()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), new TrustManager[] {new ClientCertTrustManager()}, SimPki.RANDOM);
        } catch (Exception e) {
            throw new IOException("cannot set up the simulator's TLS context", e);
        }
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port());
        if (config.plainHttpForTests()) {
            server = HttpServer.create(bind, 64);
        } else {
            HttpsServer https = HttpsServer.create(bind, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(ssl) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = getSSLContext().getDefaultSSLParameters();
                    // TLS 1.2: a rejected client certificate then fails the client's handshake (in TLS 1.3 the
                    // client finishes first and only sees a reset connection, because HttpsServer sends no alert)
                    p.setProtocols(new String[] {"TLSv1.2"});
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
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a simulator; it listens until {@link #close()}. */
    public static AtlasSimulator start(SimulatorConfig config) throws IOException {
        return new AtlasSimulator(config);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code https://127.0.0.1:PORT/v2}. */
    public String baseUrl() {
        return scheme() + "://127.0.0.1:" + port() + "/v2";
    }

    private String scheme() {
        return config.plainHttpForTests() ? "http" : "https";
    }

    /** {@code https://127.0.0.1:PORT/portal}. */
    public String portalUrl() {
        return scheme() + "://127.0.0.1:" + port() + "/portal";
    }

    /** PEM of the root that signed the TLS server certificate (SANs 127.0.0.1 and localhost): the trust anchor. */
    public String serverCaPem() {
        return SimPki.pem(tlsRoot.cert());
    }

    /** PEM of the CA that signs mTLS client certificates. */
    public String clientCaPem() {
        return SimPki.pem(clientCa.cert());
    }

    /** The {@code /trustchain} answer: issuing CA PEM first, root last. */
    public List<String> trustChainPems() {
        return List.of(SimPki.pem(issuingCa.cert()), SimPki.pem(issuingRoot.cert()));
    }

    public Clock clock() {
        return clock;
    }

    public SimFaults faults() {
        return faults;
    }

    public SandboxZone sandboxZone() {
        return zone;
    }

    public SimulatorConfig config() {
        return config;
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
        String key = randomAlnum(32);
        String secret = randomAlnum(48);
        SimAccount a = new SimAccount(lock, key, secret, policy.deepCopy(), quota);
        synchronized (lock) {
            accounts.put(key, a);
        }
        return a;
    }

    public SimAccount createAccount(String policyJson, long quota) {
        return createAccount(com.google.gson.JsonParser.parseString(policyJson).getAsJsonObject(), quota);
    }

    public SimAccount account(String apiKey) {
        synchronized (lock) {
            return accounts.get(apiKey);
        }
    }

    /**
     * Issues an mTLS client certificate for the CSR (signature verified), signed by the client-auth CA with the
     * clientAuth EKU, valid from one minute before now (simulator clock) for {@code validity}, and binds its serial to
     * the account so that {@code /login} with this certificate and the account's key is accepted.
     */
    public String issueMtlsCertificate(String apiKey, String csrPem, Duration validity) {
        Instant now = clock.instant();
        return issueMtlsCertificate(apiKey, csrPem, now.minus(Duration.ofMinutes(1)), now.plus(validity));
    }

    /** As above with explicit validity, e.g. entirely in the past for an expired certificate. */
    public String issueMtlsCertificate(String apiKey, String csrPem, Instant notBefore, Instant notAfter) {
        SimAccount a = account(apiKey);
        if (a == null) {
            throw new IllegalArgumentException("no credential set with this API key");
        }
        PKCS10CertificationRequest csr = SimPki.parseCsr(csrPem);
        BigInteger serial = SimPki.newSerial();
        X509Certificate cert = SimPki.endEntity(clientCa, serial, csr.getSubject(), csr.getSubjectPublicKeyInfo(),
                notBefore, notAfter, null, false, KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                List.of(KeyPurposeId.id_kp_clientAuth.getId()), false, null);
        a.bindCertificateSerial(serial);
        return SimPki.pem(cert);
    }

    /** Every access token issued so far becomes invalid. */
    void revokeAllTokens() {
        synchronized (lock) {
            tokens.clear();
        }
    }

    /** Runs every deferred DNS check now, whatever its due time. */
    public void completePendingChecks() {
        runDueChecks(null, true);
    }

    /** Received requests, oldest first (bounded to the last 10,000). */
    public List<RecordedRequest> requests() {
        synchronized (requestLog) {
            return new ArrayList<>(requestLog);
        }
    }

    public void clearRequests() {
        synchronized (requestLog) {
            requestLog.clear();
        }
    }

    // ================================================================== HTTP plumbing

    private void handle(HttpExchange ex) {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        String serial = null;
        Response r;
        boolean v2 = path.equals("/v2") || path.startsWith("/v2/");
        try {
            BigInteger peer = clientSerial(ex);
            serial = peer == null ? null : SimPki.serialHex(peer);
            if (v2) {
                r = handleV2(ex, method, path.substring(3), query, peer);
            } else if (path.startsWith("/portal/")) {
                r = handlePortal(ex, method, path.substring("/portal".length()), query);
            } else {
                throw new ApiException(404, "Not found");
            }
        } catch (ApiException e) {
            r = problem(e.status, e.getMessage(), e.errors);
        } catch (RuntimeException | IOException e) {
            LOG.warn("simulator: internal error on {} {}", method, path, e);
            r = problem(500, "Internal simulator error", Map.of());
        }
        if (v2) {
            Duration delay = faults.responseDelay();
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        record(ex, method, path, query, r.status(), serial);
        try {
            drain(ex.getRequestBody());
            Headers h = ex.getResponseHeaders();
            if (r.contentType() != null) {
                h.set("Content-Type", r.contentType());
            }
            r.headers().forEach(h::set);
            ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
            if (r.body().length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(r.body());
                }
            }
        } catch (IOException e) {
            LOG.debug("simulator: could not answer {} {}: {}", method, path, e.toString());
        } finally {
            ex.close();
        }
    }

    /** Reads what is left of the request body (not skip(): HttpServer's body stream passes skip to the raw socket). */
    private static void drain(InputStream in) {
        try {
            byte[] buf = new byte[8192];
            while (in.read(buf) >= 0) {
                // discard
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private void record(HttpExchange ex, String method, String path, String query, int status, String serial) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Authorization")) {
                headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v));
            }
        });
        RecordedRequest rec = new RecordedRequest(clock.instant(), method, path, query, Map.copyOf(headers), status,
                serial);
        synchronized (requestLog) {
            requestLog.addLast(rec);
            while (requestLog.size() > MAX_LOG) {
                requestLog.removeFirst();
            }
        }
    }

    /** Serial of the verified client certificate (TLS), or of the X-SSL-Client-Serial header (plain test mode). */
    private BigInteger clientSerial(HttpExchange ex) {
        if (config.plainHttpForTests()) {
            String h = ex.getRequestHeaders().getFirst("X-SSL-Client-Serial");
            if (h == null || h.isBlank()) {
                return null;
            }
            try {
                return new BigInteger(h.trim().replace(":", ""), 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        X509Certificate peer = peerCertificate(ex);
        return peer == null ? null : peer.getSerialNumber();
    }

    private static X509Certificate peerCertificate(HttpExchange ex) {
        if (!(ex instanceof HttpsExchange https)) {
            return null;
        }
        try {
            var certs = https.getSSLSession().getPeerCertificates();
            return certs.length > 0 && certs[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static Response problem(int status, String description, Map<String, String> errors) {
        JsonObject o = new JsonObject();
        o.addProperty("description", description);
        o.addProperty("id", randomAlnum(27));
        if (errors != null && !errors.isEmpty()) {
            JsonObject e = new JsonObject();
            errors.forEach(e::addProperty);
            o.add("errors", e);
        }
        return new Response(status, PROBLEM, GSON.toJson(o).getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    static String randomAlnum(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALNUM.charAt(SimPki.RANDOM.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    static String randomHex32() {
        byte[] b = new byte[16];
        SimPki.RANDOM.nextBytes(b);
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02X", x));
        }
        return sb.toString();
    }

    /** Whether the request carries a body (Content-Length > 0 or chunked). */
    private static boolean hasBody(HttpExchange ex) {
        String cl = ex.getRequestHeaders().getFirst("Content-Length");
        String te = ex.getRequestHeaders().getFirst("Transfer-Encoding");
        if (te != null) {
            return true;
        }
        try {
            return cl != null && Long.parseLong(cl.trim()) > 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /**
     * Request hygiene for a JSON body: 411 without Content-Length (chunked included), 400 for an empty body where one
     * is required, 415 unless {@code application/json;charset=utf-8} (case and spaces tolerated), 400 unless the body
     * is strict UTF-8 JSON holding one object. Returns null when an optional body is absent.
     */
    private static JsonObject jsonBody(HttpExchange ex, boolean required) throws IOException {
        Headers h = ex.getRequestHeaders();
        String cl = h.getFirst("Content-Length");
        if (cl == null) {
            if (!required && h.getFirst("Transfer-Encoding") == null) {
                return null;
            }
            throw new ApiException(411, "Content-Length required");
        }
        long length;
        try {
            length = Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "Bad Request: invalid Content-Length");
        }
        if (length == 0) {
            if (!required) {
                return null;
            }
            throw new ApiException(400, "Bad Request: a JSON body is required");
        }
        String ct = h.getFirst("Content-Type");
        if (ct == null || !CONTENT_TYPE_OK.matcher(ct).matches()) {
            throw new ApiException(415, "Bad Content-Type");
        }
        if (length > MAX_BODY) {
            throw new ApiException(400, "Bad Request: body too large");
        }
        byte[] bytes = readBody(ex.getRequestBody());
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "Bad Request: body is not UTF-8");
        }
        JsonElement e;
        try (JsonReader reader = new JsonReader(new java.io.StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            e = GSON.getAdapter(JsonElement.class).read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new ApiException(400, "Bad Request: trailing data after the JSON value");
            }
        } catch (IOException | JsonParseException | IllegalStateException ex2) {
            throw new ApiException(400, "Bad Request: body is not valid JSON");
        }
        if (e == null || !e.isJsonObject()) {
            throw new ApiException(400, "Bad Request: body must be a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > MAX_BODY) {
                throw new ApiException(400, "Bad Request: body too large");
            }
        }
        return out.toByteArray();
    }

    private static Map<String, String> queryParams(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String part : rawQuery.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String requiredString(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull() || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()
                || e.getAsString().isEmpty()) {
            return null;
        }
        return e.getAsString();
    }

    // ================================================================== /v2

    private Response handleV2(HttpExchange ex, String method, String p, String query, BigInteger peer)
            throws IOException {
        int forced = faults.takeForcedStatus(p.isEmpty() ? "/" : p);
        if (forced == 429) {
            throw new ApiException(429, "Rate Limit Reached");
        }
        if (forced == 503) {
            throw new ApiException(503, "Service busy, please retry later");
        }
        if (peer == null) {
            throw new ApiException(400, "No required SSL certificate was sent");
        }
        String[] seg = p.length() <= 1 ? new String[0] : p.substring(1).split("/", -1);
        if (seg.length == 1 && seg[0].equals("login")) {
            requireMethod(method, "POST");
            return login(ex, peer);
        }
        SimAccount a = authenticate(ex);
        Map<String, String> q = queryParams(query);
        if (seg.length == 1 && seg[0].equals("validationpolicy")) {
            requireMethod(method, "GET");
            synchronized (lock) {
                return Response.json(200, a.policy.deepCopy());
            }
        }
        if (seg.length == 1 && seg[0].equals("trustchain")) {
            requireMethod(method, "GET");
            JsonArray arr = new JsonArray();
            trustChainPems().forEach(arr::add);
            return Response.json(200, arr);
        }
        if (seg.length == 2 && seg[0].equals("quotas") && seg[1].equals("issuance")) {
            requireMethod(method, "GET");
            synchronized (lock) {
                return value(a.quota);
            }
        }
        if (seg.length == 3 && seg[0].equals("counters") && seg[1].equals("certificates")
                && (seg[2].equals("issued") || seg[2].equals("revoked"))) {
            requireMethod(method, "GET");
            synchronized (lock) {
                return value(seg[2].equals("issued") ? a.issued : a.revoked);
            }
        }
        if (seg.length == 2 && seg[0].equals("stats")
                && Set.of("issued", "revoked", "expiring").contains(seg[1])) {
            requireMethod(method, "GET");
            return stats(a, seg[1], q);
        }
        if (seg.length >= 1 && seg[0].equals("certificates")) {
            if (seg.length == 1) {
                requireMethod(method, "POST");
                return requestCertificate(ex, a);
            }
            if (seg.length == 2) {
                String serial = checkSerial(seg[1]);
                switch (method) {
                    case "GET":
                        return getCertificate(a, serial);
                    case "PATCH":
                        return revoke(a, serial, jsonBody(ex, true));
                    case "DELETE":
                        return revoke(a, serial, null);
                    default:
                        throw methodNotAllowed();
                }
            }
        }
        if (seg.length >= 2 && seg[0].equals("claims") && seg[1].equals("domains")) {
            return claims(ex, method, a, seg, q);
        }
        throw new ApiException(404, "Not found");
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw methodNotAllowed();
        }
    }

    private static ApiException methodNotAllowed() {
        return new ApiException(405, "Method not allowed");
    }

    private static Response value(long v) {
        JsonObject o = new JsonObject();
        o.addProperty("value", v);
        return Response.json(200, o);
    }

    private Response login(HttpExchange ex, BigInteger peerSerial) throws IOException {
        JsonObject body = jsonBody(ex, true);
        String key = requiredString(body, "api_key");
        String secret = requiredString(body, "api_secret");
        if (key == null || secret == null) {
            throw new ApiException(422, "Invalid login request");
        }
        synchronized (lock) {
            SimAccount a = accounts.get(key);
            byte[] expected = (a == null ? "\0no-such-account" : a.apiSecret()).getBytes(StandardCharsets.UTF_8);
            boolean secretOk = MessageDigest.isEqual(expected, secret.getBytes(StandardCharsets.UTF_8));
            if (a == null || !secretOk) {
                throw new ApiException(401, "Unauthorized");
            }
            if (!a.boundSerials.contains(peerSerial)) {
                throw new ApiException(401, "Unauthorized: client certificate is not linked to this API key");
            }
            byte[] raw = new byte[32];
            SimPki.RANDOM.nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            tokens.put(token, new TokenInfo(key, clock.instant().plus(config.tokenTtl())));
            JsonObject o = new JsonObject();
            o.addProperty("access_token", token);
            return Response.json(200, o);
        }
    }

    private SimAccount authenticate(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            throw new ApiException(401, "Unauthorized: Bearer access token required");
        }
        String token = auth.substring(7).trim();
        synchronized (lock) {
            TokenInfo t = tokens.get(token);
            if (t == null) {
                throw new ApiException(401, "Unauthorized: access token unknown or revoked");
            }
            if (!clock.instant().isBefore(t.expiresAt())) {
                tokens.remove(token);
                throw new ApiException(401, "Unauthorized: access token expired");
            }
            SimAccount a = accounts.get(t.apiKey());
            if (a == null) {
                throw new ApiException(401, "Unauthorized");
            }
            return a;
        }
    }

    // ------------------------------------------------------------------ certificates

    private static String checkSerial(String raw) {
        if (!HEX32.matcher(raw).matches()) {
            throw new ApiException(422, "invalid serial number length");
        }
        return raw.toUpperCase(Locale.ROOT);
    }

    private Response requestCertificate(HttpExchange ex, SimAccount a) throws IOException {
        JsonObject body = jsonBody(ex, true);
        Instant now = clock.instant();
        JsonObject policy;
        synchronized (lock) {
            if (a.quota <= 0) {
                throw new ApiException(402, "Quota Reached");
            }
            policy = a.policy.deepCopy();
        }
        CertificateRequest req = CertificateRequest.validate(body, policy, now);
        synchronized (lock) {
            for (String name : req.dnsNames) {
                if (!covered(a, name, now)) {
                    throw ApiException.validation("san.dns_names: " + name
                            + " is not covered by a verified domain claim");
                }
            }
            if (a.quota <= 0) {
                throw new ApiException(402, "Quota Reached");
            }
            BigInteger serial = SimPki.newSerial();
            String hex = SimPki.serialHex(serial);
            boolean rejected = faults.takeRejection();
            X509Certificate cert = rejected ? null : SimPki.endEntity(issuingCa, serial, req.subject, req.spki,
                    req.notBefore, req.notAfter, req.generalNames(),
                    req.sanCritical || req.subject.getRDNs().length == 0, req.keyUsage, req.ekus, req.ekuCritical,
                    req.hash);
            a.certificates.put(hex, new SimCertificate(hex, cert, now, now.plus(faults.issuanceDelay()),
                    faults.issuancePendingPolls(), rejected));
            a.quota--;
            a.issued++;
            return Response.empty(201).header("Location", "/v2/certificates/" + hex);
        }
    }

    /** Whether a VERIFIED, unexpired claim covers {@code name} (lower case, no trailing dot, maybe {@code *.}). */
    private boolean covered(SimAccount a, String name, Instant now) {
        String base = name.startsWith("*.") ? name.substring(2) : name;
        long nowS = now.getEpochSecond();
        for (SimClaim c : a.claims.values()) {
            if (!c.status.equals("VERIFIED") || c.expiresAt <= nowS) {
                continue;
            }
            if (base.equals(c.domain) || (config.claimCoversSubdomains() && base.endsWith("." + c.domain))) {
                return true;
            }
        }
        return false;
    }

    private Response getCertificate(SimAccount a, String serial) {
        synchronized (lock) {
            SimCertificate c = a.certificates.get(serial);
            if (c == null) {
                throw new ApiException(404, "Not found");
            }
            if (c.status == SimCertificate.Status.REJECTED) {
                throw new ApiException(422, "CA validation error");
            }
            if (c.status == SimCertificate.Status.PENDING) {
                if (c.pendingPolls > 0) {
                    c.pendingPolls--;
                    return Response.json(202, description("Operation in progress"));
                }
                c.settle(clock.instant());
                if (c.status == SimCertificate.Status.PENDING) {
                    return Response.json(202, description("Operation in progress"));
                }
            }
            JsonObject o = new JsonObject();
            o.addProperty("certificate", c.pem);
            o.addProperty("status", c.status.name());
            o.addProperty("updated_at", c.updatedAt.getEpochSecond());
            return Response.json(200, o);
        }
    }

    private static JsonObject description(String d) {
        JsonObject o = new JsonObject();
        o.addProperty("description", d);
        return o;
    }

    private Response revoke(SimAccount a, String serial, JsonObject body) {
        String reason = "unspecified";
        Instant at = null;
        if (body != null) {
            for (String k : body.keySet()) {
                if (!Set.of("revocation_reason", "revocation_time", "key_compromise_attestation").contains(k)) {
                    throw new ApiException(400, "Bad Request: unknown field " + k);
                }
            }
            JsonElement r = body.get("revocation_reason");
            if (r == null || !r.isJsonPrimitive() || !r.getAsJsonPrimitive().isString()
                    || !REVOCATION_REASONS.contains(r.getAsString())) {
                throw ApiException.validation("revocation_reason: must be one of unspecified, keyCompromise, "
                        + "affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn");
            }
            reason = r.getAsString();
            JsonElement t = body.get("revocation_time");
            if (t != null && !t.isJsonNull()) {
                if (!t.isJsonPrimitive() || !t.getAsJsonPrimitive().isNumber()) {
                    throw ApiException.validation("revocation_time: must be Unix seconds");
                }
                long s = t.getAsLong();
                if (s < 0) {
                    throw ApiException.validation("revocation_time: must be Unix seconds");
                }
                if (s > 0) {
                    if (s > clock.instant().getEpochSecond()) {
                        throw ApiException.validation("revocation_time: must not lie in the future");
                    }
                    at = Instant.ofEpochSecond(s);
                }
            }
        }
        synchronized (lock) {
            SimCertificate c = a.certificates.get(serial);
            if (c == null) {
                throw new ApiException(404, "Not found");
            }
            c.settle(clock.instant());
            switch (c.status) {
                case REVOKED -> throw new ApiException(409, "Cannot revoke a REVOKED certificate");
                case PENDING -> throw new ApiException(409, "Cannot revoke a certificate pending issuance");
                case REJECTED -> throw new ApiException(409, "Cannot revoke a REJECTED certificate");
                default -> {
                }
            }
            Instant when = at == null ? clock.instant() : at;
            c.status = SimCertificate.Status.REVOKED;
            c.revokedAt = when;
            c.revocationReason = reason;
            c.updatedAt = when;
            a.revoked++;
            return Response.empty(204);
        }
    }

    private Response stats(SimAccount a, String kind, Map<String, String> q) {
        long now = clock.instant().getEpochSecond();
        long from = longParam(q, "from", now - 600);
        long to = longParam(q, "to", now);
        if (from > to) {
            throw ApiException.validation("from: must not be after to");
        }
        if (to - from > 30L * 86400) {
            throw ApiException.validation("to: the window must not exceed 30 days");
        }
        int page = (int) longParam(q, "page", 1);
        int perPage = (int) longParam(q, "per_page", 100);
        checkPaging(page, perPage);
        List<JsonObject> items = new ArrayList<>();
        synchronized (lock) {
            for (SimCertificate c : a.certificates.values()) {
                c.settle(clock.instant());
                if (c.cert == null || c.status == SimCertificate.Status.PENDING) {
                    continue;
                }
                long t = switch (kind) {
                    case "issued" -> c.cert.getNotBefore().toInstant().getEpochSecond();
                    case "expiring" -> c.cert.getNotAfter().toInstant().getEpochSecond();
                    default -> c.revokedAt == null ? Long.MIN_VALUE : c.revokedAt.getEpochSecond();
                };
                if (t >= from && t <= to) {
                    JsonObject o = new JsonObject();
                    o.addProperty("serial_number", c.serial);
                    o.addProperty("not_before", c.cert.getNotBefore().toInstant().getEpochSecond());
                    o.addProperty("not_after", c.cert.getNotAfter().toInstant().getEpochSecond());
                    items.add(o);
                }
            }
        }
        Map<String, String> keep = new LinkedHashMap<>();
        keep.put("from", Long.toString(from));
        keep.put("to", Long.toString(to));
        return paged("/v2/stats/" + kind, items, page, perPage, keep);
    }

    private void checkPaging(int page, int perPage) {
        if (page < 1) {
            throw ApiException.validation("page: must be 1 or more");
        }
        if (perPage < 1 || perPage > config.maxPerPage()) {
            throw ApiException.validation("per_page: must be between 1 and " + config.maxPerPage());
        }
    }

    private static long longParam(Map<String, String> q, String name, long dflt) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.validation(name + ": must be an integer");
        }
    }

    /** A page of items with {@code Total-Count} and {@code Links} (previous/next/last) headers. */
    private static Response paged(String path, List<JsonObject> items, int page, int perPage, Map<String, String> keep) {
        int total = items.size();
        int last = Math.max(1, (total + perPage - 1) / perPage);
        JsonArray arr = new JsonArray();
        for (int i = (page - 1) * perPage; i < Math.min(total, page * perPage); i++) {
            arr.add(items.get(i));
        }
        List<String> links = new ArrayList<>();
        if (page > 1) {
            links.add(link(path, Math.min(page - 1, last), perPage, keep, "previous"));
        }
        if (page < last) {
            links.add(link(path, page + 1, perPage, keep, "next"));
        }
        links.add(link(path, last, perPage, keep, "last"));
        return Response.json(200, arr).header("Total-Count", Integer.toString(total))
                .header("Links", String.join(", ", links));
    }

    private static String link(String path, int page, int perPage, Map<String, String> keep, String rel) {
        StringBuilder sb = new StringBuilder("<").append(path).append("?page=").append(page).append("&per_page=")
                .append(perPage);
        keep.forEach((k, v) -> sb.append('&').append(k).append('=').append(v));
        return sb.append(">; rel=\"").append(rel).append('"').toString();
    }

    // ------------------------------------------------------------------ claims

    private Response claims(HttpExchange ex, String method, SimAccount a, String[] seg, Map<String, String> q)
            throws IOException {
        if (seg.length == 2) {
            requireMethod(method, "GET");
            return listClaims(a, q);
        }
        String x = URLDecoder.decode(seg[2], StandardCharsets.UTF_8);
        if (seg.length == 3 && method.equals("POST")) {
            return createClaim(a, x);
        }
        String id = x;
        if (seg.length == 3) {
            switch (method) {
                case "GET": {
                    runDueChecks(a, false);
                    synchronized (lock) {
                        return Response.json(200, claimJson(findClaim(a, id)));
                    }
                }
                case "DELETE": {
                    synchronized (lock) {
                        findClaim(a, id);
                        a.claims.remove(id.toUpperCase(Locale.ROOT));
                        return Response.empty(204);
                    }
                }
                default:
                    throw methodNotAllowed();
            }
        }
        if (seg.length == 4 && seg[3].equals("dns")) {
            if (method.equals("GET")) {
                synchronized (lock) {
                    JsonArray arr = new JsonArray();
                    Names.authorizationDomains(findClaim(a, id).domain).forEach(arr::add);
                    return Response.json(200, arr);
                }
            }
            requireMethod(method, "POST");
            return assertDns(ex, a, id);
        }
        if (seg.length == 4 && seg[3].equals("reassert")) {
            requireMethod(method, "POST");
            return reassert(a, id);
        }
        throw new ApiException(404, "Not found");
    }

    private SimClaim findClaim(SimAccount a, String id) {
        if (!HEX32.matcher(id).matches()) {
            throw ApiException.validation("invalid claim id: must be 32 hexadecimal characters");
        }
        SimClaim c = a.claims.get(id.toUpperCase(Locale.ROOT));
        if (c == null) {
            throw new ApiException(404, "Not found");
        }
        return c;
    }

    private Response listClaims(SimAccount a, Map<String, String> q) {
        String status = q.get("status");
        if (status != null && !status.isEmpty()) {
            status = status.toUpperCase(Locale.ROOT);
            if (!status.equals("PENDING") && !status.equals("VERIFIED")) {
                throw ApiException.validation("status: must be PENDING or VERIFIED");
            }
        } else {
            status = null;
        }
        int page = (int) longParam(q, "page", 1);
        int perPage = (int) longParam(q, "per_page", Math.min(100, config.maxPerPage()));
        checkPaging(page, perPage);
        runDueChecks(a, false);
        List<JsonObject> items = new ArrayList<>();
        synchronized (lock) {
            for (SimClaim c : a.claims.values()) {
                if (status == null || c.status.equals(status)) {
                    items.add(claimJson(c));
                }
            }
        }
        Map<String, String> keep = new LinkedHashMap<>();
        if (status != null) {
            keep.put("status", status);
        }
        return paged("/v2/claims/domains", items, page, perPage, keep);
    }

    private JsonObject claimJson(SimClaim c) {
        JsonObject o = new JsonObject();
        o.addProperty("id", c.id);
        o.addProperty("status", c.status);
        o.addProperty("domain", c.domain + ".");
        o.addProperty("created_at", c.createdAt.getEpochSecond());
        o.addProperty("expires_at", c.expiresAt);
        o.addProperty("assert_by", c.assertBy);
        JsonArray log = new JsonArray();
        for (SimClaim.LogEntry e : c.log) {
            JsonObject l = new JsonObject();
            l.addProperty("status", e.status());
            l.addProperty("description", e.description());
            l.addProperty("timestamp", e.timestamp());
            log.add(l);
        }
        o.add("log", log);
        o.addProperty("token", c.token);
        if (c.lastVerifiedAt > 0) {
            o.addProperty("last_verified_at", c.lastVerifiedAt);
            o.addProperty("last_verification_method", c.lastVerificationMethod);
        }
        return o;
    }

    private Response createClaim(SimAccount a, String rawDomain) {
        String domain = Names.claimDomain(rawDomain);
        for (String blocked : config.blockedDomains()) {
            if (domain.equals(blocked) || domain.endsWith("." + blocked)) {
                throw new ApiException(422, "Validation error message",
                        Map.of("blacklist", domain + " is not allowed by the blacklist"));
            }
        }
        Instant now = clock.instant();
        synchronized (lock) {
            String id;
            do {
                id = randomHex32();
            } while (a.claims.containsKey(id));
            SimClaim c = new SimClaim(id, domain, now);
            newToken(c, now);
            a.claims.put(id, c);
            return claimTokenResponse(c);
        }
    }

    private void newToken(SimClaim c, Instant now) {
        c.token = "globalsign-domain-verification=" + randomHex32();
        c.assertBy = now.plus(config.claimAssertPeriod()).getEpochSecond();
    }

    private static Response claimTokenResponse(SimClaim c) {
        JsonObject o = new JsonObject();
        o.addProperty("token", c.token);
        o.addProperty("assert_by", c.assertBy);
        o.addProperty("id", c.id);
        return Response.json(201, o).header("Location", "/v2/claims/domains/" + c.id);
    }

    private Response reassert(SimAccount a, String id) {
        runDueChecks(a, false);
        Instant now = clock.instant();
        synchronized (lock) {
            SimClaim c = findClaim(a, id);
            if (c.checkPending()) {
                return Response.json(202, description("Operation in progress"));
            }
            newToken(c, now);
            if (c.status.equals("VERIFIED") && c.expiresAt <= now.getEpochSecond()) {
                c.status = "PENDING";
            }
            c.log.add(new SimClaim.LogEntry("INFO", "claim reasserted: new token issued", now.getEpochSecond()));
            return claimTokenResponse(c);
        }
    }

    private Response assertDns(HttpExchange ex, SimAccount a, String id) throws IOException {
        JsonObject body = jsonBody(ex, false);
        String adn = null;
        if (body != null) {
            for (String k : body.keySet()) {
                if (!k.equals("authorization_domain")) {
                    throw new ApiException(400, "Bad Request: unknown field " + k);
                }
            }
            JsonElement e = body.get("authorization_domain");
            if (e != null && !e.isJsonNull()) {
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                    throw new ApiException(400, "Bad Request: authorization_domain must be a string");
                }
                adn = e.getAsString();
                if (adn.isBlank()) {
                    throw ApiException.validation("authorization_domain: must not be empty");
                }
            }
        }
        runDueChecks(a, false);
        Instant now = clock.instant();
        String checkName;
        synchronized (lock) {
            SimClaim c = findClaim(a, id);
            if (adn != null) {
                String want = SandboxZone.key(adn);
                if (!Names.authorizationDomains(c.domain).contains(want)) {
                    throw ApiException.validation("authorization_domain: " + adn
                            + " is not an authorization domain of " + c.domain + ".");
                }
                checkName = want;
            } else {
                checkName = c.domain + ".";
            }
            if (c.checkPending()) {
                return Response.json(202, description("Operation in progress"));
            }
            if (c.assertBy != 0 && now.getEpochSecond() > c.assertBy) {
                throw new ApiException(424, "Claim expired. Reassert first");
            }
            Duration delay = faults.claimCheckDelay();
            if (delay != null) {
                c.checkDueAt = now.plus(delay);
                c.checkName = checkName;
                c.log.add(new SimClaim.LogEntry("INFO", "DNS verification scheduled for " + checkName,
                        now.getEpochSecond()));
                return Response.empty(201);
            }
        }
        String failure = checkTxt(a, id, checkName);
        if (failure == null) {
            return Response.empty(204);
        }
        throw new ApiException(422, "error verifying domain claim", Map.of("dns", failure));
    }

    /**
     * Looks up the TXT record for a claim (outside the state lock) and applies the outcome: VERIFIED or an ERROR log
     * entry. Returns null on success, else the reason.
     */
    private String checkTxt(SimAccount a, String id, String name) {
        String token;
        synchronized (lock) {
            SimClaim c = a.claims.get(id.toUpperCase(Locale.ROOT));
            if (c == null) {
                return "claim deleted";
            }
            token = c.token;
        }
        String failure;
        try {
            List<String> values = lookup.txt(name);
            if (values.contains(token)) {
                failure = null;
            } else if (values.isEmpty()) {
                failure = "no TXT record found at " + name + " (" + lookup.describe() + ")";
            } else {
                failure = "TXT record at " + name + " does not contain the claim token (found " + values.size()
                        + " other value" + (values.size() == 1 ? "" : "s") + ")";
            }
        } catch (IOException | RuntimeException e) {
            failure = "DNS lookup of " + name + " failed: " + e.getMessage();
        }
        Instant now = clock.instant();
        synchronized (lock) {
            SimClaim c = a.claims.get(id.toUpperCase(Locale.ROOT));
            if (c == null) {
                return "claim deleted";
            }
            c.checkDueAt = null;
            c.checkName = null;
            if (failure == null && token.equals(c.token)) {
                c.status = "VERIFIED";
                c.assertBy = 0;
                c.expiresAt = now.plus(config.claimReusePeriod()).getEpochSecond();
                c.lastVerifiedAt = now.getEpochSecond();
                c.lastVerificationMethod = "DNS";
                c.log.add(new SimClaim.LogEntry("SUCCESS", "domain verified by DNS TXT record at " + name,
                        now.getEpochSecond()));
                return null;
            }
            String why = failure == null ? "token changed during verification" : failure;
            c.log.add(new SimClaim.LogEntry("ERROR", "error verifying domain claim: " + why, now.getEpochSecond()));
            return why;
        }
    }

    /** Runs deferred checks that are due (or all when {@code force}), for one account or every account. */
    private void runDueChecks(SimAccount only, boolean force) {
        List<Object[]> due = new ArrayList<>();
        Instant now = clock.instant();
        synchronized (lock) {
            for (SimAccount a : only == null ? List.copyOf(accounts.values()) : List.of(only)) {
                for (SimClaim c : a.claims.values()) {
                    if (c.checkPending() && (force || !now.isBefore(c.checkDueAt))) {
                        due.add(new Object[] {a, c.id, c.checkName});
                    }
                }
            }
        }
        for (Object[] d : due) {
            checkTxt((SimAccount) d[0], (String) d[1], (String) d[2]);
        }
    }

    // ================================================================== portal

    private Response handlePortal(HttpExchange ex, String method, String p, String query) throws IOException {
        Map<String, String> q = queryParams(query);
        switch (p) {
            case "/credentials": {
                requireMethod(method, "POST");
                String kind = q.getOrDefault("policy", "tls");
                JsonObject policy = switch (kind) {
                    case "tls" -> ValidationPolicies.tls();
                    case "tls-pkcs8" -> ValidationPolicies.tlsPkcs8();
                    case "smime" -> ValidationPolicies.smime();
                    default -> throw ApiException.validation("policy: must be tls, tls-pkcs8 or smime");
                };
                SimAccount a = createAccount(policy, longParam(q, "quota", 1000));
                JsonObject o = new JsonObject();
                o.addProperty("api_key", a.apiKey());
                o.addProperty("api_secret", a.apiSecret());
                return Response.json(201, o);
            }
            case "/mtls": {
                requireMethod(method, "POST");
                String key = q.get("api_key");
                if (key == null || account(key) == null) {
                    throw new ApiException(404, "No credential set with this API key");
                }
                long days = longParam(q, "days", 365);
                if (days < 1 || days > 3650) {
                    throw ApiException.validation("days: must be between 1 and 3650");
                }
                String csr = new String(readBody(ex.getRequestBody()), StandardCharsets.UTF_8);
                String pem;
                try {
                    pem = issueMtlsCertificate(key, csr, Duration.ofDays(days));
                } catch (IllegalArgumentException e) {
                    throw ApiException.validation("csr: " + e.getMessage());
                }
                return new Response(201, "application/x-pem-file", pem.getBytes(StandardCharsets.US_ASCII),
                        new LinkedHashMap<>());
            }
            case "/sandbox-dns": {
                switch (method) {
                    case "POST": {
                        JsonObject body = jsonBody(ex, true);
                        String name = requiredString(body, "name");
                        String value = requiredString(body, "value");
                        if (name == null || value == null) {
                            throw ApiException.validation("name and value are required");
                        }
                        zone.publish(name, value);
                        return Response.empty(204);
                    }
                    case "DELETE": {
                        String name = q.get("name");
                        if (name == null || name.isEmpty()) {
                            throw ApiException.validation("name: is required");
                        }
                        if (q.containsKey("value")) {
                            zone.remove(name, q.get("value"));
                        } else {
                            zone.removeAll(name);
                        }
                        return Response.empty(204);
                    }
                    case "GET": {
                        String name = q.get("name");
                        if (name == null || name.isEmpty()) {
                            throw ApiException.validation("name: is required");
                        }
                        JsonArray arr = new JsonArray();
                        zone.txt(name).forEach(arr::add);
                        return Response.json(200, arr);
                    }
                    default:
                        throw methodNotAllowed();
                }
            }
            default:
                throw new ApiException(404, "Not found");
        }
    }

    // ================================================================== TLS client certificate checks

    /**
     * Accepts a client certificate only if it chains to the client-auth CA, is valid on the simulator clock and has
     * the clientAuth EKU. Advertises no acceptable issuers, so clients send what they have and a wrong certificate
     * fails the handshake instead of being silently withheld.
     */
    private final class ClientCertTrustManager extends X509ExtendedTrustManager {
        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no client certificate");
            }
            try {
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(clientCa.cert(), null)));
                params.setRevocationEnabled(false);
                params.setDate(Date.from(clock.instant()));
                List<X509Certificate> path = new ArrayList<>();
                for (X509Certificate c : chain) {
                    if (!c.equals(clientCa.cert())) {
                        path.add(c);
                    }
                }
                CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(path), params);
                List<String> eku = chain[0].getExtendedKeyUsage();
                if (eku == null || !eku.contains(KeyPurposeId.id_kp_clientAuth.getId())) {
                    throw new CertificateException("client certificate lacks the clientAuth extended key usage");
                }
            } catch (CertificateException e) {
                throw e;
            } catch (Exception e) {
                throw new CertificateException("client certificate rejected: " + e.getMessage(), e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("server side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("server side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("server side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
