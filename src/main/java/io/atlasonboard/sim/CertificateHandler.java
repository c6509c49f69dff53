package io.atlasonboard.sim;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atlasonboard.sim.Http.Call;
import io.atlasonboard.sim.Http.Response;

/**
 * {@code POST /certificates} (policy validation, claim coverage, quota), {@code GET /certificates/{serial}} (async
 * issuance), revocation by {@code PATCH} (with reason) and the deprecated {@code DELETE}.
 */
final class CertificateHandler {
    private static final Pattern HEX = Pattern.compile("^[0-9A-Fa-f]{1,64}$");
    private static final Set<String> REVOCATION_REASONS = Set.of("unspecified", "keyCompromise", "affiliationChanged",
            "superseded", "cessationOfOperation", "privilegeWithdrawn");
    private final SimState s;

    CertificateHandler(SimState s) {
        this.s = s;
    }

    /** Answers {@code /certificates[/{serial}]}, else null. */
    Response handle(Call c, SimAccount a) throws IOException {
        String[] seg = c.seg();
        if (seg.length == 0 || !seg[0].equals("certificates")) {
            return null;
        }
        if (seg.length == 1) {
            Http.requireMethod(c.method(), "POST");
            return request(c.body(true), a);
        }
        if (seg.length == 2) {
            String serial = checkSerial(seg[1]);
            return switch (c.method()) {
                case "GET" -> get(a, serial);
                case "PATCH" -> revoke(a, serial, c.body(true));
                case "DELETE" -> revoke(a, serial, null);
                default -> throw Http.methodNotAllowed();
            };
        }
        if (seg.length == 3 && seg[2].equals("rekey")) {
            Http.requireMethod(c.method(), "POST");
            String serial = checkSerial(seg[1]);
            return rekey(a, serial, c.body(true));
        }
        return null;
    }

    /**
     * The serial in its canonical form (32 upper-case hex digits). Accepts either case and a serial without its
     * leading zeros, as clients that parse serials as numbers send them ({@code 1E9080...}, 31 digits, for
     * {@code 01E9080...}); the live service accepts those too. Separators, other characters, or a value longer than
     * 16 bytes: {@code 422 "invalid serial number length"}.
     */
    static String checkSerial(String raw) {
        if (!HEX.matcher(raw).matches()) {
            throw new ApiException(422, "invalid serial number length");
        }
        String digits = raw.replaceFirst("^0+", "");
        if (digits.length() > 32) {
            throw new ApiException(422, "invalid serial number length");
        }
        return "0".repeat(32 - digits.length()) + digits.toUpperCase(Locale.ROOT);
    }

    private Response request(JsonObject body, SimAccount a) {
        Instant now = s.clock.instant();
        JsonObject policy;
        synchronized (s.lock) {
            if (a.quota <= 0) {
                throw new ApiException(402, "Quota Reached");
            }
            policy = a.policy.deepCopy();
        }
        CertificateRequest req = CertificateRequest.validate(body, policy, now);
        Response r;
        synchronized (s.lock) {
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
            boolean rejected = s.faults.takeRejection();
            X509Certificate cert = rejected ? null : SimPki.endEntity(s.authorities.issuingCa(), serial, req.subject,
                    req.spki, req.notBefore, req.notAfter, req.generalNames(),
                    req.sanCritical || req.subject.getRDNs().length == 0, req.keyUsage, req.ekus, req.ekuCritical,
                    req.hash);
            a.certificates.put(hex, new SimCertificate(hex, cert, now, now.plus(s.faults.issuanceDelay()),
                    s.faults.issuancePendingPolls(), rejected));
            a.quota--;
            a.issued++;
            r = Response.empty(201).header("Location", "/v2/certificates/" + hex);
        }
        s.changed();
        return r;
    }

