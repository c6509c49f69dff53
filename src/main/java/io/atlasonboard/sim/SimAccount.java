package io.atlasonboard.sim;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonObject;

/**
 * A simulated Atlas account (API credential set): key, secret, bound mTLS certificate serials, validation policy,
 * quota, counters, certificates and domain claims. Accessors are thread-safe (they lock the simulator state).
 */
public final class SimAccount {
    private final Object lock;
    private final String apiKey;
    private final String apiSecret;
    final JsonObject policy;
    long quota;
    long issued;
    long revoked;
    final Set<BigInteger> boundSerials = new LinkedHashSet<>();
    final Map<String, SimCertificate> certificates = new LinkedHashMap<>();
    final Map<String, SimClaim> claims = new LinkedHashMap<>();
    /**
     * Ids of the claims that had a deferred check scheduled (guarded by the state lock), so that the checks due are
     * found without looking at every claim of the account on every request; an id stays until its check ran or its
     * claim is gone (see {@code ClaimValidator.runDueChecks}).
     */
    final Set<String> scheduledChecks = new LinkedHashSet<>();

    SimAccount(Object lock, String apiKey, String apiSecret, JsonObject policy, long quota) {
        this.lock = lock;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.policy = policy;
        this.quota = quota;
    }

    public String apiKey() {
        return apiKey;
    }

    /** The API secret. Do not log or print it. */
    public String apiSecret() {
        return apiSecret;
    }

    public JsonObject policy() {
        synchronized (lock) {
            return policy.deepCopy();
        }
    }

    public long quota() {
        synchronized (lock) {
            return quota;
        }
    }

    public void setQuota(long quota) {
        synchronized (lock) {
            this.quota = quota;
        }
    }

    public long issuedCount() {
        synchronized (lock) {
            return issued;
        }
    }

    /** Serials (hex upper case) of the mTLS client certificates bound to this credential set. */
    public List<String> boundCertificateSerials() {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            boundSerials.forEach(s -> out.add(s.toString(16).toUpperCase(java.util.Locale.ROOT)));
            return out;
        }
    }

    /** Binds an existing certificate serial (e.g. of a certificate issued elsewhere) to this credential set. */
    public void bindCertificateSerial(BigInteger serial) {
        synchronized (lock) {
            boundSerials.add(serial);
        }
    }

    /** Claim ids of this account, oldest first. */
    public List<String> claimIds() {
        synchronized (lock) {
            return new ArrayList<>(claims.keySet());
        }
    }

    @Override
    public String toString() {
        return "SimAccount[" + apiKey + "]"; // never the secret
    }
}
