package io.atlasonboard.ui.dns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.Gson;
import io.atlasonboard.core.atlas.AtlasApiException;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.Claim;
import io.atlasonboard.core.atlas.ClaimToken;
import io.atlasonboard.core.atlas.DnsAssertion;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.ui.providers.ProviderConnector;

/** {@link ClaimOps} over {@link AtlasClient} (one cached client per provider, so the login token is reused). */
public final class AtlasClaimOps implements ClaimOps, AutoCloseable {
    private static final Gson GSON = new Gson();
    private final ProviderConnector connector;
    private final Store store;
    private final Map<Long, AtlasClient> clients = new ConcurrentHashMap<>();

    public AtlasClaimOps(ProviderConnector connector) {
        this.connector = Objects.requireNonNull(connector);
        this.store = connector.store();
    }

    private AtlasClient client(long providerId) {
        return clients.computeIfAbsent(providerId, connector::client);
    }

    @Override
    public List<DomainClaimRecord> stored(long providerId) {
        return store.domainClaims().list(providerId);
    }

    @Override
    public DomainClaimRecord create(long providerId, String domain) {
        ClaimToken t = client(providerId).createClaim(domain);
        Claim c = client(providerId).getClaim(t.id());
        return save(providerId, c, t.token() != null ? t.token() : c.token());
    }

    @Override
    public DomainClaimRecord refresh(long providerId, String claimId) {
        Claim c = client(providerId).getClaim(claimId);
        String token = c.token();
        if (token == null) {
            token = store.domainClaims().findByClaimId(providerId, claimId).map(DomainClaimRecord::token).orElse(null);
        }
        return save(providerId, c, token);
    }

    @Override
    public DnsAssertion assertDns(long providerId, String claimId) {
        return client(providerId).assertDns(claimId, null);
    }

    @Override
    public DomainClaimRecord reassert(long providerId, String claimId) {
        ClaimToken t = client(providerId).reassertClaim(claimId);
        Claim c = client(providerId).getClaim(claimId);
        return save(providerId, c, t.token() != null ? t.token() : c.token());
    }

    @Override
    public void delete(long providerId, String claimId) {
        try {
            client(providerId).deleteClaim(claimId);
        } catch (AtlasApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        store.domainClaims().findByClaimId(providerId, claimId).ifPresent(r -> store.domainClaims().delete(r.id()));
    }

    private DomainClaimRecord save(long providerId, Claim c, String token) {
        String domain = c.domain() == null ? "" : c.domain();
        DomainClaimRecord r = new DomainClaimRecord(null, providerId, c.id(), domain, c.status(), token,
                c.assertByInstant(), c.expiresAtInstant(), null, null, GSON.toJson(c.log()), Instant.now());
        return store.domainClaims().upsert(r);
    }

    @Override
    public void close() {
        clients.values().forEach(AtlasClient::close);
        clients.clear();
    }
}
