package io.atlasonboard.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Domain claims per provider ({@code store.domainClaims()}); one row per (provider, claim id). Thread-safe. */
public final class DomainClaimRepository {
    private final Db db;

    DomainClaimRepository(Db db) {
        this.db = db;
    }

    /** Inserts or updates the claim identified by (providerId, claimId); keeps the original createdAt. */
    public DomainClaimRecord upsert(DomainClaimRecord r) {
        check(r);
        return db.tx(c -> upsert(c, r));
    }

    /**
     * {@link #upsert}, its commit shared with the next writes (at most {@value Db#GROUP_MAX} of them or
     * {@value Db#GROUP_DELAY_MS} ms; see {@link #commitPending()}): for a batch of claims, where a commit per claim
     * is most of the store's cost. Reads on this store see the row at once. Only for writes that a lost commit cannot
     * hurt: a claim created at GlobalSign whose row is lost in a crash is adopted from GlobalSign's list by the next
     * batch (ClaimService lists before it creates), never created twice.
     */
    public DomainClaimRecord upsertGrouped(DomainClaimRecord r) {
        check(r);
        return db.txGrouped(c -> upsert(c, r));
    }

    /** Commits what {@link #upsertGrouped} (or the audit trail) left waiting for its commit. */
    public void commitPending() {
        db.commitPending();
    }

    private static void check(DomainClaimRecord r) {
        if (r.claimId() == null || r.claimId().isBlank() || r.domain() == null || r.domain().isBlank()
                || r.status() == null || r.status().isBlank()) {
            throw new IllegalArgumentException("A domain claim needs a claim id, a domain and a status.");
        }
    }

    private static DomainClaimRecord upsert(Connection c, DomainClaimRecord r) throws SQLException {
        Instant now = Sql.now();
        Optional<DomainClaimRecord> existing = findByClaimId(c, r.providerId(), r.claimId());
        if (existing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO domain_claim (provider_id, claim_id, "
                    + "domain, status, token, assert_by, expires_at, created_at, updated_at, log_json, "
                    + "last_checked_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setLong(1, r.providerId());
                ps.setString(2, r.claimId());
                ps.setString(3, normaliseDomain(r.domain()));
                ps.setString(4, r.status());
                ps.setString(5, r.token());
                Sql.setInstant(ps, 6, r.assertBy());
                Sql.setInstant(ps, 7, r.expiresAt());
                Sql.setInstant(ps, 8, r.createdAt() != null ? r.createdAt() : now);
                Sql.setInstant(ps, 9, now);
                ps.setString(10, r.logJson());
                Sql.setInstant(ps, 11, r.lastCheckedAt());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (e.getErrorCode() == 23506) {
                    throw new NoSuchElementException("There is no provider with id " + r.providerId() + ".");
                }
                throw e;
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("UPDATE domain_claim SET domain=?, status=?, token=?, "
                    + "assert_by=?, expires_at=?, updated_at=?, log_json=?, last_checked_at=? WHERE id=?")) {
                ps.setString(1, normaliseDomain(r.domain()));
                ps.setString(2, r.status());
                ps.setString(3, r.token());
                Sql.setInstant(ps, 4, r.assertBy());
                Sql.setInstant(ps, 5, r.expiresAt());
                Sql.setInstant(ps, 6, now);
                ps.setString(7, r.logJson());
                Sql.setInstant(ps, 8, r.lastCheckedAt());
                ps.setLong(9, existing.get().id());
                ps.executeUpdate();
            }
        }
        return findByClaimId(c, r.providerId(), r.claimId()).orElseThrow();
    }

    /** All claims of a provider, by domain. */
    public List<DomainClaimRecord> list(long providerId) {
        return db.tx(c -> query(c, "SELECT * FROM domain_claim WHERE provider_id = ? ORDER BY domain, created_at",
                providerId, null));
    }

    public Optional<DomainClaimRecord> findByClaimId(long providerId, String claimId) {
        return db.tx(c -> findByClaimId(c, providerId, claimId));
    }

    /** Claims for one domain (normally one), newest first. */
    public List<DomainClaimRecord> findByDomain(long providerId, String domain) {
        return db.tx(c -> query(c, "SELECT * FROM domain_claim WHERE provider_id = ? AND domain = ? "
                + "ORDER BY created_at DESC, id DESC", providerId, normaliseDomain(domain)));
    }

