package io.atlasonboard.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * mTLS renewal state per provider ({@code store.mtlsRenewals()}): the pending new key (sealed) with its CSR, and the
 * keystores that renewals replaced (the keystore password sealed), newest restorable first. Thread-safe.
 */
public final class MtlsRenewalRepository {
    static final String PENDING = "provider_mtls_renewal";
    static final String HISTORY = "provider_keystore_history";

    private final Db db;
    private final Crypto crypto;

    MtlsRenewalRepository(Db db, Crypto crypto) {
        this.db = db;
        this.crypto = crypto;
    }

    /** A pending renewal: the new key as PKCS#8 DER (a copy the caller wipes) and the CSR made with it. */
    public record Pending(byte[] keyDer, String csrPem, Instant createdAt) {
    }

    /** A replaced keystore (its password a copy the caller wipes). */
    public record Backup(long id, byte[] keystore, String keystoreFileName, char[] keystorePassword,
                         Instant replacedAt) {
        @Override
        public String toString() {
            return "Backup[id=" + id + ", replacedAt=" + replacedAt + "]";
        }
    }

    /** Keeps (or replaces) the pending new key and CSR of a provider. */
    public void savePending(long providerId, byte[] keyDer, String csrPem) {
        byte[] sealed = crypto.sealBytes(PENDING, "key_enc", providerId, keyDer);
        db.run(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM " + PENDING + " WHERE provider_id = ?")) {
                d.setLong(1, providerId);
                d.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + PENDING
                    + " (provider_id, key_enc, csr_pem, created_at) VALUES (?,?,?,?)")) {
                ps.setLong(1, providerId);
                ps.setBytes(2, sealed);
                ps.setString(3, csrPem);
                Sql.setInstant(ps, 4, Sql.now());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Pending> pending(long providerId) {
        Object[] row = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT key_enc, csr_pem, created_at FROM " + PENDING
                    + " WHERE provider_id = ?")) {
                ps.setLong(1, providerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Object[] {rs.getBytes(1), rs.getString(2), Sql.getInstant(rs, "created_at")}
                            : null;
                }
            }
        });
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new Pending(crypto.openBytes(PENDING, "key_enc", providerId, (byte[]) row[0]),
                (String) row[1], (Instant) row[2]));
    }

    public void deletePending(long providerId) {
        db.run(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM " + PENDING + " WHERE provider_id = ?")) {
                d.setLong(1, providerId);
                d.executeUpdate();
            }
            return null;
        });
    }

    /** Keeps a keystore that is being replaced; returns its id. */
    public long keep(long providerId, byte[] keystore, String fileName, char[] keystorePassword) {
        return db.tx(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + HISTORY + " (provider_id, keystore, "
                    + "keystore_file_name, replaced_at) VALUES (?,?,?,?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, providerId);
                ps.setBytes(2, keystore);
                ps.setString(3, fileName);
                Sql.setInstant(ps, 4, Sql.now());
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    id = k.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + HISTORY
                    + " SET keystore_password_enc = ? WHERE id = ?")) {
                ps.setBytes(1, crypto.seal(HISTORY, "keystore_password_enc", id, keystorePassword));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return id;
        });
    }

    /** The most recently replaced keystore of a provider. */
    public Optional<Backup> latest(long providerId) {
        Object[] row = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, keystore, keystore_file_name, "
                    + "keystore_password_enc, replaced_at FROM " + HISTORY + " WHERE provider_id = ? ORDER BY id DESC "
                    + "LIMIT 1")) {
                ps.setLong(1, providerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Object[] {rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getBytes(4),
                        Sql.getInstant(rs, "replaced_at")} : null;
                }
            }
        });
        if (row == null) {
            return Optional.empty();
        }
        long id = (Long) row[0];
        return Optional.of(new Backup(id, (byte[]) row[1], (String) row[2],
                crypto.open(HISTORY, "keystore_password_enc", id, (byte[]) row[3]), (Instant) row[4]));
    }

    public int count(long providerId) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + HISTORY
                    + " WHERE provider_id = ?")) {
                ps.setLong(1, providerId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    public void delete(long backupId) {
        db.run(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM " + HISTORY + " WHERE id = ?")) {
                d.setLong(1, backupId);
                d.executeUpdate();
            }
            return null;
        });
    }
}
