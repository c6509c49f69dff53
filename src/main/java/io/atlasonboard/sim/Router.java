package io.atlasonboard.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;

import io.atlasonboard.sim.Http.Call;
import io.atlasonboard.sim.Http.Response;

/**
 * Sends each request to its handler: {@code /v2/login} to {@link AuthHandler}, other {@code /v2} paths (after fault
 * injection, the client-certificate check and Bearer authentication) to the API-area handlers, {@code /portal/*} to
 * {@link PortalHandler}. Turns {@link ApiException}s into problem+json, records every request, writes the answer.
 */
final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private final SimState s;
    private final AuthHandler auth;
    private final AccountHandler account;
    private final TrustChainHandler trustChain;
    private final CertificateHandler certificates;
    private final ClaimHandler claims;
    private final PortalHandler portal;

    Router(SimState s, ClaimValidator validator) {
        this.s = s;
        this.auth = new AuthHandler(s);
        this.account = new AccountHandler(s);
        this.trustChain = new TrustChainHandler(s);
        this.certificates = new CertificateHandler(s);
        HttpEmailValidator others = new HttpEmailValidator(s, validator);
        this.claims = new ClaimHandler(s, validator, others);
        this.portal = new PortalHandler(s, others);
    }

    void handle(HttpExchange ex) {
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
                r = v2(ex, method, path.substring(3), query, peer);
            } else if (path.startsWith("/portal/")) {
                r = portal.handle(new Call(ex, method, segments(path.substring("/portal".length())),
                        Http.queryParams(query)));
            } else {
                throw Http.notFound();
            }
        } catch (ApiException e) {
            r = Http.problem(e.status, e.getMessage(), e.errors);
        } catch (RuntimeException | IOException e) {
            LOG.warn("simulator: internal error on {} {}", method, path, e);
            r = Http.problem(500, "Internal simulator error", Map.of());
        }
        if (v2) {
            Duration delay = s.faults.responseDelay();
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
            Http.drain(ex.getRequestBody());
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

    private static String[] segments(String p) {
        return p.length() <= 1 ? new String[0] : p.substring(1).split("/", -1);
    }

    private Response v2(HttpExchange ex, String method, String p, String query, BigInteger peer) throws IOException {
        int forced = s.faults.takeForcedStatus(p.isEmpty() ? "/" : p);
        if (forced == 429) {
            throw new ApiException(429, "Rate Limit Reached");
        }
        if (forced == 503) {
            throw new ApiException(503, "Service busy, please retry later");
        }
        if (peer == null) {
            throw new ApiException(400, "No required SSL certificate was sent");
        }
        String[] seg = segments(p);
        if (seg.length == 1 && seg[0].equals("login")) {
            Http.requireMethod(method, "POST");
            return auth.login(ex, peer);
        }
        SimAccount a = auth.authenticate(ex);
        Call c = new Call(ex, method, seg, Http.queryParams(query));
        Response r = account.handle(c, a);
        if (r == null) {
            r = trustChain.handle(c);
        }
        if (r == null) {
            r = certificates.handle(c, a);
        }
        if (r == null) {
            r = claims.handle(c, a);
        }
        if (r == null) {
            throw Http.notFound();
        }
        return r;
    }

    private void record(HttpExchange ex, String method, String path, String query, int status, String serial) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Authorization")) {
                headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v));
            }
        });
        s.record(new RecordedRequest(s.clock.instant(), method, path, query, Map.copyOf(headers), status, serial,
                ex.getRemoteAddress() == null ? 0 : ex.getRemoteAddress().getPort()));
    }

    /** Serial of the verified client certificate (TLS), or of the X-SSL-Client-Serial header (plain test mode). */
    private BigInteger clientSerial(HttpExchange ex) {
        if (s.config.plainHttpForTests()) {
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
}