    /**
     * The claims for each of {@code domains} (normalised as stored), newest first per domain, as
     * {@link #findByDomain} would give them one by one: one query per 100 domains instead of one per domain.
     * Domains without a claim are absent from the map.
     */
    public Map<String, List<DomainClaimRecord>> findByDomains(long providerId, Collection<String> domains) {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(domains.stream()
                .map(DomainClaimRepository::normaliseDomain).toList()));
        return db.tx(c -> {
            Map<String, List<DomainClaimRecord>> out = new HashMap<>();
            for (int from = 0; from < names.size(); from += 100) {
                List<String> part = names.subList(from, Math.min(names.size(), from + 100));
                String sql = "SELECT * FROM domain_claim WHERE provider_id = ? AND domain IN ("
                        + String.join(",", Collections.nCopies(part.size(), "?"))
                        + ") ORDER BY domain, created_at DESC, id DESC";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, providerId);
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 2, part.get(i));
                    }
                    for (DomainClaimRecord r : read(ps)) {
                        out.computeIfAbsent(r.domain(), k -> new ArrayList<>()).add(r);
                    }
                }
            }
            return out;
        });
    }

    /**
     * Stores the authorization domain chosen for the claim (null: the claimed name itself); {@link #upsert} keeps it.
     * Returns false when there is no such claim.
     */
    public boolean setAuthorizationDomain(long providerId, String claimId, String authorizationDomain) {
        String adn = authorizationDomain == null || authorizationDomain.isBlank() ? null
                : normaliseDomain(authorizationDomain);
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE domain_claim SET authorization_domain=? "
                    + "WHERE provider_id=? AND claim_id=?")) {
                ps.setString(1, adn);
                ps.setLong(2, providerId);
                ps.setString(3, claimId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The authorization domain stored for the claim, if one was chosen. */
    public Optional<String> authorizationDomain(long providerId, String claimId) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT authorization_domain FROM domain_claim "
                    + "WHERE provider_id=? AND claim_id=?")) {
                ps.setLong(1, providerId);
                ps.setString(2, claimId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Claimed domain to chosen authorization domain, for the provider's claims that have one. */
    public java.util.Map<String, String> authorizationDomains(long providerId) {
        return db.tx(c -> {
            java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT domain, authorization_domain FROM domain_claim "
                    + "WHERE provider_id=? AND authorization_domain IS NOT NULL ORDER BY domain")) {
                ps.setLong(1, providerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Marks the claim (provider, claim id) as adopted from GlobalSign's list (the store did not create it) at
     * {@code when}; a claim already marked keeps its first date. False when there is no such claim.
     */
    public boolean markAdopted(long providerId, String claimId, Instant when) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE domain_claim SET adopted_at = ? "
                    + "WHERE provider_id = ? AND claim_id = ? AND adopted_at IS NULL")) {
                Sql.setInstant(ps, 1, when == null ? Sql.now() : when);
                ps.setLong(2, providerId);
                ps.setString(3, claimId);
                return ps.executeUpdate() > 0 || adoptedAt(c, providerId, claimId).isPresent();
            }
        });
    }

    /** When the claim was adopted from GlobalSign's list; empty for a claim this store created (or none). */
    public Optional<Instant> adoptedAt(long providerId, String claimId) {
        return db.tx(c -> adoptedAt(c, providerId, claimId));
    }

    /** The adopted claims of a provider: claim id to the moment it was adopted. */
    public java.util.Map<String, Instant> adopted(long providerId) {
        return db.tx(c -> {
            java.util.Map<String, Instant> out = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT claim_id, adopted_at FROM domain_claim "
                    + "WHERE provider_id = ? AND adopted_at IS NOT NULL ORDER BY domain")) {
                ps.setLong(1, providerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString("claim_id"), Sql.getInstant(rs, "adopted_at"));
                    }
                }
            }
            return out;
        });
    }

    private static Optional<Instant> adoptedAt(Connection c, long providerId, String claimId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT adopted_at FROM domain_claim WHERE provider_id = ? "
                + "AND claim_id = ?")) {
            ps.setLong(1, providerId);
            ps.setString(2, claimId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(Sql.getInstant(rs, "adopted_at")) : Optional.empty();
            }
        }
    }

    public boolean delete(long id) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM domain_claim WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static String normaliseDomain(String d) {
        String s = d.strip().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static Optional<DomainClaimRecord> findByClaimId(Connection c, long providerId, String claimId)
            throws SQLException {
        List<DomainClaimRecord> l = query(c, "SELECT * FROM domain_claim WHERE provider_id = ? AND claim_id = ?",
                providerId, claimId);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private static List<DomainClaimRecord> query(Connection c, String sql, long providerId, String arg)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, providerId);
            if (arg != null) {
                ps.setString(2, arg);
            }
            return read(ps);
        }
    }

    private static List<DomainClaimRecord> read(PreparedStatement ps) throws SQLException {
        List<DomainClaimRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DomainClaimRecord(rs.getLong("id"), rs.getLong("provider_id"),
                        rs.getString("claim_id"), rs.getString("domain"), rs.getString("status"),
                        rs.getString("token"), Sql.getInstant(rs, "assert_by"), Sql.getInstant(rs, "expires_at"),
                        Sql.getInstant(rs, "created_at"), Sql.getInstant(rs, "updated_at"),
                        rs.getString("log_json"), Sql.getInstant(rs, "last_checked_at")));
            }
        }
        return out;
    }
}
