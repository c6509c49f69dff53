package io.atlasonboard.core.atlas;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A small HVCA API peer for client tests, over real HTTPS with required client certificates on loopback: login with
 * key + secret + bound certificate serial, 10-minute tokens on its own clock, the account endpoints, certificate
 * pickup (202 then 200), PATCH or DELETE revocation, claims; fault queue (429/503), slow responses, token revocation,
 * and a log of the requests it received. Used until (and besides) the product simulator for the client's own rules.
 */
public final class LoopbackHvca implements AutoCloseable {
    public static final String POLICY = """
            {"validity":{"secondsmin":3600,"secondsmax":7776000,"not_before_negative_skew":120,
              "not_before_positive_skew":120,"issuer_expiry":1999999999},
             "subject_dn":{"common_name":{"presence":"REQUIRED","format":"^.*$"},
               "organization":{"presence":"STATIC","format":"Acme Retail Inc"},
               "country":{"presence":"FORBIDDEN","format":""},
               "organizational_unit":{"static":false,"list":[".*"],"mincount":0,"maxcount":3}},
             "san":{"critical":false,"dns_names":{"static":false,"list":["."],"mincount":0,"maxcount":5},
               "emails":{"static":false,"list":[],"mincount":0,"maxcount":0},
               "ip_addresses":{"static":false,"list":[],"mincount":0,"maxcount":0},
               "uris":{"static":false,"list":[],"mincount":0,"maxcount":0},"other_names":null},
             "key_usages":{"digital_signature":"STATIC_TRUE","key_encipherment":"OPTIONAL"},
             "extended_key_usages":{"ekus":{"static":true,"list":["1.3.6.1.5.5.7.3.2"],"mincount":1,"maxcount":1},
               "critical":false},
             "public_key":{"key_type":"RSA","allowed_lengths":[2048,4096],"key_format":"PKCS10"},
             "public_key_signature":"FORBIDDEN",
             "a_field_from_the_future":{"nested":[1,2,3]}}
            """;

    public record Account(String apiKey, String apiSecret, BigInteger boundSerial) {
    }

    private final HttpsServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Deque<Integer> faults = new ArrayDeque<>();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public volatile Duration delay = Duration.ZERO;
    volatile int pendingPolls = 0;
    volatile boolean patchSupported = true;
    volatile Clock clock = Clock.systemUTC();
    volatile String bindingDescription = "Client certificate serial number not bound to this API key";

