package io.atlasonboard.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonObject;

import io.atlasonboard.sim.Http.Call;
import io.atlasonboard.sim.Http.Response;

/**
 * The account's own view: {@code GET /validationpolicy}, {@code /quotas/issuance},
 * {@code /counters/certificates/issued|revoked} and {@code /stats/issued|revoked|expiring}.
 */
final class AccountHandler {
    private static final Set<String> STATS = Set.of("issued", "revoked", "expiring");
    private final SimState s;

    AccountHandler(SimState s) {
        this.s = s;
    }

    /** Answers when the path is one of this handler's, else null. */
    Response handle(Call c, SimAccount a) {
        String[] seg = c.seg();
        if (seg.length == 1 && seg[0].equals("validationpolicy")) {
            Http.requireMethod(c.method(), "GET");
            synchronized (s.lock) {
                return Response.json(200, a.policy.deepCopy());
            }
        }
        if (seg.length == 2 && seg[0].equals("quotas") && seg[1].equals("issuance")) {
            Http.requireMethod(c.method(), "GET");
            synchronized (s.lock) {
                return Http.value(a.quota);
            }
        }
        if (seg.length == 3 && seg[0].equals("counters") && seg[1].equals("certificates")
                && (seg[2].equals("issued") || seg[2].equals("revoked"))) {
            Http.requireMethod(c.method(), "GET");
            synchronized (s.lock) {
                return Http.value(seg[2].equals("issued") ? a.issued : a.revoked);
            }
        }
        if (seg.length == 2 && seg[0].equals("stats") && STATS.contains(seg[1])) {
            Http.requireMethod(c.method(), "GET");
            return stats(a, seg[1], c.query());
        }
        return null;
    }

    private Response stats(SimAccount a, String kind, Map<String, String> q) {
        long now = s.clock.instant().getEpochSecond();
        long from = Http.longParam(q, "from", now - 600);
        long to = Http.longParam(q, "to", now);
        if (from > to) {
            throw ApiException.validation("from: must not be after to");
        }
        if (to - from > 30L * 86400) {
            throw ApiException.validation("to: the window must not exceed 30 days");
        }
        int page = (int) Http.longParam(q, "page", 1);
        int perPage = (int) Http.longParam(q, "per_page", 100);
        Http.checkPaging(page, perPage, s.config.maxPerPage());
        List<JsonObject> items = new ArrayList<>();
        synchronized (s.lock) {
            for (SimCertificate c : a.certificates.values()) {
                c.settle(s.clock.instant());
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
        return Http.paged("/v2/stats/" + kind, items, page, perPage, keep);
    }
}
