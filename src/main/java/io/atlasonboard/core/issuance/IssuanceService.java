package io.atlasonboard.core.issuance;

import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.claims.DomainsException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import io.atlasonboard.core.atlas.AtlasApiException;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.CertificateInfo;
import io.atlasonboard.core.atlas.Page;
import io.atlasonboard.core.atlas.RevocationReason;
import io.atlasonboard.core.atlas.Sleeper;
import io.atlasonboard.core.atlas.StatsEntry;
import io.atlasonboard.core.atlas.ValidationPolicy;
import io.atlasonboard.core.pki.Pem;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.core.store.CertificateStatus;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.ProgressSink;

/**
 * Certificates through one provider: issue (request built from the account's validation policy by
 * {@link RequestBuilder}, pickup while the API answers 202, chain from {@code /trustchain}, recorded in the store),
 * list (store, refreshed from {@code GET /certificates/{serial}} and the stats endpoints) and revoke.
 */
public final class IssuanceService {
    private final Store store;
    private final ProviderRecord provider;
    private final long providerId;
    private final AtlasClient client;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.REAL;
    private Duration pickupTimeout = Duration.ofMinutes(2);
    private Duration pickupInterval = Duration.ofSeconds(5);

    public IssuanceService(Store store, ProviderRecord provider, AtlasClient client) {
        this.store = Objects.requireNonNull(store);
        this.provider = Objects.requireNonNull(provider);
        this.providerId = Objects.requireNonNull(provider.id(), "provider must be saved");
        this.client = Objects.requireNonNull(client);
    }

    public IssuanceService clock(Clock c) {
        this.clock = Objects.requireNonNull(c);
        return this;
    }

    public IssuanceService sleeper(Sleeper s) {
        this.sleeper = Objects.requireNonNull(s);
        return this;
    }

    /** How long to keep picking up a certificate that is still being issued (after the client's own retries). */
    public IssuanceService pickup(Duration timeout, Duration interval) {
        this.pickupTimeout = Objects.requireNonNull(timeout);
        this.pickupInterval = Objects.requireNonNull(interval);
        return this;
    }

    /** {@code GET /validationpolicy}. */
    public ValidationPolicy policy() {
        try {
            return client.validationPolicy();
        } catch (AtlasApiException e) {
            throw new DomainsException("Could not read the account's validation policy: " + ClaimService.describe(e), e);
        }
    }

    /** Builds the request for this provider's policy without sending it (for previews and tests). */
    public RequestBuilder.Built prepare(ValidationPolicy policy, IssueRequest req) {
        return RequestBuilder.build(policy, provider.intendedUse(), req, clock.instant());
    }

    /**
     * Issues a certificate: policy, request (problems are reported before anything is sent, naming the field),
     * {@code POST /certificates}, pickup while 202, {@code /trustchain}; records it in the store (with the generated
     * private key, encrypted by the store). A refusal comes back as {@link DomainsException} with the API's message.
     */
    public IssuedCertificate issue(IssueRequest req, ProgressSink sink) {
        ProgressSink s = sink == null ? ProgressSink.NONE : sink;
        s.update(0.05, "Reading the account's validation policy");
        ValidationPolicy policy = policy();
        s.update(0.15, req.csrPem() == null ? "Generating the key and building the request" : "Building the request");
        RequestBuilder.Built built = prepare(policy, req);
        s.checkCancelled();
        built = built.startingAt(clock.instant());
        s.update(0.4, "Sending the request to GlobalSign");
        String serial;
        try {
            serial = client.requestCertificate(built.json());
        } catch (AtlasApiException e) {
            throw new DomainsException(refusal("GlobalSign refused the certificate request", e), e);
        }
        char[] keyPem = built.keyPair() == null ? null : Pem.writeChars(built.keyPair().getPrivate());
        try {
            CertificateRecord pendingRecord = store.certificates().save(CertificateRecord.of(providerId, serial,
                    built.commonName(), sans(built), CertificateStatus.PENDING, built.notBefore(), built.notAfter(),
                    null, null, null), keyPem);
            s.update(0.6, "Picking up certificate " + serial);
            CertificateInfo info = pickUp(serial, s);
            if (info == null || info.pending()) {
                return new IssuedCertificate(serial, true, null, List.of(),
                        built.keyPair() == null ? null : built.keyPair().getPrivate(), pendingRecord);
            }
            s.update(0.85, "Fetching the chain (/trustchain)");
            List<String> chain = chain();
            CertificateRecord rec = store.certificates().save(recordFor(serial, info, chain, built), null);
            s.update(1.0, "Issued " + serial);
            return new IssuedCertificate(serial, false, info.certificatePem(), chain,
                    built.keyPair() == null ? null : built.keyPair().getPrivate(), rec);
        } finally {
            if (keyPem != null) {
                Arrays.fill(keyPem, '\0');
            }
        }
    }

