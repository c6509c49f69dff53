package io.atlasonboard.core.claims;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.atlas.AtlasApiException;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasTransportException;
import io.atlasonboard.core.atlas.Claim;
import io.atlasonboard.core.atlas.ClaimToken;
import io.atlasonboard.core.atlas.DnsAssertion;
import io.atlasonboard.core.atlas.Sleeper;
import io.atlasonboard.core.dns.DnsUpdateException;
import io.atlasonboard.core.dns.DnsUpdater;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.PropagationReport;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.core.dns.TsigKey;
import io.atlasonboard.core.dns.TxtRecordPresentation;
import io.atlasonboard.core.pki.DomainNames;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.store.TsigKeyRecord;
import io.atlasonboard.core.tasks.ProgressSink;

/**
 * Domain claims of one provider (ATLAS-API.md 4.9 and 5): create, list and refresh from the API, delete, reassert,
 * the TXT record to publish, propagation check, optional RFC 2136 publish/remove, and verification of many domains
 * with bounded concurrency and a shared backoff when the API rate-limits.
 *
 * <p>The store keeps the last known state of each claim; every API answer about a claim updates it. Configure with
 * the fluent setters before use; the service is then safe to use from several threads.
 */
public final class ClaimService {
    /** Status written to the store for a claim the API no longer knows (404 or missing from the list). */
    public static final String STATUS_DELETED = "DELETED";
    private static final Gson GSON = new Gson();

    private final Store store;
    private final ProviderRecord provider;
    private final long providerId;
    private final AtlasClient client;

    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.REAL;
    private int concurrency = 4;
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration initialBackoff = Duration.ofSeconds(2);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private int maxRequeues = 30;
    private PropagationChecker checker;
    private volatile int lastRequeues;

    public ClaimService(Store store, ProviderRecord provider, AtlasClient client) {
        this.store = Objects.requireNonNull(store);
        this.provider = Objects.requireNonNull(provider);
        this.providerId = Objects.requireNonNull(provider.id(), "provider must be saved");
        this.client = Objects.requireNonNull(client);
    }

    // ------------------------------------------------------------------------------------------------ settings

    public ClaimService clock(Clock c) {
        this.clock = Objects.requireNonNull(c);
        return this;
    }

    /** How the service waits (polling, backoff); tests inject a fast one. */
    public ClaimService sleeper(Sleeper s) {
        this.sleeper = Objects.requireNonNull(s);
        return this;
    }

    /** Domains worked on at the same time (default 4). */
    public ClaimService concurrency(int n) {
        if (n < 1 || n > 32) {
            throw new IllegalArgumentException("concurrency must be 1..32");
        }
        this.concurrency = n;
        return this;
    }

    /** Time between two GETs of a claim while GlobalSign checks it (default 5 s). */
    public ClaimService pollInterval(Duration d) {
        this.pollInterval = Objects.requireNonNull(d);
        return this;
    }

    /**
     * Shared backoff when the API still says 429/503 after the client's own retries: starts at {@code initial},
     * doubles while it keeps happening, capped at {@code max}; an item is put back at most {@code maxRequeues} times.
     */
    public ClaimService backoff(Duration initial, Duration max, int maxRequeues) {
        this.initialBackoff = Objects.requireNonNull(initial);
        this.maxBackoff = Objects.requireNonNull(max);
        this.maxRequeues = maxRequeues;
        return this;
    }

    public ClaimService propagationChecker(PropagationChecker c) {
        this.checker = c;
        return this;
    }

    public ProviderRecord provider() {
        return provider;
    }

    /** How many times the last batch put a domain back because of rate limiting (diagnostics and tests). */
    public int lastRequeues() {
        return lastRequeues;
    }

    // ------------------------------------------------------------------------------------------------ names

    /**
     * Validates and normalises domains for claims (lower-case A-labels, no trailing dot, duplicates dropped). A
     * wildcard is refused with a hint: the claim is for the base domain, which then covers {@code *.} names.
     * All problems are reported together.
     */
    public static List<String> normaliseDomains(List<String> inputs) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (String in : inputs) {
            try {
                String d = DomainNames.normalize(in);
                if (d.startsWith("*.")) {
                    problems.add("'" + in.strip() + "': claims are for plain domain names; claim " + d.substring(2)
                            + " instead (a verified claim on it also covers " + d + ")");
                    continue;
                }
                out.add(d);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("No domain given; expected one or more names such as www.example.com");
        }
        return new ArrayList<>(out);
    }