    LoopbackHvca(X509Certificate serverCert, java.security.PrivateKey serverKey, X509Certificate clientCa)
            throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", serverKey, "x".toCharArray(), new X509Certificate[] {serverCert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("client-ca", clientCa);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ctx.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.setExecutor(pool);
        server.createContext("/v2/", this::handle);
        server.start();
    }

    public void addAccount(String key, String secret, BigInteger serial) {
        accounts.put(key, new Account(key, secret, serial));
    }

    public synchronized void fail(int... statuses) {
        for (int s : statuses) {
            faults.add(s);
        }
    }

    public void revokeTokens() {
        tokens.clear();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "https://localhost:" + port() + "/v2";
    }

    public long count(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    private synchronized Integer nextFault() {
        return faults.poll();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath().substring(3);
            requests.add(method + " " + path);
            if (ex.getRequestHeaders().containsKey("Proxy-Authorization")) {
                requests.add("LEAKED Proxy-Authorization");
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer fault = nextFault();
            if (fault != null) {
                problem(ex, fault, fault == 429 ? "Rate Limit Reached" : "Service busy, please retry later");
                return;
            }
            if (body.length > 0) {
                String ct = ex.getRequestHeaders().getFirst("Content-Type");
                if (ct == null || !ct.replace(" ", "").equalsIgnoreCase("application/json;charset=utf-8")) {
                    problem(ex, 415, "Bad Content-Type");
                    return;
                }
                if (ex.getRequestHeaders().getFirst("Content-Length") == null) {
                    problem(ex, 411, "Content-Length required");
                    return;
                }
            }
            if (method.equals("POST") && path.equals("/login")) {
                login(ex, body);
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            Instant issued = token == null ? null : tokens.get(token);
            if (issued == null || !clock.instant().isBefore(issued.plus(Duration.ofMinutes(10)))) {
                problem(ex, 401, "Unauthorized");
                return;
            }
            route(ex, method, path, body);
        }
    }

    private void login(HttpExchange ex, byte[] body) throws IOException {
        JsonObject o;
        try {
            o = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            problem(ex, 400, "Bad Request");
            return;
        }
        if (!o.has("api_key") || !o.has("api_secret")) {
            problem(ex, 422, "Invalid login request");
            return;
        }
        Account a = accounts.get(o.get("api_key").getAsString());
        if (a == null || !a.apiSecret().equals(o.get("api_secret").getAsString())) {
            problem(ex, 401, "Unauthorized");
            return;
        }
        X509Certificate peer = (X509Certificate) ((HttpsExchange) ex).getSSLSession().getPeerCertificates()[0];
        if (!peer.getSerialNumber().equals(a.boundSerial())) {
            problem(ex, 401, bindingDescription);
            return;
        }
        String t = UUID.randomUUID().toString();
        tokens.put(t, clock.instant());
        json(ex, 200, "{\"access_token\":\"" + t + "\",\"unexpected\":true}", Map.of());
    }

    private void route(HttpExchange ex, String method, String path, byte[] body) throws IOException {
        if (method.equals("GET") && path.equals("/validationpolicy")) {
            json(ex, 200, POLICY, Map.of());
        } else if (method.equals("GET") && path.equals("/quotas/issuance")) {
            json(ex, 200, "{\"value\":999881}", Map.of());
        } else if (method.equals("GET") && path.startsWith("/counters/certificates/")) {
            json(ex, 200, "{\"value\":7}", Map.of());
        } else if (method.equals("GET") && path.equals("/trustchain")) {
            json(ex, 200, "[\"-----BEGIN CERTIFICATE-----\\nA\\n-----END CERTIFICATE-----\\n\"]", Map.of());
        } else if (method.equals("POST") && path.equals("/certificates")) {
            ex.getResponseHeaders().add("Location", "/v2/certificates/01F61750041A52E5561F0DC342A4BF3D");
            ex.sendResponseHeaders(201, -1);
        } else if (method.equals("GET") && path.startsWith("/certificates/")) {
            if (pendingPolls > 0) {
                pendingPolls--;
                json(ex, 202, "{\"description\":\"Operation in progress\"}", Map.of());
            } else if (path.endsWith("/00")) {
                problem(ex, 404, "Not found");
            } else {
                json(ex, 200, "{\"certificate\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\","
                        + "\"status\":\"issued\",\"updated_at\":1700000000,\"extra\":1}", Map.of());
            }
        } else if (method.equals("PATCH") && path.startsWith("/certificates/")) {
            if (!patchSupported) {
                problem(ex, 405, "Method Not Allowed");
                return;
            }
            if (path.endsWith("/00")) {
                problem(ex, 404, "Not found");
                return;
            }
            JsonObject o = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
            if (!o.has("revocation_reason")) {
                problem(ex, 422, "revocation_reason: required");
                return;
            }
            ex.sendResponseHeaders(204, -1);
        } else if (method.equals("DELETE") && path.startsWith("/certificates/")) {
            ex.sendResponseHeaders(204, -1);
        } else if (method.equals("POST") && path.startsWith("/claims/domains/") && path.endsWith("/dns")) {
            ex.sendResponseHeaders(201, -1);
        } else if (method.equals("POST") && path.startsWith("/claims/domains/")) {
            if (path.contains("blocked")) {
                json(ex, 422, "{\"description\":\"Validation error message\",\"id\":\"X1\",\"errors\":{\"blacklist\":"
                        + "\"blocked.example is not allowed by the blacklist\"}}", Map.of());
                return;
            }
            ex.getResponseHeaders().add("Location", "/v2/claims/domains/887D348DCF861009C4EC5DFFEEF7A2A6");
            json(ex, 201, "{\"token\":\"globalsign-domain-verification=2044275D87CE4115047E08E9B4076586\","
                    + "\"assert_by\":1700000000}", Map.of());
        } else if (method.equals("GET") && path.equals("/claims/domains")) {
            String q = ex.getRequestURI().getQuery();
            boolean first = q != null && q.contains("page=1&");
            String item = "{\"id\":\"%s\",\"status\":\"PENDING\",\"domain\":\"d%s.example.\",\"created_at\":1,"
                    + "\"expires_at\":0,\"assert_by\":2,\"log\":[{\"status\":\"INFO\",\"description\":\"x\","
                    + "\"timestamp\":1}],\"new_field\":\"ignored\"}";
            ex.getResponseHeaders().add("Total-Count", "3");
            if (first) {
                ex.getResponseHeaders().add("Links", "</claims/domains?page=2>; rel=\"next\", "
                        + "</claims/domains?page=2>; rel=\"last\"");
                json(ex, 200, "[" + item.formatted("A1", "1") + "," + item.formatted("A2", "2") + "]", Map.of());
            } else {
                json(ex, 200, "[" + item.formatted("A3", "3") + "]", Map.of());
            }
        } else {
            problem(ex, 404, "Not found");
        }
    }

    private static void problem(HttpExchange ex, int status, String description) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/problem+json;charset=utf-8");
        byte[] b = ("{\"description\":\"" + description + "\",\"id\":\"0vqe8FWeDe4DQ7rU7wbzzGmPc4B\"}")
                .getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    private static void json(HttpExchange ex, int status, String body, Map<String, String> headers)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json;charset=utf-8"
                : "application/json;charset=utf-8");
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