    private CertificateInfo pickUp(String serial, ProgressSink s) {
        Instant until = clock.instant().plus(pickupTimeout);
        while (true) {
            CertificateInfo info;
            try {
                info = client.awaitCertificate(serial);
            } catch (AtlasApiException e) {
                if (e.status() == 422) {
                    store.certificates().findBySerial(providerId, serial).ifPresent(r -> store.certificates().delete(r.id()));
                }
                throw new DomainsException(refusal("GlobalSign did not issue certificate " + serial, e), e);
            }
            if (!info.pending()) {
                return info;
            }
            if (!clock.instant().isBefore(until) || s.isCancelled()) {
                return info;
            }
            s.update(0.7, "Certificate " + serial + " is still being issued; trying again in "
                    + pickupInterval.toSeconds() + " s");
            try {
                sleeper.sleep(pickupInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return info;
            }
        }
    }

    /** {@code GET /trustchain}: issuing CA first, root last. */
    public List<String> chain() {
        try {
            return client.trustChain();
        } catch (AtlasApiException e) {
            throw new DomainsException("Could not fetch the chain: " + ClaimService.describe(e), e);
        }
    }

    private CertificateRecord recordFor(String serial, CertificateInfo info, List<String> chain,
            RequestBuilder.Built built) {
        X509Certificate x = parse(info.certificatePem());
        CertificateStatus st = "REVOKED".equals(info.status()) ? CertificateStatus.REVOKED : CertificateStatus.ISSUED;
        String cn = x != null ? commonName(x) : built == null ? null : built.commonName();
        List<String> sans = x != null ? sans(x) : built == null ? List.of() : sans(built);
        StringBuilder chainPem = new StringBuilder();
        chain.forEach(c -> chainPem.append(IssuedCertificate.withNewline(c)));
        Instant issued = info.updatedAt() != null ? info.updatedAt() : clock.instant();
        return new CertificateRecord(null, providerId, serial, cn, sans, st,
                x != null ? x.getNotBefore().toInstant() : built.notBefore(),
                x != null ? x.getNotAfter().toInstant() : built.notAfter(), info.certificatePem(), chainPem.toString(),
                issued, st == CertificateStatus.REVOKED ? info.updatedAt() : null, null, false, null, null);
    }

    // ------------------------------------------------------------------------------------------------ list

    /** Certificates of this provider as stored, newest first. */
    public List<CertificateRecord> list() {
        return store.certificates().list(providerId);
    }

    /**
     * Refreshes the stored list: every stored certificate not yet revoked is read again ({@code GET
     * /certificates/{serial}}), and certificates the stats endpoints list for the last 30 days (issued, revoked) that
     * the store does not know are added. Returns the refreshed list.
     */
    public List<CertificateRecord> refresh() {
        Map<String, CertificateRecord> stored = new LinkedHashMap<>();
        for (CertificateRecord r : list()) {
            stored.put(r.serial().toUpperCase(Locale.ROOT), r);
        }
        List<String> toRead = new ArrayList<>();
        stored.values().stream().filter(r -> r.status() != CertificateStatus.REVOKED).forEach(r -> toRead.add(r.serial()));
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(30)).plusSeconds(60);
        for (StatsEntry.Kind kind : List.of(StatsEntry.Kind.ISSUED, StatsEntry.Kind.REVOKED)) {
            for (int page = 1; page <= 50; page++) {
                Page<StatsEntry> p;
                try {
                    p = client.stats(kind, from, to, page, 100);
                } catch (AtlasApiException e) {
                    throw new DomainsException("Could not read the certificate statistics: "
                            + ClaimService.describe(e), e);
                }
                for (StatsEntry e : p.items()) {
                    String serial = e.serialNumber() == null ? null : e.serialNumber().toUpperCase(Locale.ROOT);
                    if (serial == null) {
                        continue;
                    }
                    CertificateRecord known = stored.get(serial);
                    boolean needs = known == null || (kind == StatsEntry.Kind.REVOKED
                            && known.status() != CertificateStatus.REVOKED);
                    if (needs && !toRead.contains(serial)) {
                        toRead.add(serial);
                    }
                }
                if (!p.hasNext() || p.items().isEmpty()) {
                    break;
                }
            }
        }
        List<String> chain = null;
        for (String serial : toRead) {
            CertificateInfo info;
            try {
                info = client.getCertificate(serial);
            } catch (AtlasApiException e) {
                if (e.status() == 404 || e.status() == 422) {
                    continue; // unknown or rejected: nothing to record
                }
                throw new DomainsException("Could not read certificate " + serial + ": " + ClaimService.describe(e), e);
            }
            if (info.pending()) {
                continue;
            }
            CertificateRecord known = stored.get(serial.toUpperCase(Locale.ROOT));
            List<String> c;
            if (known != null && known.chainPem() != null && !known.chainPem().isBlank()) {
                c = splitPem(known.chainPem());
            } else {
                if (chain == null) {
                    chain = chain();
                }
                c = chain;
            }
            CertificateRecord fresh = recordFor(known != null ? known.serial() : serial, info, c, null);
            if (known != null && known.revokedAt() != null) {
                fresh = withRevocation(fresh, known.revokedAt(), known.revocationReason());
            }
            store.certificates().save(fresh, null);
        }
        return list();
    }