    // ------------------------------------------------------------------------------------------------ claims

    /** Claims one domain (or reuses this provider's existing claim for it). Throws on failure. */
    public ClaimResult claim(String domain) {
        ClaimResult r = claim(List.of(domain), ProgressSink.NONE).get(0);
        if (!r.ok()) {
            throw new DomainsException(r.error());
        }
        return r;
    }

    /**
     * Creates a claim for each domain ({@code POST /claims/domains/{domain}}) and stores claim id, token, assert-by
     * and status. A domain that already has a live claim of this provider in the store reuses it (refreshed from the
     * API), so running this twice never creates duplicates; a stored claim the API no longer knows is replaced.
     * Bounded concurrency, shared backoff on rate limits; one result per domain, in input order.
     */
    public List<ClaimResult> claim(List<String> domains, ProgressSink sink) {
        List<String> names = normaliseDomains(domains);
        // the batch's stored claims read at once; GlobalSign's listing once per batch, on first need (adoptRemote)
        ClaimBatch batch = ClaimBatch.load(store, providerId, names);
        BatchRunner runner = runner();
        Map<String, ClaimResult> results;
        try {
            results = runClaims(runner, names, batch, sink);
        } finally {
            store.domainClaims().commitPending(); // the batch's grouped saves are durable when it returns
        }
        lastRequeues = runner.requeues();
        return new ArrayList<>(results.values());
    }

    private Map<String, ClaimResult> runClaims(BatchRunner runner, List<String> names, ClaimBatch batch,
            ProgressSink sink) {
        return runner.run(names, (d, pace) -> claimOne(d, batch),
                new BatchRunner.Outcomes<>() {
                    @Override
                    public ClaimResult gaveUp(String item, String reason) {
                        return new ClaimResult(item, null, false, reason);
                    }

                    @Override
                    public ClaimResult failed(String item, Exception e) {
                        return new ClaimResult(item, null, false, message(e));
                    }

                    @Override
                    public ClaimResult cancelled(String item) {
                        return new ClaimResult(item, null, false, "cancelled before the claim was created");
                    }

                    @Override
                    public String describe(ClaimResult r) {
                        return r.ok() ? (r.created() ? "claimed" : "existing claim") : "ERROR: " + r.error();
                    }
                }, sink, null);
    }

    /**
     * One domain of a batch. Its saves are grouped (one commit for many claims, see
     * {@code DomainClaimRepository.upsertGrouped}): what that relies on is that a claim created at GlobalSign whose
     * row never reached the file (a crash before the group's commit) is listed by GlobalSign, and every batch looks
     * at that listing before its first create, so the next run adopts it instead of creating a second one.
     */
    private ClaimResult claimOne(String domain, ClaimBatch batch) {
        Optional<DomainClaimRecord> existing = batch.current(domain);
        if (existing.isPresent()) {
            DomainClaimRecord rec = existing.get();
            DomainClaimRecord fresh = refreshRecord(rec, true);
            if (!STATUS_DELETED.equals(fresh.status())) {
                return new ClaimResult(domain, fresh, false, null);
            }
        }
        // a claim created at GlobalSign but never saved here (a crash, a lost answer) is adopted, never duplicated
        Optional<DomainClaimRecord> adopted = adoptRemote(domain, batch);
        if (adopted.isPresent()) {
            return new ClaimResult(domain, adopted.get(), false, null);
        }
        ClaimToken t;
        try {
            t = client.createClaim(domain);
        } catch (AtlasApiException e) {
            Optional<DomainClaimRecord> after = adoptAfterFailure(domain);
            if (after.isPresent()) {
                return new ClaimResult(domain, after.get(), false, null);
            }
            throw slowDownOrFail(e, "claiming " + domain);
        } catch (AtlasTransportException e) {
            Optional<DomainClaimRecord> after = adoptAfterFailure(domain);
            if (after.isPresent()) {
                return new ClaimResult(domain, after.get(), false, null);
            }
            throw new BatchRunner.RetryLater(e.getMessage(), e);
        }
        if (t.id() == null || t.token() == null) {
            throw new DomainsException("GlobalSign answered the claim for " + domain + " without a claim id or token");
        }
        DomainClaimRecord rec = store.domainClaims().upsertGrouped(DomainClaimRecord.of(providerId, t.id(), domain, "PENDING",
                t.token(), epoch(t.assertBy()), null).withLog("[]").withLastCheckedAt(clock.instant()));
        return new ClaimResult(domain, rec, true, null);
    }

