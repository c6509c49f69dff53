package io.atlasonboard.core.store;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Certificates per provider ({@code store.certificates()}); one row per (provider, serial). Thread-safe. */
public final class CertificateRepository {
    static final String TABLE = "certificate";
    private static final Gson GSON = new Gson();
    private static final Type LIST = new TypeToken<List<String>>() { }.getType();
    private static final String COLS = "id, provider_id, serial, common_name, sans_json, status, not_before, "
            + "not_after, certificate_pem, chain_pem, issued_at, revoked_at, revocation_reason, "
            + "(private_key_pem_enc IS NOT NULL) AS has_key, created_at, updated_at";

    private final Db db;
    private final Crypto crypto;

    CertificateRepository(Db db, Crypto crypto) {
        this.db = db;
        this.crypto = crypto;
    }

    /**
     * Inserts or updates the certificate identified by (providerId, serial). A non-null {@code privateKeyPem} is
     * stored encrypted (replacing any earlier one); null keeps what is stored.
     */
    public CertificateRecord save(CertificateRecord r, char[] privateKeyPem) {
        if (r.serial() == null || r.serial().isBlank() || r.status() == null) {
            throw new IllegalArgumentException("A certificate record needs a serial number and a status.");
        }
        Instant now = Sql.now();
        return db.tx(c -> {
            Optional<CertificateRecord> existing = findBySerial(c, r.providerId(), r.serial());
            long id;
            if (existing.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO certificate (provider_id, serial, "
                        + "common_name, sans_json, status, not_before, not_after, certificate_pem, chain_pem, "
                        + "issued_at, revoked_at, revocation_reason, created_at, updated_at) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setLong(1, r.providerId());
                    ps.setString(2, r.serial().strip());
                    bindRest(ps, 3, r);
                    Sql.setInstant(ps, 13, now);
                    Sql.setInstant(ps, 14, now);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                } catch (SQLException e) {
                    if (e.getErrorCode() == 23506) {
                        throw new NoSuchElementException("There is no provider with id " + r.providerId() + ".");
                    }
                    throw e;
                }
            } else {
                id = existing.get().id();
                try (PreparedStatement ps = c.prepareStatement("UPDATE certificate SET common_name=?, sans_json=?, "
                        + "status=?, not_before=?, not_after=?, certificate_pem=?, chain_pem=?, issued_at=?, "
                        + "revoked_at=?, revocation_reason=?, updated_at=? WHERE id=?")) {
                    bindRest(ps, 1, r);
                    Sql.setInstant(ps, 11, now);
                    ps.setLong(12, id);
                    ps.executeUpdate();
                }
            }
            if (privateKeyPem != null && privateKeyPem.length > 0) {
                byte[] blob = crypto.seal(TABLE, "private_key_pem_enc", id, privateKeyPem);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE certificate SET private_key_pem_enc=? WHERE id=?")) {
                    ps.setBytes(1, blob);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
            }
            return findBySerial(c, r.providerId(), r.serial()).orElseThrow();
        });
    }

    /** Marks a certificate revoked. */
    public CertificateRecord markRevoked(long providerId, String serial, Instant revokedAt, String reason) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE certificate SET status='REVOKED', revoked_at=?, "
                    + "revocation_reason=?, updated_at=? WHERE provider_id=? AND serial=?")) {
                Sql.setInstant(ps, 1, revokedAt);
                ps.setString(2, reason);
                Sql.setInstant(ps, 3, Sql.now());
                ps.setLong(4, providerId);
                ps.setString(5, serial.strip());
                if (ps.executeUpdate() == 0) {
                    throw new NoSuchElementException("There is no certificate with serial " + serial + ".");
                }
            }
            return findBySerial(c, providerId, serial).orElseThrow();
        });
    }

    /** All certificates of a provider, newest first. */
    public List<CertificateRecord> list(long providerId) {
        return db.tx(c -> query(c, "SELECT " + COLS + " FROM certificate WHERE provider_id = ? "
                + "ORDER BY created_at DESC, id DESC", providerId, null));
    }

    public Optional<CertificateRecord> findBySerial(long providerId, String serial) {
        return db.tx(c -> findBySerial(c, providerId, serial));
    }

    /** The stored private key PEM (a new array the caller wipes), or null. */
    public char[] privateKeyPem(long id) {
        byte[] blob = db.tx(c -> Sql.selectSealed(c, TABLE, "private_key_pem_enc", id, "certificate"));
        return crypto.open(TABLE, "private_key_pem_enc", id, blob);
    }

    public boolean delete(long id) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM certificate WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static void bindRest(PreparedStatement ps, int i, CertificateRecord r) throws SQLException {
        ps.setString(i, r.commonName());
        ps.setString(i + 1, GSON.toJson(r.sans()));
        ps.setString(i + 2, r.status().name());
        Sql.setInstant(ps, i + 3, r.notBefore());
        Sql.setInstant(ps, i + 4, r.notAfter());
        ps.setString(i + 5, r.certificatePem());
        ps.setString(i + 6, r.chainPem());
        Sql.setInstant(ps, i + 7, r.issuedAt());
        Sql.setInstant(ps, i + 8, r.revokedAt());
        if (r.revocationReason() == null) {
            ps.setNull(i + 9, Types.VARCHAR);
        } else {
            ps.setString(i + 9, r.revocationReason());
        }
    }

    private static Optional<CertificateRecord> findBySerial(Connection c, long providerId, String serial)
            throws SQLException {
        List<CertificateRecord> l = query(c, "SELECT " + COLS + " FROM certificate WHERE provider_id = ? AND serial = ?",
                providerId, serial == null ? "" : serial.strip());
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private static List<CertificateRecord> query(Connection c, String sql, long providerId, String serial)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, providerId);
            if (serial != null) {
                ps.setString(2, serial);
            }
            List<CertificateRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String sans = rs.getString("sans_json");
                    out.add(new CertificateRecord(rs.getLong("id"), rs.getLong("provider_id"), rs.getString("serial"),
                            rs.getString("common_name"), sans == null ? List.of() : GSON.fromJson(sans, LIST),
                            CertificateStatus.valueOf(rs.getString("status")), Sql.getInstant(rs, "not_before"),
                            Sql.getInstant(rs, "not_after"), rs.getString("certificate_pem"),
                            rs.getString("chain_pem"), Sql.getInstant(rs, "issued_at"),
                            Sql.getInstant(rs, "revoked_at"), rs.getString("revocation_reason"),
                            rs.getBoolean("has_key"), Sql.getInstant(rs, "created_at"),
                            Sql.getInstant(rs, "updated_at")));
                }
            }
            return out;
        }
    }
}
