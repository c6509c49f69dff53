package io.atlasonboard.ui.dns;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.DnsAssertion;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.claims.AuthorizationDomains;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.claims.HandoffSheet;
import io.atlasonboard.core.claims.HandoffSheets;
import io.atlasonboard.core.claims.Preflight;
import io.atlasonboard.core.claims.PreflightReport;
import io.atlasonboard.core.dns.DnsAsk;
import io.atlasonboard.core.claims.VerifyResult;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.providers.ProviderConnector;

/**
 * {@link ClaimOps} over {@code core.claims.ClaimService} (one service and API client per provider): claims reuse a
 * live claim instead of duplicating it, and verification runs with bounded concurrency and shared rate-limit backoff.
 */
public final class ClaimServiceOps implements ClaimOps, AutoCloseable {
    private record Entry(ClaimService service, AtlasClient client, ProviderRecord provider,
            PropagationChecker checker) {
    }

    private final ProviderConnector connector;
    private final Clock clock;
    private final Function<ProviderRecord, PropagationChecker> checkerFor;
    private final Map<Long, Entry> services = new ConcurrentHashMap<>();

    public ClaimServiceOps(ProviderConnector connector, Clock clock, PropagationChecker checker) {
        this(connector, clock, p -> checker);
    }

    /** {@code checkerFor}: the propagation checker for a provider (the sandbox's for a sandbox provider), or null. */
    public ClaimServiceOps(ProviderConnector connector, Clock clock,
            Function<ProviderRecord, PropagationChecker> checkerFor) {
        this.connector = Objects.requireNonNull(connector);
        this.clock = Objects.requireNonNull(clock);
        this.checkerFor = Objects.requireNonNull(checkerFor);
    }

    private Entry entry(long providerId) {
        return services.computeIfAbsent(providerId, id -> {
            AtlasClient c = connector.client(id);
            ProviderRecord rec = connector.store().providers().get(id);
            ClaimService s = new ClaimService(connector.store(), rec, c).clock(clock);
            PropagationChecker checker = checkerFor.apply(rec);
            if (checker != null) {
                s.propagationChecker(checker);
            }
            return new Entry(s, c, rec, checker);
        });
    }

    /**
     * Drops (and closes) the cached service and API client of a provider, so the next operation connects with the
     * provider's current settings. Call it when a provider is saved, updated or deleted.
     */
    public void forget(long providerId) {
        Entry e = services.remove(providerId);
        if (e != null) {
            e.client().close();
        }
    }

    private DomainClaimRecord byId(long providerId, String claimId) {
        return connector.store().domainClaims().findByClaimId(providerId, claimId)
                .orElseThrow(() -> new NoSuchElementException(I18n.t("ui.dns.noStoredClaim", claimId)));
    }

    @Override
    public List<DomainClaimRecord> stored(long providerId) {
        return connector.store().domainClaims().list(providerId);
    }

    @Override
    public DomainClaimRecord create(long providerId, String domain) {
        return entry(providerId).service().claim(domain).claim();
    }

    @Override
    public DomainClaimRecord refresh(long providerId, String claimId) {
        return entry(providerId).service().refresh(List.of(byId(providerId, claimId).domain())).get(0);
    }

    @Override
    public DnsAssertion assertDns(long providerId, String claimId) {
        return entry(providerId).client().assertDns(claimId, null);
    }

    @Override
    public DomainClaimRecord reassert(long providerId, String claimId) {
        return entry(providerId).service().reassert(byId(providerId, claimId).domain());
    }

    @Override
    public void delete(long providerId, String claimId) {
        entry(providerId).service().delete(byId(providerId, claimId).domain());
    }

    @Override
    public boolean verifiesInBatches() {
        return true;
    }

    @Override
    public Map<String, VerifyResult> verify(long providerId, List<String> domains, Duration maxWait,
            BiConsumer<String, VerifyResult> listener, ProgressSink sink) {
        // the stored authorization domains: a claim proven on its parent stays so after a restart
        return entry(providerId).service().verify(domains, new ClaimService.VerifyOptions(maxWait, listener)
                .withAuthorizationDomains(storedAuthorizationDomains(providerId)), sink);
    }

    /** The preflight asks the same resolvers (and name-server port) as the provider's propagation checker. */
    @Override
    public PreflightReport preflight(long providerId, List<String> domains) {
        Entry e = entry(providerId);
        Preflight.Builder b = Preflight.builder().intendedUse(e.provider().intendedUse());
        if (e.checker() != null) {
            b.resolvers(e.checker().bootstrap()).authoritativePort(e.checker().authoritativePort())
                    .timeout(e.checker().timeout());
        }
        return b.build().run(domains);
    }

    @Override
    public List<String> authorizationDomains(long providerId, String claimId) {
        return new AuthorizationDomains(entry(providerId).client()).usable(byId(providerId, claimId));
    }

    @Override
    public String chooseAuthorizationDomain(long providerId, String claimId, String adn) {
        DomainClaimRecord rec = byId(providerId, claimId);
        String chosen = adn == null || adn.isBlank() ? null
                : new AuthorizationDomains(entry(providerId).client()).choose(rec, adn);
        if (chosen != null && chosen.equals(rec.domain())) {
            chosen = null;
        }
        connector.store().domainClaims().setAuthorizationDomain(providerId, claimId, chosen);
        return chosen;
    }

    @Override
    public Map<String, String> storedAuthorizationDomains(long providerId) {
        return connector.store().domainClaims().authorizationDomains(providerId);
    }

    @Override
    public HandoffSheet handoff(long providerId, List<String> domains) {
        Entry e = entry(providerId);
        PropagationChecker checker = e.checker() != null ? e.checker() : PropagationChecker.withDefaults();
        List<DomainClaimRecord> claims = stored(providerId).stream().filter(r -> domains.contains(r.domain()))
                .toList();
        HandoffSheets sheets = new HandoffSheets(checker, new DnsAsk(checker.bootstrap(), checker.timeout(),
                checker.retries()), e.provider().intendedUse());
        return sheets.build(e.provider().name(), claims, storedAuthorizationDomains(providerId), clock.instant());
    }

    @Override
    public void close() {
        services.values().forEach(e -> e.client().close());
        services.clear();
    }
}