    /**
     * Looks for a live server-side claim for {@code domain} ({@code GET /claims/domains}, all pages) that the store
     * does not have, and saves it (adopts it). Empty when GlobalSign has none. With a {@code batch}, the listing is
     * the batch's (listed once); without, it is listed now.
     */
    private Optional<DomainClaimRecord> adoptRemote(String domain, ClaimBatch batch) {
        String d = stripDot(DomainNames.normalize(domain));
        if (d.startsWith("*.")) {
            d = d.substring(2);
        }
        Map<String, List<Claim>> remote;
        try {
            remote = batch != null ? batch.remote(() -> client.listAllClaims(null))
                    : ClaimBatch.index(client.listAllClaims(null));
        } catch (AtlasApiException e) {
            throw slowDownOrFail(e, "looking for an existing claim for " + domain);
        } catch (AtlasTransportException e) {
            throw new BatchRunner.RetryLater(e.getMessage(), e);
        }
        for (Claim c : remote.getOrDefault(d, List.of())) {
            DomainClaimRecord base = store.domainClaims().findByClaimId(providerId, c.id())
                    .orElse(DomainClaimRecord.of(providerId, c.id(), d, c.status(), c.token(), null, null));
            DomainClaimRecord rec = apply(base, c);
            if (rec.token() == null) {
                continue; // a listing without the token: not usable, the claim is created anew
            }
            DomainClaimRecord saved = store.domainClaims().upsert(rec);
            if (base.id() == null) {
                store.domainClaims().markAdopted(providerId, saved.claimId(), clock.instant()); // dns status shows it
            }
            return Optional.of(saved);
        }
        return Optional.empty();
    }

    /** After a failed create the claim may exist anyway (the answer was lost): adopt it if the list shows it. */
    private Optional<DomainClaimRecord> adoptAfterFailure(String domain) {
        try {
            return adoptRemote(domain, null);
        } catch (RuntimeException e) {
            return Optional.empty(); // the original failure is the one to report
        }
    }

    /** Claims of this provider as stored (last known state), by domain. */
    public List<DomainClaimRecord> list() {
        return store.domainClaims().list(providerId);
    }

    /** The newest stored claim for a domain that is not marked deleted. */
    public Optional<DomainClaimRecord> current(String domain) {
        String d = DomainNames.normalize(domain);
        if (d.startsWith("*.")) {
            d = d.substring(2);
        }
        return store.domainClaims().findByDomain(providerId, d).stream()
                .filter(r -> !STATUS_DELETED.equals(r.status())).findFirst();
    }

    private DomainClaimRecord require(String domain) {
        return current(domain).orElseThrow(() -> new NoSuchElementException("Provider '" + provider.name()
                + "' has no claim for " + DomainNames.normalize(domain) + "; create one first (dns claim)."));
    }

    /**
     * Refreshes every claim from the API ({@code GET /claims/domains}, all pages): known ones are updated, claims made
     * elsewhere (e.g. in the portal) are added, stored ones the API no longer lists are marked {@value #STATUS_DELETED}.
     */
    public List<DomainClaimRecord> refreshAll() {
        List<Claim> remote;
        try {
            remote = client.listAllClaims(null);
        } catch (AtlasApiException e) {
            throw new DomainsException("Could not list the claims: " + e.getMessage(), e);
        }
        Set<String> seen = new HashSet<>();
        for (Claim c : remote) {
            seen.add(c.id().toUpperCase(Locale.ROOT));
            DomainClaimRecord base = store.domainClaims().findByClaimId(providerId, c.id())
                    .orElse(DomainClaimRecord.of(providerId, c.id(), stripDot(c.domain()), c.status(), c.token(),
                            null, null));
            DomainClaimRecord saved = store.domainClaims().upsert(apply(base, c));
            if (base.id() == null) {
                store.domainClaims().markAdopted(providerId, saved.claimId(), clock.instant()); // not made here
            }
        }
        for (DomainClaimRecord r : list()) {
            if (!seen.contains(r.claimId().toUpperCase(Locale.ROOT)) && !STATUS_DELETED.equals(r.status())) {
                store.domainClaims().upsert(r.withStatus(STATUS_DELETED).withLastCheckedAt(clock.instant()));
            }
        }
        return list();
    }

