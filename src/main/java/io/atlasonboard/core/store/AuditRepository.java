package io.atlasonboard.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit trail of API calls per provider ({@code store.audit()}); rows go with their provider. Thread-safe. */
public final class AuditRepository {
    private final Db db;

    AuditRepository(Db db) {
        this.db = db;
    }

    /**
     * Adds one entry. Its commit is grouped with the next writes (see {@link Db}; within {@value Db#GROUP_DELAY_MS}
     * ms, before the store closes, or with the next plain write): a batch of 200 claims makes 200+ calls, and a
     * commit each was a third of its store work. A crash can lose the last entries of that window.
     */
    public void record(AuditEntry e) {
        db.txGrouped(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO provider_audit (provider_id, at, method, path, "
                    + "status, duration_ms, problem_id, transport_error) VALUES (?,?,?,?,?,?,?,?)")) {
                ps.setLong(1, e.providerId());
                Sql.setInstant(ps, 2, e.at());
                ps.setString(3, clip(e.method(), 10));
                ps.setString(4, clip(e.path(), 2000));
                Sql.setInt(ps, 5, e.status());
                ps.setLong(6, e.duration() == null ? 0 : e.duration().toMillis());
                ps.setString(7, clip(e.problemId(), 200));
                ps.setString(8, clip(e.transportError(), 200));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The calls of a provider from {@code since} on (null: all), oldest first. */
    public List<AuditEntry> list(long providerId, Instant since) {
        return db.tx(c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT provider_id, at, method, path, status, duration_ms, "
                    + "problem_id, transport_error FROM provider_audit WHERE provider_id = ? AND at >= ? "
                    + "ORDER BY at, id")) {
                ps.setLong(1, providerId);
                Sql.setInstant(ps, 2, since == null ? Instant.EPOCH : since);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), Sql.getInstant(rs, "at"), rs.getString("method"),
                                rs.getString("path"), Sql.getInt(rs, "status"),
                                Duration.ofMillis(rs.getLong("duration_ms")), rs.getString("problem_id"),
                                rs.getString("transport_error")));
                    }
                }
            }
            return out;
        });
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
