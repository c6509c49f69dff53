package io.atlasonboard.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atlasonboard.sim.Http.Call;
import io.atlasonboard.sim.Http.Response;

/**
 * The Atlas portal's manual actions (no client certificate needed): {@code /portal/credentials},
 * {@code /portal/mtls}, the sandbox's own DNS zone {@code /portal/sandbox-dns}, and its mailbox
 * {@code /portal/sandbox-mail}:
 * <ul>
 *   <li>{@code GET /portal/sandbox-mail[?to=ADDRESS]} → 200 array of
 *       {@code {"id","to","domain","claim_id","subject","sent_at","approved_at" (0 until approved),"approve_url"}}</li>
 *   <li>{@code POST /portal/sandbox-mail/{id}/approve} → 204 (the claim is VERIFIED by e-mail); 404 unknown mail;
 *       409 already approved; 422 when the claim moved on (reasserted or deleted) since the mail was sent</li>
 * </ul>
 */
final class PortalHandler {
    private final SimState s;
    private final HttpEmailValidator mail;

    PortalHandler(SimState s, HttpEmailValidator mail) {
        this.s = s;
        this.mail = mail;
    }

    /** {@code c.seg()} is the path after {@code /portal}. */
    Response handle(Call c) throws IOException {
        String[] seg = c.seg();
        if (seg.length >= 1 && seg[0].equals("sandbox-mail")) {
            return sandboxMail(c);
        }
        String area = seg.length == 1 ? seg[0] : "";
        return switch (area) {
            case "credentials" -> credentials(c);
            case "mtls" -> mtls(c);
            case "sandbox-dns" -> sandboxDns(c);
            default -> throw Http.notFound();
        };
    }

    private Response credentials(Call c) {
        Http.requireMethod(c.method(), "POST");
        Map<String, String> q = c.query();
        String kind = q.getOrDefault("policy", "tls");
        JsonObject policy = switch (kind) {
            case "tls" -> ValidationPolicies.tls();
            case "tls-pkcs8" -> ValidationPolicies.tlsPkcs8();
            case "smime" -> ValidationPolicies.smime();
            default -> throw ApiException.validation("policy: must be tls, tls-pkcs8 or smime");
        };
        SimAccount a = s.createAccount(policy, Http.longParam(q, "quota", 1000));
        JsonObject o = new JsonObject();
        o.addProperty("api_key", a.apiKey());
        o.addProperty("api_secret", a.apiSecret());
        return Response.json(201, o);
    }

    private Response mtls(Call c) throws IOException {
        Http.requireMethod(c.method(), "POST");
        Map<String, String> q = c.query();
        String key = q.get("api_key");
        if (key == null || s.account(key) == null) {
            throw new ApiException(404, "No credential set with this API key");
        }
        long days = Http.longParam(q, "days", s.config.mtlsValidity().toDays());
        if (days < 1 || days > 3650) {
            throw ApiException.validation("days: must be between 1 and 3650");
        }
        String csr = new String(c.rawBody(), StandardCharsets.UTF_8);
        String pem;
        try {
            pem = s.issueMtlsCertificate(key, csr, Duration.ofDays(days));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("csr: " + e.getMessage());
        }
        return Response.bytes(201, "application/x-pem-file", pem.getBytes(StandardCharsets.US_ASCII));
    }

    private Response sandboxDns(Call c) throws IOException {
        Map<String, String> q = c.query();
        switch (c.method()) {
            case "POST": {
                JsonObject body = c.body(true);
                String name = Http.requiredString(body, "name");
                String value = Http.requiredString(body, "value");
                if (name == null || value == null) {
                    throw ApiException.validation("name and value are required");
                }
                s.zone.publish(name, value);
                return Response.empty(204);
            }
            case "DELETE": {
                String name = q.get("name");
                if (name == null || name.isEmpty()) {
                    throw ApiException.validation("name: is required");
                }
                if (q.containsKey("value")) {
                    s.zone.remove(name, q.get("value"));
                } else {
                    s.zone.removeAll(name);
                }
                return Response.empty(204);
            }
            case "GET": {
                String name = q.get("name");
                if (name == null || name.isEmpty()) {
                    throw ApiException.validation("name: is required");
                }
                JsonArray arr = new JsonArray();
                s.zone.txt(name).forEach(arr::add);
                return Response.json(200, arr);
            }
            default:
                throw Http.methodNotAllowed();
        }
    }

    private Response sandboxMail(Call c) {
        String[] seg = c.seg();
        if (seg.length == 1) {
            Http.requireMethod(c.method(), "GET");
            String to = c.query().get("to");
            JsonArray arr = new JsonArray();
            for (SimMailbox.Mail m : s.mailbox.all()) {
                if (to != null && !to.isEmpty() && !m.to.equalsIgnoreCase(to.trim())) {
                    continue;
                }
                JsonObject o = new JsonObject();
                o.addProperty("id", m.id);
                o.addProperty("to", m.to);
                o.addProperty("domain", m.domain);
                o.addProperty("claim_id", m.claimId);
                o.addProperty("subject", "Approve the GlobalSign SANDBOX domain validation for " + m.domain);
                o.addProperty("sent_at", m.sentAt.getEpochSecond());
                o.addProperty("approved_at", m.approvedAt == null ? 0 : m.approvedAt.getEpochSecond());
                o.addProperty("approve_url", "/portal/sandbox-mail/" + m.id + "/approve");
                arr.add(o);
            }
            return Response.json(200, arr);
        }
        if (seg.length == 3 && seg[2].equals("approve")) {
            Http.requireMethod(c.method(), "POST");
            SimMailbox.Mail m = s.mailbox.get(seg[1]);
            if (m == null) {
                throw Http.notFound();
            }
            if (m.approvedAt != null) {
                throw new ApiException(409, "This approval was already given");
            }
            String why = mail.approve(m);
            if (why != null) {
                throw ApiException.validation("approval not applied: " + why);
            }
            return Response.empty(204);
        }
        throw Http.notFound();
    }
}
