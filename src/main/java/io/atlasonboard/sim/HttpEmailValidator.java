package io.atlasonboard.sim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atlasonboard.sim.Http.Call;
import io.atlasonboard.sim.Http.Response;

/**
 * The other two proofs of control (issue 9 item 3):
 * <ul>
 *   <li>{@code POST .../http} {@code {"authorization_domain","scheme"}}: fetches
 *       {@code scheme://ADN/.well-known/pki-validation/gsdv.txt} (or, when {@link SimulatorConfig#httpValidationTarget}
 *       is set, the same path on that loopback host:port) and verifies when a line of the body is the claim token:
 *       {@code 204}; otherwise {@code 422 "error verifying domain claim"} with {@code errors.http} and an ERROR log
 *       entry. Like a CA's fetcher, it does not check the TLS certificate of an https target and follows no
 *       redirect.</li>
 *   <li>{@code GET .../email}: {@code {"constructed": [admin@, administrator@, webmaster@, hostmaster@, postmaster@
 *       each ADN], "DNS": {"SOA": {"emails": [...], "errors": [...]}}}}; {@code POST .../email}
 *       {@code {"email_address"}} (one of those, any case): {@code 201}, the mail lands in the sandbox mailbox
 *       ({@code /portal/sandbox-mail}), and its approval makes the claim VERIFIED (method {@code EMAIL}).</li>
 * </ul>
 */
final class HttpEmailValidator {
    static final String HTTP_PATH = "/.well-known/pki-validation/gsdv.txt";
    private static final List<String> CONSTRUCTED = List.of("admin", "administrator", "webmaster", "hostmaster",
            "postmaster");
    private final SimState s;
    private final ClaimValidator validator;
    private volatile HttpClient fetcher;

    HttpEmailValidator(SimState s, ClaimValidator validator) {
        this.s = s;
        this.validator = validator;
    }

    Response assertHttp(Call call, SimAccount a, String id) throws IOException {
        JsonObject body = call.body(false);
        if (body != null) {
            Http.onlyFields(body, Set.of("authorization_domain", "scheme"));
        }
        String adn = Http.optionalString(body, "authorization_domain");
        String scheme = Http.optionalString(body, "scheme");
        if (adn != null && adn.isBlank()) {
            throw ApiException.validation("authorization_domain: must not be empty");
        }
        scheme = scheme == null ? "https" : scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiException.validation("scheme: must be http or https");
        }
        String host;
        String token;
        synchronized (s.lock) {
            SimClaim c = ClaimHandler.find(a, id);
            host = Names.stripDot(adn != null ? ClaimValidator.authorizationDomain(c, adn) : c.domain + ".");
            if (c.checkPending()) {
                return Response.json(202, Http.description("Operation in progress"));
            }
            if (c.assertBy != 0 && s.clock.instant().getEpochSecond() > c.assertBy) {
                throw new ApiException(424, "Claim expired. Reassert first");
            }
            token = c.token;
        }
        String url = scheme + "://" + host + HTTP_PATH;
        String failure = fetchAndCompare(scheme, host, url, token);
        String why = validator.settle(a, id, token, failure, "HTTP", "domain verified by HTTP at " + url);
        if (why == null) {
            return Response.empty(204);
        }
        throw new ApiException(422, "error verifying domain claim", Map.of("http", why));
    }

    private String fetchAndCompare(String scheme, String host, String url, String token) {
        String target = s.config.httpValidationTarget();
        URI uri = URI.create(target == null ? url : scheme + "://" + target + HTTP_PATH);
        try {
            HttpResponse<String> r = fetcher().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return url + " answered HTTP " + r.statusCode();
            }
            for (String line : r.body().split("\\R")) {
                if (line.trim().equals(token)) {
                    return null;
                }
            }
            return url + " does not contain the claim token";
        } catch (IOException e) {
            return "fetching " + url + " failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "fetching " + url + " was interrupted";
        }
    }

    private HttpClient fetcher() {
        HttpClient f = fetcher;
        if (f == null) {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new AnyServer()}, SimPki.RANDOM);
                f = HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER).build();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            fetcher = f;
        }
        return f;
    }

    /** A CA's validation fetcher does not judge the site's certificate (BR 3.2.2.4.18). */
    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // accepted: the token proves control, not the certificate
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    // ------------------------------------------------------------------ e-mail

    /** The constructed addresses for every ADN, then the SOA contact of the claimed name's zone. */
    Response listEmails(SimAccount a, String id) {
        String domain;
        synchronized (s.lock) {
            domain = ClaimHandler.find(a, id).domain;
        }
        JsonObject o = new JsonObject();
        JsonArray constructed = new JsonArray();
        for (String adn : Names.authorizationDomains(domain)) {
            for (String user : CONSTRUCTED) {
                constructed.add(user + "@" + Names.stripDot(adn));
            }
        }
        o.add("constructed", constructed);
        JsonArray emails = new JsonArray();
        JsonArray errors = new JsonArray();
        try {
            s.lookup.soaEmails(domain).forEach(emails::add);
        } catch (IOException | RuntimeException e) {
            errors.add(e.getMessage());
        }
        JsonObject soa = new JsonObject();
        soa.add("emails", emails);
        soa.add("errors", errors);
        JsonObject dns = new JsonObject();
        dns.add("SOA", soa);
        o.add("DNS", dns);
        return Response.json(200, o);
    }

    Response sendEmail(Call call, SimAccount a, String id) throws IOException {
        JsonObject body = call.body(true);
        Http.onlyFields(body, Set.of("email_address"));
        String to = Http.requiredString(body, "email_address");
        if (to == null) {
            throw ApiException.validation("email_address: is required");
        }
        JsonObject list = (JsonObject) com.google.gson.JsonParser.parseString(
                new String(listEmails(a, id).body(), java.nio.charset.StandardCharsets.UTF_8));
        Set<String> allowed = new LinkedHashSet<>();
        list.getAsJsonArray("constructed").forEach(e -> allowed.add(e.getAsString().toLowerCase(Locale.ROOT)));
        list.getAsJsonObject("DNS").getAsJsonObject("SOA").getAsJsonArray("emails")
                .forEach(e -> allowed.add(e.getAsString().toLowerCase(Locale.ROOT)));
        String addr = to.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(addr)) {
            throw ApiException.validation("email_address: " + to + " is not an authorised address for this claim");
        }
        Instant now = s.clock.instant();
        synchronized (s.lock) {
            SimClaim c = ClaimHandler.find(a, id);
            if (c.assertBy != 0 && now.getEpochSecond() > c.assertBy) {
                throw new ApiException(424, "Claim expired. Reassert first");
            }
            s.mailbox.send(a.apiKey(), c.id, c.domain + ".", addr, c.token, now);
            c.log.add(new SimClaim.LogEntry("INFO", "approval e-mail sent to " + addr, now.getEpochSecond()));
        }
        s.changed();
        return Response.empty(201);
    }

    /** The recipient approves: the claim verifies if the mail's token is still the claim's. Null or the reason. */
    String approve(SimMailbox.Mail m) {
        SimAccount a = s.account(m.apiKey);
        if (a == null) {
            return "credential set gone";
        }
        String why = validator.settle(a, m.claimId, m.token, null, "EMAIL",
                "domain verified by e-mail approval from " + m.to);
        if (why == null) {
            m.approvedAt = s.clock.instant();
            s.changed();
        }
        return why;
    }
}