    // ------------------------------------------------------------------------------------------------ revoke

    /** Serial as the API writes it: upper-case hex without separators (colons, spaces and dashes are dropped). */
    public static String normaliseSerial(String serial) {
        String s = serial == null ? "" : serial.replaceAll("[\\s:\\-]", "").toUpperCase(Locale.ROOT);
        if (!s.matches("[0-9A-F]{1,64}")) {
            throw new IllegalArgumentException("'" + serial + "' is not a certificate serial number (expected hex, "
                    + "e.g. 01F61750041A52E5561F0DC342A4BF3D)");
        }
        return s;
    }

    /** The stored record for a serial, if any (to name the certificate before revoking it). */
    public Optional<CertificateRecord> find(String serial) {
        return store.certificates().findBySerial(providerId, normaliseSerial(serial));
    }

    /**
     * Revokes ({@code PATCH} with the reason; the client falls back to {@code DELETE} where PATCH is refused) and
     * records it. 409 (already revoked, pending, rejected) and 404 come back as {@link DomainsException} with the
     * API's description.
     */
    public CertificateRecord revoke(String serial, RevocationReason reason) {
        String s = normaliseSerial(serial);
        try {
            client.revokeCertificate(s, reason);
        } catch (AtlasApiException e) {
            String why = switch (e.status()) {
                case 409 -> "GlobalSign refused to revoke certificate " + s + " (HTTP 409): " + e.description();
                case 404 -> "GlobalSign does not know certificate " + s + " (HTTP 404: " + e.description() + ")";
                default -> refusal("GlobalSign refused to revoke certificate " + s, e);
            };
            throw new DomainsException(why, e);
        }
        Instant when = clock.instant();
        CertificateInfo info = null;
        try {
            info = client.getCertificate(s);
            if (info.updatedAt() != null) {
                when = info.updatedAt();
            }
        } catch (AtlasApiException ignored) {
            // revoked all the same; the time stays ours
        }
        Optional<CertificateRecord> known = store.certificates().findBySerial(providerId, s);
        if (known.isEmpty() && info != null && info.certificatePem() != null) {
            store.certificates().save(recordFor(s, info, chain(), null), null);
        }
        if (store.certificates().findBySerial(providerId, s).isPresent()) {
            return store.certificates().markRevoked(providerId, s, when, reason.apiName());
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ rekey

    /**
     * Rekeys an ISSUED certificate ({@code POST /certificates/{serial}/rekey}, ATLAS-API.md 4.5): a new key (generated
     * here, or the public key of {@code csrPem}) in the form the policy asks (public key or CSR, proof of
     * possession, signature algorithm), for the old certificate's names. GlobalSign answers with the new serial; the
     * old certificate is left as it is. The new one is picked up and stored like an issued one (with its key).
     */
    public IssuedCertificate rekey(String serial, String csrPem, ProgressSink sink) {
        ProgressSink s = sink == null ? ProgressSink.NONE : sink;
        String old = normaliseSerial(serial);
        CertificateInfo info;
        try {
            info = client.getCertificate(old);
        } catch (AtlasApiException e) {
            throw new DomainsException(refusal("Could not read certificate " + old, e), e);
        }
        if (!"ISSUED".equals(info.status()) || info.certificatePem() == null) {
            throw new DomainsException("Certificate " + old + " is " + (info.status() == null ? "unknown"
                    : info.status()) + "; only an issued certificate can be rekeyed");
        }
        X509Certificate x = parse(info.certificatePem());
        List<String> dns = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (String n : x == null ? List.<String>of() : sans(x)) {
            (n.contains("@") ? emails : dns).add(n);
        }
        s.update(0.2, csrPem == null ? "Generating the new key" : "Reading the new public key");
        RequestBuilder.Built built = prepare(policy(), IssueRequest.of(x == null ? null : commonName(x), dns, emails)
                .withCsr(csrPem));
        com.google.gson.JsonObject body = new com.google.gson.JsonObject();
        for (String k : List.of("public_key", "public_key_signature", "signature")) {
            if (built.json().has(k)) {
                body.add(k, built.json().get(k));
            }
        }
        s.update(0.4, "Asking GlobalSign to rekey " + old);
        String fresh;
        try {
            fresh = client.rekeyCertificate(old, body);
        } catch (AtlasApiException e) {
            throw new DomainsException(refusal("GlobalSign refused to rekey certificate " + old, e), e);
        }
        char[] keyPem = built.keyPair() == null ? null : Pem.writeChars(built.keyPair().getPrivate());
        try {
            CertificateRecord pendingRecord = store.certificates().save(CertificateRecord.of(providerId, fresh,
                    built.commonName(), sans(built), CertificateStatus.PENDING, null, null, null, null, null), keyPem);
            s.update(0.6, "Picking up certificate " + fresh);
            CertificateInfo got = pickUp(fresh, s);
            if (got == null || got.pending()) {
                return new IssuedCertificate(fresh, true, null, List.of(),
                        built.keyPair() == null ? null : built.keyPair().getPrivate(), pendingRecord);
            }
            List<String> chain = chain();
            CertificateRecord rec = store.certificates().save(recordFor(fresh, got, chain, built), null);
            s.update(1.0, "Rekeyed " + old + " as " + fresh);
            return new IssuedCertificate(fresh, false, got.certificatePem(), chain,
                    built.keyPair() == null ? null : built.keyPair().getPrivate(), rec);
        } finally {
            if (keyPem != null) {
                Arrays.fill(keyPem, '\0');
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String refusal(String what, AtlasApiException e) {
        return what + ": " + ClaimService.describe(e);
    }

    private static CertificateRecord withRevocation(CertificateRecord r, Instant at, String reason) {
        return new CertificateRecord(r.id(), r.providerId(), r.serial(), r.commonName(), r.sans(), r.status(),
                r.notBefore(), r.notAfter(), r.certificatePem(), r.chainPem(), r.issuedAt(), at, reason,
                r.hasPrivateKey(), r.createdAt(), r.updatedAt());
    }

    private static List<String> sans(RequestBuilder.Built b) {
        List<String> out = new ArrayList<>(b.dnsNames());
        out.addAll(b.emails());
        return out;
    }

    static X509Certificate parse(String pem) {
        if (pem == null) {
            return null;
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            return null;
        }
    }

    static String commonName(X509Certificate x) {
        X500Name n = X500Name.getInstance(x.getSubjectX500Principal().getEncoded());
        RDN[] cns = n.getRDNs(BCStyle.CN);
        return cns.length == 0 ? x.getSubjectX500Principal().getName(X500Principal.RFC2253)
                : IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    static List<String> sans(X509Certificate x) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> alt = x.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> e : alt) {
                    if (e.size() >= 2 && e.get(1) instanceof String v) {
                        out.add(v);
                    }
                }
            }
        } catch (CertificateParsingException ignored) {
            // no readable SANs
        }
        return out;
    }

    static List<String> splitPem(String pems) {
        List<String> out = new ArrayList<>();
        String end = "-----END CERTIFICATE-----";
        int from = 0;
        while (true) {
            int b = pems.indexOf("-----BEGIN CERTIFICATE-----", from);
            if (b < 0) {
                break;
            }
            int e = pems.indexOf(end, b);
            if (e < 0) {
                break;
            }
            out.add(pems.substring(b, e + end.length()) + "\n");
            from = e + end.length();
        }
        return out;
    }
}