    /** Refreshes the given domains' claims from the API ({@code GET /claims/domains/{id}}). */
    public List<DomainClaimRecord> refresh(List<String> domains) {
        List<DomainClaimRecord> out = new ArrayList<>();
        for (String d : normaliseDomains(domains)) {
            out.add(refreshRecord(require(d)));
        }
        return out;
    }

    private DomainClaimRecord refreshRecord(DomainClaimRecord rec) {
        return refreshRecord(rec, false);
    }

    /** Reads the claim from the API and stores what it says; {@code grouped}: the save's commit is grouped. */
    private DomainClaimRecord refreshRecord(DomainClaimRecord rec, boolean grouped) {
        try {
            Claim c = client.getClaim(rec.claimId());
            return save(apply(rec, c), grouped);
        } catch (AtlasApiException e) {
            if (e.status() == 404) {
                return save(rec.withStatus(STATUS_DELETED).withLastCheckedAt(clock.instant()), grouped);
            }
            throw slowDownOrFail(e, "reading the claim for " + rec.domain());
        } catch (AtlasTransportException e) {
            throw new BatchRunner.RetryLater(e.getMessage(), e);
        }
    }

    private DomainClaimRecord save(DomainClaimRecord rec, boolean grouped) {
        return grouped ? store.domainClaims().upsertGrouped(rec) : store.domainClaims().upsert(rec);
    }

    private DomainClaimRecord apply(DomainClaimRecord rec, Claim c) {
        String token = c.token() != null && !c.token().isEmpty() ? c.token() : rec.token();
        Instant assertBy = c.assertBy() == 0 ? null : Instant.ofEpochSecond(c.assertBy());
        return rec.withStatus(c.status() == null ? rec.status() : c.status().toUpperCase(Locale.ROOT))
                .withToken(token, assertBy)
                .withExpiresAt(c.expiresAt() == 0 ? null : Instant.ofEpochSecond(c.expiresAt()))
                .withLog(GSON.toJson(c.log()))
                .withLastCheckedAt(clock.instant());
    }

    /** Deletes the domain's claim at GlobalSign (already gone is fine) and from the store. */
    public void delete(String domain) {
        DomainClaimRecord rec = require(domain);
        try {
            client.deleteClaim(rec.claimId());
        } catch (AtlasApiException e) {
            if (e.status() != 404) {
                throw new DomainsException("GlobalSign refused to delete the claim for " + rec.domain() + ": "
                        + describe(e), e);
            }
        }
        store.domainClaims().delete(rec.id());
    }

    /**
     * Reasserts the domain's claim ({@code POST .../reassert}): GlobalSign issues a new token and deadline; the new
     * token replaces the old one in the store (publish it, then verify again).
     */
    public DomainClaimRecord reassert(String domain) {
        DomainClaimRecord rec = require(domain);
        ClaimToken t;
        try {
            t = client.reassertClaim(rec.claimId());
        } catch (AtlasApiException e) {
            throw new DomainsException("GlobalSign refused to reassert the claim for " + rec.domain() + ": "
                    + describe(e), e);
        }
        DomainClaimRecord updated = rec.withToken(t.token(), epoch(t.assertBy())).withLastCheckedAt(clock.instant());
        updated = store.domainClaims().upsert(updated);
        try {
            return refreshRecord(updated);
        } catch (RuntimeException e) {
            return updated; // the new token is stored; the status refresh can wait
        }
    }

