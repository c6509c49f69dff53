package io.atlasonboard.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The sandbox state as JSON (accounts with certificates and claims, the zone's TXT records, the mailbox) and back.
 * Instants are epoch milliseconds; certificates DER in base64. Access tokens are not kept: clients log in again.
 */
final class SandboxStateCodec {
    private SandboxStateCodec() {
    }

    static JsonObject encode(SimState s) {
        JsonObject doc = new JsonObject();
        doc.addProperty("version", 1);
        JsonArray accounts = new JsonArray();
        synchronized (s.lock) {
            for (SimAccount a : s.accounts.values()) {
                accounts.add(account(a));
            }
        }
        doc.add("accounts", accounts);
        JsonObject zone = new JsonObject();
        for (String name : s.zone.names()) {
            JsonArray values = new JsonArray();
            s.zone.txt(name).forEach(values::add);
            zone.add(name, values);
        }
        doc.add("zone", zone);
        JsonArray mails = new JsonArray();
        for (SimMailbox.Mail m : s.mailbox.all()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", m.id);
            o.addProperty("api_key", m.apiKey);
            o.addProperty("claim_id", m.claimId);
            o.addProperty("domain", m.domain);
            o.addProperty("to", m.to);
            o.addProperty("token", m.token);
            o.addProperty("sent_at", m.sentAt.toEpochMilli());
            o.addProperty("approved_at", m.approvedAt == null ? 0 : m.approvedAt.toEpochMilli());
            mails.add(o);
        }
        doc.add("mails", mails);
        return doc;
    }

    private static JsonObject account(SimAccount a) {
        JsonObject o = new JsonObject();
        o.addProperty("api_key", a.apiKey());
        o.addProperty("api_secret", a.apiSecret());
        o.add("policy", a.policy.deepCopy());
        o.addProperty("quota", a.quota);
        o.addProperty("issued", a.issued);
        o.addProperty("revoked", a.revoked);
        JsonArray serials = new JsonArray();
        a.boundSerials.forEach(b -> serials.add(b.toString(16)));
        o.add("bound_serials", serials);
        JsonArray certs = new JsonArray();
        for (SimCertificate c : a.certificates.values()) {
            JsonObject j = new JsonObject();
            j.addProperty("serial", c.serial);
            try {
                j.addProperty("der", c.cert == null ? null : Base64.getEncoder().encodeToString(c.cert.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
            j.addProperty("requested_at", c.requestedAt.toEpochMilli());
            j.addProperty("ready_at", c.readyAt.toEpochMilli());
            j.addProperty("pending_polls", c.pendingPolls);
            j.addProperty("status", c.status.name());
            j.addProperty("revoked_at", c.revokedAt == null ? 0 : c.revokedAt.toEpochMilli());
            j.addProperty("revocation_reason", c.revocationReason);
            j.addProperty("updated_at", c.updatedAt.toEpochMilli());
            certs.add(j);
        }
        o.add("certificates", certs);
        JsonArray claims = new JsonArray();
        for (SimClaim c : a.claims.values()) {
            JsonObject j = new JsonObject();
            j.addProperty("id", c.id);
            j.addProperty("domain", c.domain);
            j.addProperty("created_at", c.createdAt.toEpochMilli());
            j.addProperty("status", c.status);
            j.addProperty("token", c.token);
            j.addProperty("assert_by", c.assertBy);
            j.addProperty("expires_at", c.expiresAt);
            j.addProperty("last_verified_at", c.lastVerifiedAt);
            j.addProperty("last_verification_method", c.lastVerificationMethod);
            j.addProperty("check_due_at", c.checkDueAt == null ? 0 : c.checkDueAt.toEpochMilli());
            j.addProperty("check_name", c.checkName);
            JsonArray log = new JsonArray();
            for (SimClaim.LogEntry e : c.log) {
                JsonObject l = new JsonObject();
                l.addProperty("status", e.status());
                l.addProperty("description", e.description());
                l.addProperty("timestamp", e.timestamp());
                log.add(l);
            }
            j.add("log", log);
            claims.add(j);
        }
        o.add("claims", claims);
        return o;
    }

    /** Adds the saved accounts, zone records and mails to a fresh state. */
    static void restore(SimState s, JsonObject doc) {
        synchronized (s.lock) {
            for (JsonElement e : doc.getAsJsonArray("accounts")) {
                SimAccount a = readAccount(s, e.getAsJsonObject());
                s.accounts.put(a.apiKey(), a);
            }
        }
        JsonObject zone = doc.getAsJsonObject("zone");
        for (String name : zone.keySet()) {
            zone.getAsJsonArray(name).forEach(v -> s.zone.publish(name, v.getAsString()));
        }
        for (JsonElement e : doc.getAsJsonArray("mails")) {
            JsonObject o = e.getAsJsonObject();
            SimMailbox.Mail m = new SimMailbox.Mail(o.get("id").getAsString(), o.get("api_key").getAsString(),
                    o.get("claim_id").getAsString(), o.get("domain").getAsString(), o.get("to").getAsString(),
                    o.get("token").getAsString(), Instant.ofEpochMilli(o.get("sent_at").getAsLong()));
            m.approvedAt = millis(o, "approved_at");
            s.mailbox.put(m);
        }
    }

    private static SimAccount readAccount(SimState s, JsonObject o) {
        SimAccount a = new SimAccount(s.lock, o.get("api_key").getAsString(), o.get("api_secret").getAsString(),
                o.getAsJsonObject("policy"), o.get("quota").getAsLong());
        a.issued = o.get("issued").getAsLong();
        a.revoked = o.get("revoked").getAsLong();
        o.getAsJsonArray("bound_serials").forEach(b -> a.boundSerials.add(new BigInteger(b.getAsString(), 16)));
        for (JsonElement e : o.getAsJsonArray("certificates")) {
            JsonObject j = e.getAsJsonObject();
            X509Certificate cert = null;
            if (!j.get("der").isJsonNull()) {
                try {
                    cert = SandboxPersistence.certificate(Base64.getDecoder().decode(j.get("der").getAsString()));
                } catch (GeneralSecurityException ex) {
                    throw new UncheckedIOException(new IOException("a saved sandbox certificate is unreadable"));
                }
            }
            SimCertificate c = new SimCertificate(j.get("serial").getAsString(), cert,
                    Instant.ofEpochMilli(j.get("requested_at").getAsLong()),
                    Instant.ofEpochMilli(j.get("ready_at").getAsLong()), j.get("pending_polls").getAsInt(),
                    cert == null);
            c.status = SimCertificate.Status.valueOf(j.get("status").getAsString());
            c.revokedAt = millis(j, "revoked_at");
            c.revocationReason = str(j, "revocation_reason");
            c.updatedAt = Instant.ofEpochMilli(j.get("updated_at").getAsLong());
            a.certificates.put(c.serial, c);
        }
        for (JsonElement e : o.getAsJsonArray("claims")) {
            JsonObject j = e.getAsJsonObject();
            SimClaim c = new SimClaim(j.get("id").getAsString(), j.get("domain").getAsString(),
                    Instant.ofEpochMilli(j.get("created_at").getAsLong()));
            c.status = j.get("status").getAsString();
            c.token = str(j, "token");
            c.assertBy = j.get("assert_by").getAsLong();
            c.expiresAt = j.get("expires_at").getAsLong();
            c.lastVerifiedAt = j.get("last_verified_at").getAsLong();
            c.lastVerificationMethod = str(j, "last_verification_method");
            c.checkDueAt = millis(j, "check_due_at");
            c.checkName = str(j, "check_name");
            for (JsonElement l : j.getAsJsonArray("log")) {
                JsonObject lo = l.getAsJsonObject();
                c.log.add(new SimClaim.LogEntry(lo.get("status").getAsString(), lo.get("description").getAsString(),
                        lo.get("timestamp").getAsLong()));
            }
            a.claims.put(c.id, c);
            if (c.checkPending()) {
                a.scheduledChecks.add(c.id);
            }
        }
        return a;
    }

    private static Instant millis(JsonObject o, String key) {
        long v = o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsLong() : 0;
        return v == 0 ? null : Instant.ofEpochMilli(v);
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
    }
}