    /**
     * Rekey (ATLAS-API.md 4.5): a new certificate for the new key with the ISSUED certificate's subject, SANs and
     * extensions, valid from now to the old one's end, issued like a request (quota, counter, issuance delay);
     * {@code 201} + {@code Location} of the new serial. The old certificate is left as it is. Not ISSUED: 409.
     */
    private Response rekey(SimAccount a, String serial, JsonObject body) {
        JsonObject policy;
        synchronized (s.lock) {
            SimCertificate old = a.certificates.get(serial);
            if (old == null) {
                throw Http.notFound();
            }
            policy = a.policy.deepCopy();
        }
        CertificateRequest req = CertificateRequest.validateRekey(body, policy);
        Instant now = s.clock.instant();
        Response r;
        synchronized (s.lock) {
            SimCertificate old = a.certificates.get(serial);
            if (old == null) {
                throw Http.notFound();
            }
            old.settle(now);
            if (old.status != SimCertificate.Status.ISSUED) {
                throw new ApiException(409, "Cannot rekey a " + old.status.name() + " certificate");
            }
            if (!old.cert.getNotAfter().toInstant().isAfter(now)) {
                throw new ApiException(409, "Cannot rekey an expired certificate");
            }
            if (a.quota <= 0) {
                throw new ApiException(402, "Quota Reached");
            }
            BigInteger newSerial = SimPki.newSerial();
            String hex = SimPki.serialHex(newSerial);
            boolean rejected = s.faults.takeRejection();
            X509Certificate cert = rejected ? null
                    : SimPki.rekey(s.authorities.issuingCa(), newSerial, old.cert, req.spki, now, req.hash);
            a.certificates.put(hex, new SimCertificate(hex, cert, now, now.plus(s.faults.issuanceDelay()),
                    s.faults.issuancePendingPolls(), rejected));
            a.quota--;
            a.issued++;
            r = Response.empty(201).header("Location", "/v2/certificates/" + hex);
        }
        s.changed();
        return r;
    }

    /** Whether a VERIFIED, unexpired claim covers {@code name} (lower case, no trailing dot, maybe {@code *.}). */
    private boolean covered(SimAccount a, String name, Instant now) {
        String base = name.startsWith("*.") ? name.substring(2) : name;
        long nowS = now.getEpochSecond();
        for (SimClaim c : a.claims.values()) {
            if (!c.status.equals("VERIFIED") || c.expiresAt <= nowS) {
                continue;
            }
            if (base.equals(c.domain) || (s.config.claimCoversSubdomains() && base.endsWith("." + c.domain))) {
                return true;
            }
        }
        return false;
    }

    private Response get(SimAccount a, String serial) {
        synchronized (s.lock) {
            SimCertificate c = a.certificates.get(serial);
            if (c == null) {
                throw Http.notFound();
            }
            if (c.status == SimCertificate.Status.REJECTED) {
                throw new ApiException(422, "CA validation error");
            }
            if (c.status == SimCertificate.Status.PENDING) {
                if (c.pendingPolls > 0) {
                    c.pendingPolls--;
                    return Response.json(202, Http.description("Operation in progress"));
                }
                c.settle(s.clock.instant());
                if (c.status == SimCertificate.Status.PENDING) {
                    return Response.json(202, Http.description("Operation in progress"));
                }
            }
            JsonObject o = new JsonObject();
            o.addProperty("certificate", c.pem);
            o.addProperty("status", c.status.name());
            o.addProperty("updated_at", c.updatedAt.getEpochSecond());
            return Response.json(200, o);
        }
    }

    private Response revoke(SimAccount a, String serial, JsonObject body) {
        String reason = "unspecified";
        Instant at = null;
        if (body != null) {
            Http.onlyFields(body, Set.of("revocation_reason", "revocation_time", "key_compromise_attestation"));
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
                long sec = t.getAsLong();
                if (sec < 0) {
                    throw ApiException.validation("revocation_time: must be Unix seconds");
                }
                if (sec > 0) {
                    if (sec > s.clock.instant().getEpochSecond()) {
                        throw ApiException.validation("revocation_time: must not lie in the future");
                    }
                    at = Instant.ofEpochSecond(sec);
                }
            }
        }
        synchronized (s.lock) {
            SimCertificate c = a.certificates.get(serial);
            if (c == null) {
                throw Http.notFound();
            }
            c.settle(s.clock.instant());
            switch (c.status) {
                case REVOKED -> throw new ApiException(409, "Cannot revoke a REVOKED certificate");
                case PENDING -> throw new ApiException(409, "Cannot revoke a certificate pending issuance");
                case REJECTED -> throw new ApiException(409, "Cannot revoke a REJECTED certificate");
                default -> {
                }
            }
            Instant when = at == null ? s.clock.instant() : at;
            c.status = SimCertificate.Status.REVOKED;
            c.revokedAt = when;
            c.revocationReason = reason;
            c.updatedAt = when;
            a.revoked++;
        }
        s.changed();
        return Response.empty(204);
    }
}