    /** The log of a stored claim (as last read from the API). */
    public static List<Claim.LogEntry> log(DomainClaimRecord rec) {
        if (rec.logJson() == null || rec.logJson().isBlank()) {
            return List.of();
        }
        List<Claim.LogEntry> l = GSON.fromJson(rec.logJson(), new TypeToken<List<Claim.LogEntry>>() { }.getType());
        return l == null ? List.of() : l;
    }

    // ------------------------------------------------------------------------------------------------ DNS

    /** What to publish for the claim: host, value, TTL, deadline, zone-file line, copy-all block. */
    public static TxtRecordPresentation presentation(DomainClaimRecord rec) {
        return TxtRecordPresentation.of(rec.domain(), rec.token(), rec.assertBy(), null);
    }

    /**
     * Asks the zone's authoritative servers and the resolvers configured for this provider (DNS settings) whether
     * they see the claim's token.
     */
    public PropagationReport checkPropagation(DomainClaimRecord rec) {
        return checker().check(rec.domain(), rec.token(), configuredResolvers());
    }

    public List<ResolverSpec> configuredResolvers() {
        List<ResolverSpec> out = new ArrayList<>();
        for (String r : store.dnsSettings().resolvers(providerId)) {
            out.add(ResolverSpec.parse(r));
        }
        return out;
    }

    private PropagationChecker checker() {
        return checker != null ? checker : PropagationChecker.withDefaults();
    }

    private static DnsUpdater updater() {
        return new DnsUpdater();
    }

    /** Publishes the claim's TXT record by RFC 2136 update at {@code server}, signed with {@code key}. */
    public DnsUpdater.Result publish(DomainClaimRecord rec, ResolverSpec server, TsigKey key) throws DnsUpdateException {
        return updater().publishTxt(server, null, TxtRecordPresentation.fqdn(rec.domain()), rec.token(),
                (int) presentation(rec).suggestedTtl().toSeconds(), key);
    }

    /** Removes exactly this TXT value (e.g. after verification, or the old token after a reassert). */
    public DnsUpdater.Result remove(String domain, String value, ResolverSpec server, TsigKey key)
            throws DnsUpdateException {
        return updater().removeTxt(server, null, TxtRecordPresentation.fqdn(domain), value, key);
    }

    /** Publishes with a TSIG key kept in the store (its server, unless {@code server} is given). */
    public DnsUpdater.Result publish(DomainClaimRecord rec, String tsigKeyName, ResolverSpec server)
            throws DnsUpdateException {
        StoredKey k = storedKey(tsigKeyName, server);
        return publish(rec, k.server, k.key);
    }

    /** Removes the value with a TSIG key kept in the store. */
    public DnsUpdater.Result remove(String domain, String value, String tsigKeyName, ResolverSpec server)
            throws DnsUpdateException {
        StoredKey k = storedKey(tsigKeyName, server);
        return remove(domain, value, k.server, k.key);
    }

    private record StoredKey(TsigKey key, ResolverSpec server) {
    }

