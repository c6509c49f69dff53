package io.atlasonboard.core.atlas;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

/**
 * Client of the GlobalSign Atlas HVCA API v2 (ATLAS-API.md) on {@code java.net.http}: mutual TLS from the provider's
 * keystore, per-client proxy with preemptive Basic proxy credentials (never JVM-wide), fixed-length JSON bodies, a token cache with
 * re-login after 9 minutes (by the injected clock) and one re-login plus retry on a 401 (never for {@code /login}),
 * bounded retries with exponential backoff on 429, 503 and (certificate pickup) 202. Errors come back as
 * {@link AtlasApiException} (HTTP answer) or {@link AtlasTransportException} (no HTTP answer).
 *
 * <p>Thread-safe. Close it to wipe the copy of the API secret it holds.
 */
public final class AtlasClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasClient.class);
    public static final String JSON_UTF8 = "application/json;charset=utf-8";
    /** Tokens live 10 minutes (ATLAS-API.md 2); we re-login after 9. */
    public static final Duration TOKEN_REUSE = Duration.ofMinutes(9);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{1,64}");
    private static final Pattern CLAIM_ID = Pattern.compile("[0-9A-Za-z]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9._*-]{1,255}");

    private final AtlasConnectionConfig config;
    private final String apiKey;
    private final char[] apiSecret;
    private final AtlasTls tls;
    private final HttpClient http;
    private final Gson gson = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

    private final Object tokenLock = new Object();
    private String token;
    private Instant tokenObtained;
    private volatile int logins;

    public AtlasClient(AtlasConnectionConfig config, String apiKey, char[] apiSecret) {
        this.config = Objects.requireNonNull(config);
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.apiSecret = Objects.requireNonNull(apiSecret, "apiSecret").clone();
        this.tls = new AtlasTls(config);
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .sslContext(tls.context());
        ProxySettings proxy = config.proxy();
        if (proxy != null) {
            b.proxy(ProxySelector.of(new InetSocketAddress(proxy.host(), proxy.port())));
            // No Authenticator on purpose: once an HttpClient has one, java.net.http drops every user-set
            // "Authorization" header (jdk.internal.net.http.common.Utils.CONTEXT_RESTRICTED), which would strip our
            // Bearer token. Proxy credentials go as a preemptive "Proxy-Authorization" request header instead;
            // java.net.http sends proxy-* headers only on the CONNECT to the proxy, never through the tunnel.
            if (proxy.hasCredentials() && !ProxyTunnelAuth.basicAllowedForTunnels()) {
                LOG.warn("Basic proxy authentication for HTTPS tunnels is disabled in this JVM ({}); the proxy will"
                        + " refuse the connection. Call ProxyTunnelAuth.enableBasicForProxyTunnels() at start-up.",
                        ProxyTunnelAuth.PROPERTY);
            }
        } else {
            b.proxy(HttpClient.Builder.NO_PROXY);
        }
        this.http = b.build();
    }

    AtlasTls tls() {
        return tls;
    }

    public AtlasConnectionConfig config() {
        return config;
    }

    /** How many successful logins this client made (for tests and diagnostics). */
    public int loginCount() {
        return logins;
    }

    // ---------------------------------------------------------------- authentication

    /** {@code POST /login}: gets a fresh token and caches it. A 401 here is final (wrong key/secret or certificate). */
    public void login() {
        char[] json = null;
        byte[] body = null;
        try {
            json = loginJson();
            ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(json));
            body = new byte[bb.remaining()];
            bb.get(body);
            Arrays.fill(bb.array(), (byte) 0);
            HttpResponse<byte[]> r = exchange("POST", "/login", body, false, false);
            expect(r, "POST", "/login", 200);
            JsonObject o = parseObject(r, "POST", "/login");
            JsonElement t = o.get("access_token");
            if (t == null || !t.isJsonPrimitive() || t.getAsString().isEmpty()) {
                throw new AtlasException("POST /login answered 200 without an access_token");
            }
            synchronized (tokenLock) {
                token = t.getAsString();
                tokenObtained = config.clock().instant();
            }
            logins++;
        } finally {
            if (json != null) {
                Arrays.fill(json, '\0');
            }
            if (body != null) {
                Arrays.fill(body, (byte) 0);
            }
        }
    }

    private char[] loginJson() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"api_key\":");
        appendJsonString(sb, apiKey);
        sb.append(",\"api_secret\":");
        int secretStart = sb.length();
        appendJsonString(sb, CharBuffer.wrap(apiSecret));
        sb.append('}');
        char[] out = new char[sb.length()];
        sb.getChars(0, sb.length(), out, 0);
        // overwrite the builder's copy of the secret
        for (int i = secretStart; i < sb.length(); i++) {
            sb.setCharAt(i, '\0');
        }
        return out;
    }

    private static void appendJsonString(StringBuilder sb, CharSequence s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private String currentToken() {
        synchronized (tokenLock) {
            if (token != null && config.clock().instant().isBefore(tokenObtained.plus(TOKEN_REUSE))) {
                return token;
            }
        }
        login();
        synchronized (tokenLock) {
            return token;
        }
    }

    private void dropToken(String stale) {
        synchronized (tokenLock) {
            if (Objects.equals(token, stale)) {
                token = null;
            }
        }
    }

    // ---------------------------------------------------------------- account

    public ValidationPolicy validationPolicy() {
        HttpResponse<byte[]> r = exchange("GET", "/validationpolicy", null, true, false);
        expect(r, "GET", "/validationpolicy", 200);
        JsonObject o = parseObject(r, "GET", "/validationpolicy");
        try {
            return gson.fromJson(o, ValidationPolicy.class).withRaw(o);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new AtlasException("GET /validationpolicy: the policy does not have the documented shape: "
                    + e.getMessage(), e);
        }
    }

    /** {@code GET /quotas/issuance}: remaining issuance quota. */
    public long quotaIssuance() {
        return value("/quotas/issuance");
    }

    public long countIssued() {
        return value("/counters/certificates/issued");
    }

    public long countRevoked() {
        return value("/counters/certificates/revoked");
    }

    private long value(String path) {
        HttpResponse<byte[]> r = exchange("GET", path, null, true, false);
        expect(r, "GET", path, 200);
        Long v = num(parseObject(r, "GET", path), "value", "GET", path);
        if (v == null) {
            throw new AtlasException("GET " + path + " answered without a numeric \"value\"");
        }
        return v;
    }

    /** {@code GET /trustchain}: PEM strings, issuing CA first, root last. */
    public List<String> trustChain() {
        HttpResponse<byte[]> r = exchange("GET", "/trustchain", null, true, false);
        expect(r, "GET", "/trustchain", 200);
        return strings(parseArray(r, "GET", "/trustchain"), "GET", "/trustchain");
    }

    // ---------------------------------------------------------------- certificates

    /** {@code POST /certificates} with the given request JSON (ATLAS-API.md 4.2); returns the serial from {@code Location}. */
    public String requestCertificate(JsonObject request) {
        byte[] body = gson.toJson(request).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = exchange("POST", "/certificates", body, true, false);
        expect(r, "POST", "/certificates", 201);
        return locationId(r, "POST", "/certificates");
    }

    /** {@code GET /certificates/{serial}} once; 202 gives a PENDING info (429/503 are still retried). */
    public CertificateInfo getCertificate(String serial) {
        return certificate(serial, false);
    }

    /** Like {@link #getCertificate} but keeps polling with backoff while the API answers 202 (bounded). */
    public CertificateInfo awaitCertificate(String serial) {
        return certificate(serial, true);
    }

    private CertificateInfo certificate(String serial, boolean waitWhilePending) {
        String s = checked(serial, SERIAL, "serial number").toUpperCase(Locale.ROOT);
        String path = "/certificates/" + s;
        HttpResponse<byte[]> r = exchange("GET", path, null, true, waitWhilePending);
        if (r.statusCode() == 202) {
            return new CertificateInfo(s, "PENDING", null, null);
        }
        expect(r, "GET", path, 200);
        JsonObject o = parseObject(r, "GET", path);
        String status = str(o, "status");
        Long up = num(o, "updated_at", "GET", path);
        long updated = up == null ? 0 : up;
        return new CertificateInfo(s, status == null ? null : status.toUpperCase(Locale.ROOT), str(o, "certificate"),
                updated == 0 ? null : Instant.ofEpochSecond(updated));
    }

    /**
     * Revokes: {@code PATCH /certificates/{serial}} with the reason; when the server refuses the PATCH method itself
     * (405 or 501), falls back to the deprecated {@code DELETE}. A 404 means the certificate is unknown (ATLAS-API.md
     * 4.4) and is reported as such, not retried. Returns the method used.
     */
    public String revokeCertificate(String serial, RevocationReason reason) {
        String s = checked(serial, SERIAL, "serial number").toUpperCase(Locale.ROOT);
        String path = "/certificates/" + s;
        JsonObject body = new JsonObject();
        body.addProperty("revocation_reason", reason.apiName());
        HttpResponse<byte[]> r = exchange("PATCH", path, gson.toJson(body).getBytes(StandardCharsets.UTF_8), true,
                false);
        int sc = r.statusCode();
        if (sc == 204 || sc == 200) {
            return "PATCH";
        }
        if (sc == 405 || sc == 501) {
            LOG.debug("PATCH {} refused with {}, falling back to DELETE", path, sc);
            HttpResponse<byte[]> d = exchange("DELETE", path, null, true, false);
            expect(d, "DELETE", path, 204, 200);
            return "DELETE";
        }
        throw problem(r, "PATCH", path);
    }

    public Page<StatsEntry> stats(StatsEntry.Kind kind, Instant from, Instant to, int page, int perPage) {
        StringBuilder q = new StringBuilder("/stats/").append(kind.path).append("?page=").append(page)
                .append("&per_page=").append(perPage);
        if (from != null) {
            q.append("&from=").append(from.getEpochSecond());
        }
        if (to != null) {
            q.append("&to=").append(to.getEpochSecond());
        }
        String path = q.toString();
        HttpResponse<byte[]> r = exchange("GET", path, null, true, false);
        expect(r, "GET", path, 200);
        List<StatsEntry> items = shaped("GET", path, () -> gson.fromJson(parseArray(r, "GET", path),
                new TypeToken<List<StatsEntry>>() { }.getType()));
        return new Page<>(items, totalCount(r), hasNext(r));
    }

    // ---------------------------------------------------------------- domain claims

    /** {@code GET /claims/domains}: one page; {@code status} PENDING/VERIFIED or null for all. */
    public Page<Claim> listClaims(String status, int page, int perPage) {
        StringBuilder q = new StringBuilder("/claims/domains?page=").append(page).append("&per_page=").append(perPage);
        if (status != null && !status.isBlank()) {
            q.append("&status=").append(status.toUpperCase(Locale.ROOT));
        }
        String path = q.toString();
        HttpResponse<byte[]> r = exchange("GET", path, null, true, false);
        expect(r, "GET", path, 200);
        List<Claim> items = shaped("GET", path, () -> gson.fromJson(parseArray(r, "GET", path),
                new TypeToken<List<Claim>>() { }.getType()));
        return new Page<>(items, totalCount(r), hasNext(r));
    }

    /** Pages of a listing fetched at the same time once the first page told how many there are. */
    static final int LIST_CONCURRENCY = 4;
    /** Claims per page in {@link #listAllClaims} and {@link #listClaimPages} (the most clients ask for). */
    public static final int LIST_PER_PAGE = 100;
    private static final int LIST_MAX_PAGES = 1000;

    /**
     * All claims, following pages until {@code Links} has no next (bounded to 1000 pages). When the first page's
     * {@code Total-Count} says there are more, the other pages are fetched {@value #LIST_CONCURRENCY} at a time over
     * the kept-alive connections (an account with thousands of claims lists in a fraction of the time), then in order
     * again if the listing grew meanwhile.
     */
    public List<Claim> listAllClaims(String status) {
        Page<Claim> first = listClaims(status, 1, LIST_PER_PAGE);
        List<Claim> all = new ArrayList<>(first.items());
        if (!more(first, all.size())) {
            return all;
        }
        int page = 2;
        if (first.totalCount() != null && !first.items().isEmpty()) {
            int last = (int) Math.min(LIST_MAX_PAGES, (first.totalCount() + LIST_PER_PAGE - 1L) / LIST_PER_PAGE);
            if (last >= 3) {
                List<Page<Claim>> pages = pagesAtOnce(status, 2, last);
                for (Page<Claim> p : pages) {
                    all.addAll(p.items());
                }
                Page<Claim> tail = pages.get(pages.size() - 1);
                if (!more(tail, all.size()) || tail.items().isEmpty()) {
                    return all;
                }
                page = last + 1;
            }
        }
        for (; page <= LIST_MAX_PAGES; page++) {
            Page<Claim> p = listClaims(status, page, LIST_PER_PAGE);
            all.addAll(p.items());
            if (!more(p, all.size())) {
                break;
            }
        }
        return all;
    }

    private static boolean more(Page<Claim> p, int seen) {
        return p.hasNext() || (p.totalCount() != null && seen < p.totalCount() && !p.items().isEmpty());
    }

    /**
     * Pages {@code from..to} of the claim listing ({@value #LIST_PER_PAGE} a page, {@code status} as in
     * {@link #listClaims}), {@value #LIST_CONCURRENCY} in flight over the kept-alive connections, in page order.
     */
    public List<Page<Claim>> listClaimPages(String status, int from, int to) {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("pages " + from + ".." + to);
        }
        return pagesAtOnce(status, from, to);
    }

    /** Pages {@code from..to} of the claim listing, {@value #LIST_CONCURRENCY} in flight, in page order. */
    private List<Page<Claim>> pagesAtOnce(String status, int from, int to) {
        int n = to - from + 1;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(LIST_CONCURRENCY, n), r -> {
                    Thread t = new Thread(r, "atlas-list-pages");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<Page<Claim>>> fs = new ArrayList<>(n);
            for (int p = from; p <= to; p++) {
                int page = p;
                fs.add(pool.submit(() -> listClaims(status, page, LIST_PER_PAGE)));
            }
            List<Page<Claim>> out = new ArrayList<>(n);
            for (java.util.concurrent.Future<Page<Claim>> f : fs) {
                try {
                    out.add(io.atlasonboard.core.tasks.Cancellation.await(f::get));
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new AtlasTransportException("GET /claims/domains: " + describe(c), c);
                } catch (InterruptedException e) {
                    keepInterrupt();
                    throw new AtlasCancelledException("GET /claims/domains: cancelled", e);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AtlasTransportException("GET /claims/domains: " + describe(e), e); // no limit set
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code POST /claims/domains/{domain}}: creates a claim; id from {@code Location}, token and deadline from the body. */
    public ClaimToken createClaim(String domain) {
        String d = checked(domain, DOMAIN, "domain name");
        String path = "/claims/domains/" + d;
        HttpResponse<byte[]> r = exchange("POST", path, null, true, false);
        expect(r, "POST", path, 201, 200);
        return claimToken(r, "POST", path);
    }

    public Claim getClaim(String claimId) {
        String path = "/claims/domains/" + checked(claimId, CLAIM_ID, "claim id");
        HttpResponse<byte[]> r = exchange("GET", path, null, true, false);
        expect(r, "GET", path, 200);
        return shaped("GET", path, () -> gson.fromJson(parseObject(r, "GET", path), Claim.class));
    }

    public void deleteClaim(String claimId) {
        String path = "/claims/domains/" + checked(claimId, CLAIM_ID, "claim id");
        HttpResponse<byte[]> r = exchange("DELETE", path, null, true, false);
        expect(r, "DELETE", path, 204, 200);
    }

    /** {@code GET /claims/domains/{id}/dns}: the Authorization Domain Names usable for this claim. */
    public List<String> claimAuthorizationDomains(String claimId) {
        String path = "/claims/domains/" + checked(claimId, CLAIM_ID, "claim id") + "/dns";
        HttpResponse<byte[]> r = exchange("GET", path, null, true, false);
        expect(r, "GET", path, 200);
        return strings(parseArray(r, "GET", path), "GET", path);
    }

    /** {@code POST /claims/domains/{id}/dns}, optionally naming an ADN; 424 (claim expired) comes as an exception. */
    public DnsAssertion assertDns(String claimId, String authorizationDomain) {
        String path = "/claims/domains/" + checked(claimId, CLAIM_ID, "claim id") + "/dns";
        JsonObject body = new JsonObject();
        if (authorizationDomain != null) {
            if (authorizationDomain.isBlank()) {
                throw new IllegalArgumentException("authorization domain is empty (omit it instead)");
            }
            body.addProperty("authorization_domain", authorizationDomain);
        }
        HttpResponse<byte[]> r = exchange("POST", path, gson.toJson(body).getBytes(StandardCharsets.UTF_8), true,
                false);
        return switch (r.statusCode()) {
            case 204, 200 -> DnsAssertion.VERIFIED;
            case 201 -> DnsAssertion.SCHEDULED;
            case 202 -> DnsAssertion.ALREADY_PENDING;
            default -> throw problem(r, "POST", path);
        };
    }

    /** {@code POST /claims/domains/{id}/reassert}: new token and deadline (202 while a check runs is retried, bounded). */
    public ClaimToken reassertClaim(String claimId) {
        String path = "/claims/domains/" + checked(claimId, CLAIM_ID, "claim id") + "/reassert";
        HttpResponse<byte[]> r = exchange("POST", path, null, true, true);
        expect(r, "POST", path, 201, 200);
        ClaimToken t = claimToken(r, "POST", path);
        return t.id() == null ? new ClaimToken(claimId, t.token(), t.assertBy()) : t;
    }

    private ClaimToken claimToken(HttpResponse<byte[]> r, String method, String path) {
        JsonObject o = parseObject(r, method, path);
        String id = r.headers().firstValue("Location").map(AtlasClient::lastSegment).orElse(str(o, "id"));
        Long ab = num(o, "assert_by", method, path);
        long assertBy = ab == null ? 0 : ab;
        return new ClaimToken(id, str(o, "token"), assertBy);
    }

    // ---------------------------------------------------------------- transport

    /**
     * Sends one logical request: re-login + one retry on 401 (authenticated calls only), bounded retries with backoff
     * on 429, 503 and (when {@code retry202}) 202, the waits between them capped in total by
     * {@link AtlasConnectionConfig#maxRetryWait()}: a server asking for a longer wait ends the call with
     * {@link AtlasRetryLaterException} (a 202 being polled just comes back as it is). Every attempt is bounded as a
     * whole (see {@link #send}). Returns the final response, whatever its status.
     */
    private HttpResponse<byte[]> exchange(String method, String path, byte[] body, boolean authenticated,
            boolean retry202) {
        int retries = 0;
        boolean reloggedIn = false;
        Duration waited = Duration.ZERO;
        // the whole call, every attempt and every wait between them: one request timeout plus the retry-wait cap
        Duration callLimit = config.requestTimeout().plus(config.maxRetryWait());
        long callEnd = System.nanoTime() + callLimit.toNanos();
        while (true) {
            String bearer = authenticated ? currentToken() : null;
            Duration left = Duration.ofNanos(callEnd - System.nanoTime());
            if (left.compareTo(Duration.ofMillis(100)) < 0) {
                throw new AtlasTransportException(method + " " + stripQuery(path) + ": the call did not finish "
                        + "within " + seconds(callLimit) + " s (with its retries)",
                        new java.net.http.HttpTimeoutException("call deadline " + callLimit));
            }
            Duration attempt = left.compareTo(config.requestTimeout()) < 0 ? left : config.requestTimeout();
            HttpRequest.Builder rb = HttpRequest.newBuilder(uri(path))
                    .timeout(attempt)
                    .header("Accept", "application/json");
            if (bearer != null) {
                rb.header("Authorization", "Bearer " + bearer);
            }
            if (config.proxy() != null && config.proxy().hasCredentials()) {
                rb.header("Proxy-Authorization", basicProxyCredentials(config.proxy()));
            }
            if (body != null) {
                rb.header("Content-Type", JSON_UTF8);
                rb.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            } else {
                rb.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> r = send(rb.build(), method, path, attempt);
            int sc = r.statusCode();
            LOG.debug("{} {} -> {}", method, path, sc);
            if (sc == 401 && authenticated && !reloggedIn) {
                reloggedIn = true;
                dropToken(bearer);
                continue;
            }
            boolean retryable = sc == 429 || sc == 503 || (sc == 202 && retry202);
            if (retryable && retries < config.maxRetries()) {
                Duration wait = backoff(retries, r);
                Duration budget = config.maxRetryWait().minus(waited);
                Duration beforeEnd = Duration.ofNanos(callEnd - System.nanoTime()).minusSeconds(1);
                if (beforeEnd.compareTo(budget) < 0) {
                    budget = beforeEnd; // a wait must leave time for the attempt after it
                }
                if (wait.compareTo(budget) > 0) {
                    if (sc == 202) {
                        return r;
                    }
                    Optional<Duration> asked = retryAfter(r);
                    throw new AtlasRetryLaterException(method, stripQuery(path), sc, asked.orElse(wait),
                            config.maxRetryWait());
                }
                sleep(wait);
                waited = waited.plus(wait);
                retries++;
                continue;
            }
            return r;
        }
    }

    /** The most an API answer body may be: the largest real answers (chains, stats pages) are far below it. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /**
     * One HTTP exchange, bounded as a whole: connect, TLS, headers and the body must finish within
     * {@link AtlasConnectionConfig#requestTimeout()}, the body is capped at {@link #MAX_BODY_BYTES}, and an interrupt
     * of the calling thread (Cancel, Ctrl-C) cancels the exchange at once.
     */
    private HttpResponse<byte[]> send(HttpRequest request, String method, String path, Duration limit) {
        Instant at = config.clock().instant();
        long start = System.nanoTime();
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(request,
                info -> new CappedBody(MAX_BODY_BYTES, info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        try {
            HttpResponse<byte[]> r = io.atlasonboard.core.tasks.Cancellation.await(
                    () -> f.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            observe(at, start, method, path, r.statusCode(), r.statusCode() >= 400 ? problemId(r) : null, null);
            return r;
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            observe(at, start, method, path, null, null, "timeout");
            throw new AtlasTransportException(method + " " + stripQuery(path) + ": the answer did not finish within "
                    + seconds(limit) + " s", new java.net.http.HttpTimeoutException("deadline " + limit));
        } catch (InterruptedException e) {
            f.cancel(true);
            observe(at, start, method, path, null, null, "interrupted");
            keepInterrupt();
            throw new AtlasCancelledException(method + " " + stripQuery(path) + ": cancelled", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            for (Throwable t = c; t != null; t = t.getCause()) {
                if (t instanceof CappedBody.TooLarge || (t instanceof javax.net.ssl.SSLException
                        && String.valueOf(t.getMessage()).contains("nrecognized SSL"))) {
                    c = t;
                    break;
                }
            }
            observe(at, start, method, path, null, null, c.getClass().getSimpleName());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            if (c instanceof java.net.http.HttpConnectTimeoutException
                    && tookMs < config.connectTimeout().toMillis() - 250) {
                // java.net.http reports its request timeout during the connection (TCP accepted, TLS never
                // answered) as a connect timeout: it was the whole-call deadline that ended it
                throw new AtlasTransportException(method + " " + stripQuery(path) + ": the answer did not finish "
                        + "within " + seconds(limit) + " s", c);
            }
            if (c instanceof java.net.http.HttpConnectTimeoutException) {
                throw new AtlasTransportException(method + " " + stripQuery(path) + ": could not connect to "
                        + config.host() + ":" + config.port() + " within " + seconds(config.connectTimeout()) + " s", c);
            }
            if (c instanceof java.net.http.HttpTimeoutException) {
                throw new AtlasTransportException(method + " " + stripQuery(path) + ": the answer did not finish "
                        + "within " + seconds(limit) + " s", c);
            }
            if (c instanceof CappedBody.TooLarge) {
                throw new AtlasTransportException(method + " " + stripQuery(path) + ": " + c.getMessage(), c);
            }
            if (c instanceof javax.net.ssl.SSLException && String.valueOf(c.getMessage()).contains("nrecognized SSL")) {
                throw new AtlasTransportException(method + " " + stripQuery(path) + ": " + notTls(), c);
            }
            throw new AtlasTransportException(method + " " + stripQuery(path) + ": " + describe(c), c);
        }
    }

    private String notTls() {
        return notTls(config);
    }

    /** True for the JDK's "not a TLS record" failure ("Unsupported or unrecognized SSL message"). */
    public static boolean isNotTls(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException && String.valueOf(c.getMessage()).contains("nrecognized SSL")) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a non-TLS answer: a short plain-HTTP probe (direct connections only) tells plain HTTP ("the server
     * answered plain HTTP on an https URL") from garbage ("did not answer with TLS").
     */
    public static String notTls(AtlasConnectionConfig config) {
        if (config.proxy() == null) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new InetSocketAddress(config.host(), config.port()), 3000);
                s.setSoTimeout(3000);
                s.getOutputStream().write(("HEAD / HTTP/1.0\r\nHost: " + config.host() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] head = s.getInputStream().readNBytes(5);
                if (new String(head, StandardCharsets.US_ASCII).equals("HTTP/")) {
                    return "the server answered plain HTTP on an https URL (" + config.host() + ":" + config.port()
                            + " does not speak TLS)";
                }
            } catch (IOException ignored) {
                // no clearer answer than the general one below
            }
        }
        return "the server did not answer with TLS (" + config.host() + ":" + config.port() + " sent something that is "
                + "not a TLS handshake)";
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /** Tells the config's observer about one exchange (never bodies or headers); its failures are only logged. */
    private void observe(Instant at, long startNanos, String method, String path, Integer status, String problemId,
            String transportError) {
        AtlasExchangeObserver o = config.observer();
        if (o == null) {
            return;
        }
        try {
            o.exchanged(new AtlasExchange(at, method, path, status, Duration.ofNanos(System.nanoTime() - startNanos),
                    problemId, transportError));
        } catch (RuntimeException e) {
            LOG.warn("The exchange observer failed for {} {}: {}", method, stripQuery(path), describe(e));
        }
    }

    private static String problemId(HttpResponse<byte[]> r) {
        byte[] b = r.body();
        if (b == null || b.length == 0) {
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(new String(b, StandardCharsets.UTF_8));
            return e.isJsonObject() ? str(e.getAsJsonObject(), "id") : null;
        } catch (JsonParseException | IllegalStateException e) {
            return null;
        }
    }

    public static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null && e.getCause() != null) {
            m = e.getCause().getMessage();
        }
        return e.getClass().getSimpleName() + (m != null ? ": " + m : "");
    }

    private static Optional<Duration> retryAfter(HttpResponse<byte[]> r) {
        Optional<String> ra = r.headers().firstValue("Retry-After");
        if (ra.isPresent()) {
            try {
                long secs = Long.parseLong(ra.get().trim());
                if (secs >= 0) {
                    return Optional.of(Duration.ofSeconds(secs));
                }
            } catch (NumberFormatException ignored) {
                // HTTP-date form: fall back to our own backoff
            }
        }
        return Optional.empty();
    }

    private Duration backoff(int retry, HttpResponse<byte[]> r) {
        Optional<Duration> ra = retryAfter(r);
        if (ra.isPresent()) {
            return ra.get();
        }
        Duration d = config.initialBackoff().multipliedBy(1L << Math.min(retry, 10));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private void sleep(Duration d) {
        try {
            config.sleeper().sleep(d);
        } catch (InterruptedException e) {
            keepInterrupt();
            throw new AtlasCancelledException("cancelled while waiting to retry", e);
        }
    }

    /**
     * An interrupt from outside (a plain {@link Thread#interrupt}) stays visible to the caller; a cancel through
     * {@link io.atlasonboard.core.tasks.Cancellation} is carried by the exception alone, so that the caller can still
     * close the store (H2 closes its file on an interrupted thread).
     */
    private static void keepInterrupt() {
        if (!io.atlasonboard.core.tasks.Cancellation.isCancelled()) {
            Thread.currentThread().interrupt();
        }
    }

    private URI uri(String path) {
        return URI.create(config.baseUri().toString() + path);
    }

    private static String checked(String value, Pattern p, String what) {
        if (value == null || !p.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid " + what + ": '" + value + "'");
        }
        return value;
    }

    private void expect(HttpResponse<byte[]> r, String method, String path, int... ok) {
        for (int s : ok) {
            if (r.statusCode() == s) {
                return;
            }
        }
        throw problem(r, method, path);
    }

    /** Builds the exception for an error answer, from problem+json when present. */
    static AtlasApiException problem(HttpResponse<byte[]> r, String method, String path) {
        String description = null;
        String id = null;
        Map<String, String> errors = new LinkedHashMap<>();
        byte[] b = r.body();
        if (b != null && b.length > 0) {
            try {
                JsonElement e = JsonParser.parseString(new String(b, StandardCharsets.UTF_8));
                if (e.isJsonObject()) {
                    JsonObject o = e.getAsJsonObject();
                    description = str(o, "description");
                    id = str(o, "id");
                    if (o.has("errors") && o.get("errors").isJsonObject()) {
                        for (var en : o.getAsJsonObject("errors").entrySet()) {
                            JsonElement v = en.getValue();
                            errors.put(en.getKey(), v.isJsonPrimitive() ? v.getAsString() : v.toString());
                        }
                    }
                }
            } catch (JsonParseException ignored) {
                // not JSON: no description from the body
            }
        }
        if (description == null) {
            description = defaultReason(r.statusCode());
        }
        return new AtlasApiException(method, stripQuery(path), r.statusCode(), description, id, errors);
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static String defaultReason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Quota Reached";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 407 -> "Proxy authentication required";
            case 409 -> "Conflict";
            case 411 -> "Content-Length required";
            case 415 -> "Bad Content-Type";
            case 422 -> "Validation error";
            case 424 -> "Claim expired. Reassert first";
            case 429 -> "Rate Limit Reached";
            case 503 -> "Service busy, please retry later";
            default -> "HTTP " + status;
        };
    }

    private static JsonObject parseObject(HttpResponse<byte[]> r, String method, String path) {
        JsonElement e = parse(r, method, path);
        if (!e.isJsonObject()) {
            throw new AtlasException(method + " " + stripQuery(path) + " answered JSON that is not an object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray parseArray(HttpResponse<byte[]> r, String method, String path) {
        JsonElement e = parse(r, method, path);
        if (!e.isJsonArray()) {
            throw new AtlasException(method + " " + stripQuery(path) + " answered JSON that is not an array");
        }
        return e.getAsJsonArray();
    }

    private static JsonElement parse(HttpResponse<byte[]> r, String method, String path) {
        try {
            return JsonParser.parseString(new String(r.body(), StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new AtlasException(method + " " + stripQuery(path) + " answered " + r.statusCode()
                    + " with a body that is not JSON", e);
        }
    }

    /** A numeric member, null when absent; an answer with a non-number there is refused in words. */
    private static Long num(JsonObject o, String name, String method, String path) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        try {
            if (!e.isJsonPrimitive()) {
                throw new NumberFormatException();
            }
            return e.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
        } catch (NumberFormatException | ArithmeticException | IllegalStateException | UnsupportedOperationException x) {
            throw new AtlasException(method + " " + stripQuery(path) + " answered a \"" + name + "\" that is not a "
                    + "whole number", x);
        }
    }

    private static List<String> strings(JsonArray a, String method, String path) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : a) {
            if (e == null || !e.isJsonPrimitive()) {
                throw new AtlasException(method + " " + stripQuery(path) + " answered a list with an entry that is "
                        + "not a string");
            }
            out.add(e.getAsString());
        }
        return out;
    }

    /** Mapping a parsed answer onto a record: a wrong shape is refused in words, not as a Gson exception. */
    private static <T> T shaped(String method, String path, java.util.function.Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NumberFormatException
                | ClassCastException e) {
            throw new AtlasException(method + " " + stripQuery(path) + ": the answer does not have the documented "
                    + "shape (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String str(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    static String lastSegment(String location) {
        String s = location.trim();
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.substring(s.lastIndexOf('/') + 1);
    }

    private static String locationId(HttpResponse<byte[]> r, String method, String path) {
        return r.headers().firstValue("Location").map(AtlasClient::lastSegment)
                .filter(s -> !s.isEmpty())
                .orElseThrow(() -> new AtlasException(method + " " + path + " answered "
                        + r.statusCode() + " without a Location header"));
    }

    private static Integer totalCount(HttpResponse<byte[]> r) {
        try {
            return r.headers().firstValue("Total-Count").map(String::trim).map(Integer::valueOf).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean hasNext(HttpResponse<byte[]> r) {
        for (String h : List.of("Links", "Link")) {
            for (String v : r.headers().allValues(h)) {
                if (v.toLowerCase(Locale.ROOT).contains("rel=\"next\"")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        Arrays.fill(apiSecret, '\0');
        synchronized (tokenLock) {
            token = null;
        }
    }

    /** "Basic base64(user:password)" for the proxy; built per request, never logged. */
    static String basicProxyCredentials(ProxySettings proxy) {
        char[] pw = proxy.password() == null ? new char[0] : proxy.password();
        CharBuffer cb = CharBuffer.allocate(proxy.user().length() + 1 + pw.length);
        cb.put(proxy.user()).put(':').put(pw).flip();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(cb);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        String header = "Basic " + java.util.Base64.getEncoder().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(cb.array(), '\0');
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
        return header;
    }
    // ---------------------------------------------------------------- issue 9: HTTP and e-mail validation, rekey

    /**
     * {@code POST /claims/domains/{id}/http} with the ADN whose web server serves the token and the scheme
     * ({@code http} or {@code https}): 204 verified, 201 scheduled, 202 a check is running (ATLAS-API.md 4.9).
     */
    public DnsAssertion assertHttp(String claimId, String authorizationDomain, String scheme) {
        String path = "/claims/domains/" + checked(claimId, CLAIM_ID, "claim id") + "/http";
        if (authorizationDomain == null || authorizationDomain.isBlank()) {
            throw new IllegalArgumentException("HTTP validation needs the authorization domain");
        }
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("scheme must be http or https, not '" + scheme + "'");
        }
        JsonObject body = new JsonObject();
        body.addProperty("authorization_domain", authorizationDomain);
        body.addProperty("scheme", scheme);
        HttpResponse<byte[]> r = exchange("POST", path, gson.toJson(body).getBytes(StandardCharsets.UTF_8), true,
                false);
        return assertion(r, "POST", path);
    }

    /** {@code GET /claims/domains/{id}/email}: the authorised approver addresses and their sources. */
    public ApproverEmails approverEmails(String claimId) {
        String path = "/claims/domains/" + checked(claimId, CLAIM_ID, "claim id") + "/email";
        HttpResponse<byte[]> r = exchange("GET", path, null, true, false);
        expect(r, "GET", path, 200);
        JsonObject o = parseObject(r, "GET", path);
        List<String> constructed = strings(o.get("constructed"));
        Map<String, ApproverEmails.Source> dns = new LinkedHashMap<>();
        JsonElement d = o.has("DNS") ? o.get("DNS") : o.get("dns");
        if (d != null && d.isJsonObject()) {
            for (var en : d.getAsJsonObject().entrySet()) {
                if (en.getValue().isJsonObject()) {
                    JsonObject src = en.getValue().getAsJsonObject();
                    dns.put(en.getKey(), new ApproverEmails.Source(strings(src.get("emails")),
                            strings(src.get("errors"))));
                }
            }
        }
        return new ApproverEmails(constructed, dns);
    }

    /** {@code POST /claims/domains/{id}/email}: sends the approval mail to one listed address (201) or 204 verified. */
    public DnsAssertion assertEmail(String claimId, String emailAddress) {
        String path = "/claims/domains/" + checked(claimId, CLAIM_ID, "claim id") + "/email";
        if (emailAddress == null || !emailAddress.contains("@")) {
            throw new IllegalArgumentException("not an e-mail address: '" + emailAddress + "'");
        }
        JsonObject body = new JsonObject();
        body.addProperty("email_address", emailAddress);
        HttpResponse<byte[]> r = exchange("POST", path, gson.toJson(body).getBytes(StandardCharsets.UTF_8), true,
                false);
        return assertion(r, "POST", path);
    }

    /**
     * {@code POST /certificates/{serial}/rekey} (ATLAS-API.md 4.5) with the request JSON ({@code public_key}
     * required; {@code public_key_signature}, {@code signature} as the policy asks): the new serial from
     * {@code Location}; the old certificate is unchanged.
     */
    public String rekeyCertificate(String serial, JsonObject request) {
        String s = checked(serial, SERIAL, "serial number").toUpperCase(Locale.ROOT);
        String path = "/certificates/" + s + "/rekey";
        byte[] body = gson.toJson(request).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = exchange("POST", path, body, true, false);
        expect(r, "POST", path, 201, 200);
        return locationId(r, "POST", path);
    }

    private DnsAssertion assertion(HttpResponse<byte[]> r, String method, String path) {
        return switch (r.statusCode()) {
            case 204, 200 -> DnsAssertion.VERIFIED;
            case 201 -> DnsAssertion.SCHEDULED;
            case 202 -> DnsAssertion.ALREADY_PENDING;
            default -> throw problem(r, method, path);
        };
    }

    private static List<String> strings(JsonElement e) {
        List<String> out = new ArrayList<>();
        if (e != null && e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                if (x.isJsonPrimitive()) {
                    out.add(x.getAsString());
                }
            }
        }
        return out;
    }
}
