package io.atlasonboard.sim;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import com.google.gson.JsonObject;

/**
 * The state every handler shares: configuration, clock, authorities, accounts (with their certificates and claims),
 * access tokens, the sandbox zone and its lookup, fault injection, and the request log. Mutable account, claim and
 * certificate fields are guarded by {@link #lock}; {@link #changed()} tells the persistence layer to save.
 */
final class SimState {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MAX_LOG = 10_000;

    record TokenInfo(String apiKey, Instant expiresAt) {
    }

    final SimulatorConfig config;
    final Clock clock;
    final Object lock = new Object();
    final Map<String, SimAccount> accounts = new LinkedHashMap<>();
    final Map<String, TokenInfo> tokens = new HashMap<>();
    private final Deque<RecordedRequest> requestLog = new ArrayDeque<>();
    final SandboxZone zone;
    final TxtLookup lookup;
    final SimFaults faults;
    final SimAuthorities authorities;
    final SimMailbox mailbox = new SimMailbox();
    private volatile Runnable onChange = () -> { };

    SimState(SimulatorConfig config, SimAuthorities authorities) {
        this.config = config;
        this.clock = config.clock();
        this.authorities = authorities;
        this.faults = new SimFaults(this::revokeAllTokens, config.claimCheckDelay());
        this.zone = config.sandboxZone() != null ? config.sandboxZone() : new SandboxZone();
        this.lookup = config.dnsServer() == null ? TxtLookup.of(zone)
                : TxtLookup.dnsServer(config.dnsServer(), config.dnsTimeout());
    }

    /** Called (outside {@link #lock}) after every change worth keeping across a restart. */
    void onChange(Runnable r) {
        this.onChange = r == null ? () -> { } : r;
    }

    void changed() {
        onChange.run();
    }

    SimAccount account(String apiKey) {
        synchronized (lock) {
            return accounts.get(apiKey);
        }
    }

    SimAccount createAccount(JsonObject policy, long quota) {
        SimAccount a = new SimAccount(lock, randomAlnum(32), randomAlnum(48), policy.deepCopy(), quota);
        synchronized (lock) {
            accounts.put(a.apiKey(), a);
        }
        changed();
        return a;
    }

    /** An mTLS client certificate for the CSR (signature verified) from the client-auth CA, bound to the account. */
    String issueMtlsCertificate(String apiKey, String csrPem, Instant notBefore, Instant notAfter) {
        SimAccount a = account(apiKey);
        if (a == null) {
            throw new IllegalArgumentException("no credential set with this API key");
        }
        PKCS10CertificationRequest csr = SimPki.parseCsr(csrPem);
        BigInteger serial = SimPki.newSerial();
        X509Certificate cert = SimPki.endEntity(authorities.clientCa(), serial, csr.getSubject(),
                csr.getSubjectPublicKeyInfo(), notBefore, notAfter, null, false,
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                List.of(KeyPurposeId.id_kp_clientAuth.getId()), false, null);
        a.bindCertificateSerial(serial);
        changed();
        return SimPki.pem(cert);
    }

    String issueMtlsCertificate(String apiKey, String csrPem, Duration validity) {
        Instant now = clock.instant();
        return issueMtlsCertificate(apiKey, csrPem, now.minus(Duration.ofMinutes(1)), now.plus(validity));
    }

    void revokeAllTokens() {
        synchronized (lock) {
            tokens.clear();
        }
    }

    void record(RecordedRequest rec) {
        synchronized (requestLog) {
            requestLog.addLast(rec);
            while (requestLog.size() > MAX_LOG) {
                requestLog.removeFirst();
            }
        }
    }

    List<RecordedRequest> requests() {
        synchronized (requestLog) {
            return new ArrayList<>(requestLog);
        }
    }

    void clearRequests() {
        synchronized (requestLog) {
            requestLog.clear();
        }
    }

    static String randomAlnum(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALNUM.charAt(SimPki.RANDOM.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    static String randomHex32() {
        byte[] b = new byte[16];
        SimPki.RANDOM.nextBytes(b);
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02X", x));
        }
        return sb.toString();
    }
}