    private StoredKey storedKey(String name, ResolverSpec server) {
        TsigKeyRecord r = store.tsigKeys().findByName(name)
                .orElseThrow(() -> new NoSuchElementException("There is no stored TSIG key named '" + name + "'."));
        ResolverSpec s = server;
        if (s == null) {
            if (r.server() == null || r.server().isBlank()) {
                throw new IllegalArgumentException("TSIG key '" + name + "' has no server stored; name the server.");
            }
            s = ResolverSpec.parse(r.server());
        }
        char[] secret = store.tsigKeys().secret(r.id());
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(new String(secret).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The stored secret of TSIG key '" + name + "' is not base64.");
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
        try {
            return new StoredKey(new TsigKey(r.name(), r.algorithm(), raw), s);
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    // ------------------------------------------------------------------------------------------------ verify

    /** Options of a verification run. */
    /**
     * Publishes a claim's new TXT value after an automatic reassert (e.g. by RFC 2136); {@code oldToken} is the value
     * it replaces (may be removed).
     */
    @FunctionalInterface
    public interface Republisher {
        void publish(DomainClaimRecord reasserted, String oldToken) throws Exception;
    }

    /**
     * Options of a verification run. {@code republisher} null (default): a claim past its assert-by deadline is an
     * ERROR telling the user to reassert. Non-null: the user asked for automation, so such a claim is reasserted, the
     * new token published through it, and the check asked for again.
     */
    public record VerifyOptions(Duration maxWait, BiConsumer<String, VerifyResult> listener, Republisher republisher,
            Map<String, String> authorizationDomains) {
        public VerifyOptions {
            maxWait = maxWait == null || maxWait.isNegative() ? Duration.ZERO : maxWait;
            authorizationDomains = authorizationDomains == null ? Map.of() : Map.copyOf(authorizationDomains);
        }

        public VerifyOptions(Duration maxWait, BiConsumer<String, VerifyResult> listener, Republisher republisher) {
            this(maxWait, listener, republisher, null);
        }

        /**
         * The same options, asking GlobalSign to look for the TXT record at an Authorization Domain Name per domain
         * (domain to ADN, both normalised; see {@link AuthorizationDomains}) instead of the claimed name itself.
         */
        public VerifyOptions withAuthorizationDomains(Map<String, String> adns) {
            return new VerifyOptions(maxWait, listener, republisher, adns);
        }

        public VerifyOptions(Duration maxWait, BiConsumer<String, VerifyResult> listener) {
            this(maxWait, listener, null);
        }

        public static VerifyOptions waitFor(Duration wait) {
            return new VerifyOptions(wait, null, null);
        }
    }

    /**
     * Asks GlobalSign to check each domain's TXT record ({@code POST .../dns}) and polls the claim until VERIFIED, a
     * failed check, or {@code options.maxWait()} has passed (then PENDING). 204 is verified at once; 201/202 mean a check
     * is running; 424 means the assert-by deadline passed (ERROR with {@code reassertNeeded}: reassert and publish the
     * new token first; nothing is reasserted silently). 429/503 beyond the client's retries put the domain back with a
     * shared backoff. At most {@link #concurrency(int)} domains are worked on at once. Results in input order.
     */
    public Map<String, VerifyResult> verify(List<String> domains, VerifyOptions options, ProgressSink sink) {
        List<String> names = normaliseDomains(domains);
        VerifyOptions o = options == null ? VerifyOptions.waitFor(Duration.ZERO) : options;
        ClaimBatch batch = ClaimBatch.load(store, providerId, names);
        BatchRunner runner = runner();
        Queue<DomainClaimRecord> atOnce = new ConcurrentLinkedQueue<>();
        VerifiedReadBack back = new VerifiedReadBack(client, (r, c) -> store.domainClaims().upsertGrouped(apply(r, c)),
                r -> store.domainClaims().upsertGrouped(r.withStatus(STATUS_DELETED)), this::runner);
        Map<String, VerifyResult> out;
        try {
            out = runVerify(runner, names, batch, o, sink, atOnce);
            // the claims verified at once (204, no body): their expiry and log read back in one pass for the batch
            back.readBack(List.copyOf(atOnce), sink == null ? ProgressSink.NONE : sink);
        } finally {
            store.domainClaims().commitPending(); // the batch's grouped saves are durable when it returns
        }
        lastRequeues = runner.requeues() + back.requeues();
        return new LinkedHashMap<>(out);
    }

    private Map<String, VerifyResult> runVerify(BatchRunner runner, List<String> names, ClaimBatch batch,
            VerifyOptions o, ProgressSink sink, Queue<DomainClaimRecord> atOnce) {
        return runner.run(names, (d, pace) -> verifyOne(d, batch, o, pace, atOnce),
                new BatchRunner.Outcomes<>() {
                    @Override
                    public VerifyResult gaveUp(String item, String reason) {
                        return VerifyResult.error(item, claimIdOf(item), reason);
                    }

                    @Override
                    public VerifyResult failed(String item, Exception e) {
                        return VerifyResult.error(item, claimIdOf(item), message(e));
                    }

                    @Override
                    public VerifyResult cancelled(String item) {
                        return VerifyResult.pending(item, claimIdOf(item), Msg.of("core.claims.verify.cancelledBefore"));
                    }

                    @Override
                    public String describe(VerifyResult r) {
                        return r.describe();
                    }
                }, sink, o.listener());
    }

    private String claimIdOf(String domain) {
        try {
            return current(domain).map(DomainClaimRecord::claimId).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * One domain of a verification batch; its saves are grouped (see {@link #claimOne}: a lost save is re-read). A
     * claim verified at once is saved as verified and added to {@code atOnce}: the batch reads back what GlobalSign
     * says of it (expiry, log) when every domain is done ({@link VerifiedReadBack}).
     */
    private VerifyResult verifyOne(String domain, ClaimBatch batch, VerifyOptions o, BatchRunner.Pace pace,
            Queue<DomainClaimRecord> atOnce) {
        Optional<DomainClaimRecord> found = batch.current(domain);
        if (found.isEmpty()) {
            return VerifyResult.error(domain, null, Msg.of("core.claims.verify.noClaim", provider.name(), domain));
        }
        DomainClaimRecord rec = found.get();
        if ("VERIFIED".equals(rec.status())) {
            // already verified: confirm with GlobalSign instead of asking for a new DNS check (the record may be gone)
            Claim c;
            try {
                c = client.getClaim(rec.claimId());
            } catch (AtlasApiException e) {
                if (e.status() == 429 || e.status() == 503) {
                    throw new BatchRunner.RetryLater(describe(e), e);
                }
                if (e.status() != 404) {
                    return VerifyResult.error(domain, rec.claimId(), Msg.of("core.claims.verify.readFailed", describe(e)));
                }
                c = null;
            } catch (AtlasTransportException e) {
                throw new BatchRunner.RetryLater(e.getMessage(), e);
            }
            if (c == null) {
                store.domainClaims().upsertGrouped(rec.withStatus(STATUS_DELETED).withLastCheckedAt(clock.instant()));
                return VerifyResult.error(domain, rec.claimId(), Msg.of("core.claims.verify.unknownClaim", rec.claimId()));
            }
            rec = store.domainClaims().upsertGrouped(apply(rec, c));
            if (c.verified() && (c.expiresAt() == 0 || c.expiresAt() > clock.instant().getEpochSecond())) {
                return VerifyResult.verified(domain, rec.claimId());
            }
        }
        int logBaseline = log(rec).size();
        Instant deadline = pace.now().plus(o.maxWait());
        DnsAssertion a = null;
        boolean reasserted = false;
        while (a == null) {
            try {
                a = client.assertDns(rec.claimId(), o.authorizationDomains().get(domain));
            } catch (AtlasApiException e) {
                switch (e.status()) {
                    case 424:
                        store.domainClaims().upsertGrouped(rec.withLastCheckedAt(clock.instant()));
                        if (o.republisher() != null && !reasserted) {
                            reasserted = true;
                            String oldToken = rec.token();
                            try {
                                rec = reassert(domain);
                            } catch (RuntimeException re) {
                                return new VerifyResult(domain, VerifyResult.State.ERROR, rec.claimId(),
                                        Msg.of("core.claims.verify.reassertFailed", part(re)), true);
                            }
                            try {
                                o.republisher().publish(rec, oldToken);
                            } catch (Exception pe) {
                                return VerifyResult.error(domain, rec.claimId(),
                                        Msg.of("core.claims.verify.publishFailed", rec.token(), part(pe)));
                            }
                            logBaseline = log(rec).size();
                            pace.awaitGate();
                            continue;
                        }
                        return new VerifyResult(domain, VerifyResult.State.ERROR, rec.claimId(),
                                Msg.of("core.claims.verify.deadlinePassed", describe(e)), true);
                    case 404:
                        store.domainClaims().upsertGrouped(rec.withStatus(STATUS_DELETED).withLastCheckedAt(clock.instant()));
                        return VerifyResult.error(domain, rec.claimId(),
                                Msg.of("core.claims.verify.unknownClaim", rec.claimId()));
                    case 429:
                    case 503:
                        throw new BatchRunner.RetryLater(describe(e), e);
                    default:
                        refreshQuietly(rec);
                        return VerifyResult.error(domain, rec.claimId(), Msg.of("core.claims.verify.couldNotVerify", describe(e)));
                }
            } catch (AtlasTransportException e) {
                throw new BatchRunner.RetryLater(e.getMessage(), e);
            }
        }
        if (a == DnsAssertion.VERIFIED) {
            // verified; the new expiry and the log entry of this verification are read back for the whole batch
            DomainClaimRecord v = store.domainClaims().upsertGrouped(rec.withStatus("VERIFIED")
                    .withToken(rec.token(), null).withLastCheckedAt(clock.instant()));
            atOnce.add(v);
            return VerifyResult.verified(domain, v.claimId());
        }
        // 201 (check scheduled) or 202 (a check is already running): poll the claim
        boolean first = true;
        while (true) {
            if (!first) {
                if (!pace.now().isBefore(deadline)) {
                    return VerifyResult.pending(domain, rec.claimId(), Msg.of("core.claims.verify.notFinished"));
                }
                Duration left = Duration.between(pace.now(), deadline);
                if (!pace.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval)) {
                    return VerifyResult.pending(domain, rec.claimId(), Msg.of("core.claims.verify.cancelledWhile"));
                }
                pace.awaitGate();
            }
            first = false;
            Claim c;
            try {
                c = client.getClaim(rec.claimId());
            } catch (AtlasApiException e) {
                if (e.status() == 429 || e.status() == 503) {
                    throw new BatchRunner.RetryLater(describe(e), e);
                }
                if (e.status() == 404) {
                    store.domainClaims().upsertGrouped(rec.withStatus(STATUS_DELETED).withLastCheckedAt(clock.instant()));
                    return VerifyResult.error(domain, rec.claimId(), Msg.of("core.claims.verify.deletedWhileChecking"));
                }
                return VerifyResult.error(domain, rec.claimId(), Msg.of("core.claims.verify.readFailed", describe(e)));
            } catch (AtlasTransportException e) {
                throw new BatchRunner.RetryLater(e.getMessage(), e);
            }
            rec = store.domainClaims().upsertGrouped(apply(rec, c));
            if (c.verified()) {
                return VerifyResult.verified(domain, rec.claimId());
            }
            List<Claim.LogEntry> log = c.log();
            for (int i = Math.min(logBaseline, log.size()); i < log.size(); i++) {
                Claim.LogEntry e = log.get(i);
                if ("ERROR".equalsIgnoreCase(e.status())) {
                    return VerifyResult.error(domain, rec.claimId(),
                            Msg.of("core.claims.verify.checkFailed", String.valueOf(e.description())));
                }
            }
        }
    }

    private void refreshQuietly(DomainClaimRecord rec) {
        try {
            refreshRecord(rec);
        } catch (RuntimeException ignored) {
            // the verification outcome is what matters here
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private BatchRunner runner() {
        return new BatchRunner(concurrency, clock, sleeper, maxRequeues, initialBackoff, maxBackoff);
    }

    private static RuntimeException slowDownOrFail(AtlasApiException e, String what) {
        if (e.status() == 429 || e.status() == 503) {
            return new BatchRunner.RetryLater(describe(e), e);
        }
        return new DomainsException("GlobalSign refused " + what + ": " + describe(e), e);
    }

    /** "HTTP 422: description {errors}" from the API's problem+json. */
    public static String describe(AtlasApiException e) {
        StringBuilder sb = new StringBuilder("HTTP ").append(e.status()).append(": ").append(e.description());
        if (!e.errors().isEmpty()) {
            List<String> parts = new ArrayList<>();
            e.errors().forEach((k, v) -> parts.add(k + ": " + v));
            sb.append(" (").append(String.join("; ", parts)).append(')');
        }
        if (e.id() != null && !e.id().isBlank()) {
            sb.append(" [id ").append(e.id()).append(']');
        }
        return sb.toString();
    }

    /** {@link #message} as a message argument: a localized failure renders in the reader's language. */
    static Object part(Throwable e) {
        return e instanceof io.atlasonboard.core.Localized l && l.msg() != null ? l.msg() : message(e);
    }

    static String message(Throwable e) {
        if (e instanceof AtlasApiException a) {
            return describe(a);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static Instant epoch(long s) {
        return s == 0 ? null : Instant.ofEpochSecond(s);
    }

    static String stripDot(String d) {
        return d != null && d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
