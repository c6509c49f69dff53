package io.atlasonboard.sim;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atlasonboard.sim.Http.Call;
import io.atlasonboard.sim.Http.Response;

/**
 * Domain claims: list, create, get, delete, reassert and the ADN list ({@code GET .../dns}); the assertions are
 * {@link ClaimValidator}'s (DNS) and {@link HttpEmailValidator}'s (HTTP, e-mail).
 */
final class ClaimHandler {
    private static final Pattern HEX32 = Pattern.compile("^[0-9A-Fa-f]{32}$");
    private final SimState s;
    private final ClaimValidator validator;
    private final HttpEmailValidator others;

    ClaimHandler(SimState s, ClaimValidator validator, HttpEmailValidator others) {
        this.s = s;
        this.validator = validator;
        this.others = others;
    }

    /** Answers {@code /claims/domains[...]}, else null. */
    Response handle(Call c, SimAccount a) throws IOException {
        String[] seg = c.seg();
        if (seg.length < 2 || !seg[0].equals("claims") || !seg[1].equals("domains")) {
            return null;
        }
        String method = c.method();
        if (seg.length == 2) {
            Http.requireMethod(method, "GET");
            return list(a, c.query());
        }
        String x = URLDecoder.decode(seg[2], StandardCharsets.UTF_8);
        if (seg.length == 3 && method.equals("POST")) {
            return create(a, x);
        }
        String id = x;
        if (seg.length == 3) {
            switch (method) {
                case "GET": {
                    validator.runDueChecks(a, false);
                    synchronized (s.lock) {
                        return Response.json(200, claimJson(find(a, id)));
                    }
                }
                case "DELETE": {
                    synchronized (s.lock) {
                        find(a, id);
                        a.claims.remove(id.toUpperCase(Locale.ROOT));
                    }
                    s.changed();
                    return Response.empty(204);
                }
                default:
                    throw Http.methodNotAllowed();
            }
        }
        if (seg.length == 4) {
            switch (seg[3]) {
                case "dns":
                    if (method.equals("GET")) {
                        synchronized (s.lock) {
                            JsonArray arr = new JsonArray();
                            Names.authorizationDomains(find(a, id).domain).forEach(arr::add);
                            return Response.json(200, arr);
                        }
                    }
                    Http.requireMethod(method, "POST");
                    return validator.assertDns(c, a, id);
                case "http":
                    Http.requireMethod(method, "POST");
                    return others.assertHttp(c, a, id);
                case "email":
                    if (method.equals("GET")) {
                        return others.listEmails(a, id);
                    }
                    Http.requireMethod(method, "POST");
                    return others.sendEmail(c, a, id);
                case "reassert":
                    Http.requireMethod(method, "POST");
                    return reassert(a, id);
                default:
                    break;
            }
        }
        throw Http.notFound();
    }

    /** The claim with this id (32 hex digits, either case); 422 for a malformed id, 404 for an unknown one. */
    static SimClaim find(SimAccount a, String id) {
        if (!HEX32.matcher(id).matches()) {
            throw ApiException.validation("invalid claim id: must be 32 hexadecimal characters");
        }
        SimClaim c = a.claims.get(id.toUpperCase(Locale.ROOT));
        if (c == null) {
            throw Http.notFound();
        }
        return c;
    }

    private Response list(SimAccount a, Map<String, String> q) {
        String status = q.get("status");
        if (status != null && !status.isEmpty()) {
            status = status.toUpperCase(Locale.ROOT);
            if (!status.equals("PENDING") && !status.equals("VERIFIED")) {
                throw ApiException.validation("status: must be PENDING or VERIFIED");
            }
        } else {
            status = null;
        }
        int page = (int) Http.longParam(q, "page", 1);
        int perPage = (int) Http.longParam(q, "per_page", Math.min(100, s.config.maxPerPage()));
        Http.checkPaging(page, perPage, s.config.maxPerPage());
        validator.runDueChecks(a, false);
        // only the requested page is rendered (Http.paged reads just that slice): rendering every claim for every
        // page made listing N claims cost O(N^2), which a real paged API does not
        List<JsonObject> items = new ArrayList<>();
        long from = (long) (page - 1) * perPage;
        long to = (long) page * perPage;
        synchronized (s.lock) {
            for (SimClaim c : a.claims.values()) {
                if (status == null || c.status.equals(status)) {
                    int i = items.size();
                    items.add(i >= from && i < to ? claimJson(c) : null);
                }
            }
        }
        Map<String, String> keep = new LinkedHashMap<>();
        if (status != null) {
            keep.put("status", status);
        }
        return Http.paged("/v2/claims/domains", items, page, perPage, keep);
    }

    private static JsonObject claimJson(SimClaim c) {
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

    private Response create(SimAccount a, String rawDomain) {
        String domain = Names.claimDomain(rawDomain);
        for (String blocked : s.config.blockedDomains()) {
            if (domain.equals(blocked) || domain.endsWith("." + blocked)) {
                throw new ApiException(422, "Validation error message",
                        Map.of("blacklist", domain + " is not allowed by the blacklist"));
            }
        }
        Instant now = s.clock.instant();
        Response r;
        synchronized (s.lock) {
            String id;
            do {
                id = SimState.randomHex32();
            } while (a.claims.containsKey(id));
            SimClaim c = new SimClaim(id, domain, now);
            newToken(c, now);
            a.claims.put(id, c);
            r = tokenResponse(c);
        }
        s.changed();
        return r;
    }

    private void newToken(SimClaim c, Instant now) {
        c.token = "globalsign-domain-verification=" + SimState.randomHex32();
        c.assertBy = now.plus(s.config.claimAssertPeriod()).getEpochSecond();
    }

    private static Response tokenResponse(SimClaim c) {
        JsonObject o = new JsonObject();
        o.addProperty("token", c.token);
        o.addProperty("assert_by", c.assertBy);
        o.addProperty("id", c.id);
        return Response.json(201, o).header("Location", "/v2/claims/domains/" + c.id);
    }

    private Response reassert(SimAccount a, String id) {
        validator.runDueChecks(a, false);
        Instant now = s.clock.instant();
        Response r;
        synchronized (s.lock) {
            SimClaim c = find(a, id);
            if (c.checkPending()) {
                return Response.json(202, Http.description("Operation in progress"));
            }
            newToken(c, now);
            if (c.status.equals("VERIFIED") && c.expiresAt <= now.getEpochSecond()) {
                c.status = "PENDING";
            }
            c.log.add(new SimClaim.LogEntry("INFO", "claim reasserted: new token issued", now.getEpochSecond()));
            r = tokenResponse(c);
        }
        s.changed();
        return r;
    }
}
