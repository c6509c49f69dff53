package io.atlasonboard.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** TSIG keys ({@code store.tsigKeys()}); names are unique; secrets (base64 as BIND writes them) encrypted. */
public final class TsigKeyRepository {
    static final String TABLE = "tsig_key";
    private final Db db;
    private final Crypto crypto;

    TsigKeyRepository(Db db, Crypto crypto) {
        this.db = db;
        this.crypto = crypto;
    }

    /** Saves a new key; {@link DuplicateNameException} if the name is taken. */
    public TsigKeyRecord save(TsigKeyRecord r, char[] secret) {
        if (r.name() == null || r.name().isBlank() || r.algorithm() == null || r.algorithm().isBlank()) {
            throw new IllegalArgumentException("A TSIG key needs a name and an algorithm.");
        }
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("A TSIG key needs its secret.");
        }
        if (r.server() != null && !r.server().isBlank()) {
            DnsSettingsRepository.validate(r.server());
        }
        String name = r.name().strip();
        Instant now = Sql.now();
        return db.tx(c -> {
            if (findByName(c, name).isPresent()) {
                throw new DuplicateNameException("TSIG key", name);
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tsig_key (provider_id, name, algorithm, "
                    + "secret_enc, server, created_at) VALUES (?,?,?,X'00',?,?)", Statement.RETURN_GENERATED_KEYS)) {
                Sql.setLong(ps, 1, r.providerId());
                ps.setString(2, name);
                ps.setString(3, r.algorithm().strip());
                ps.setString(4, r.server() == null || r.server().isBlank() ? null : r.server().strip());
                Sql.setInstant(ps, 5, now);
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
            try (PreparedStatement ps = c.prepareStatement("UPDATE tsig_key SET secret_enc = ? WHERE id = ?")) {
                ps.setBytes(1, crypto.seal(TABLE, "secret_enc", id, secret));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return get(c, id).orElseThrow();
        });
    }

    public List<TsigKeyRecord> list() {
        return db.tx(c -> query(c, "SELECT * FROM tsig_key ORDER BY name", null));
    }

    public Optional<TsigKeyRecord> findByName(String name) {
        return db.tx(c -> findByName(c, name == null ? "" : name.strip()));
    }

    /** The key's secret (a new array the caller wipes). */
    public char[] secret(long id) {
        byte[] blob = db.tx(c -> Sql.selectSealed(c, TABLE, "secret_enc", id, "TSIG key"));
        return crypto.open(TABLE, "secret_enc", id, blob);
    }

    public boolean delete(long id) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tsig_key WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static Optional<TsigKeyRecord> findByName(Connection c, String name) throws SQLException {
        List<TsigKeyRecord> l = query(c, "SELECT * FROM tsig_key WHERE LOWER(name) = LOWER(?)", name);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private static Optional<TsigKeyRecord> get(Connection c, long id) throws SQLException {
        List<TsigKeyRecord> l = query(c, "SELECT * FROM tsig_key WHERE id = " + id, null);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private static List<TsigKeyRecord> query(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<TsigKeyRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TsigKeyRecord(rs.getLong("id"), Sql.getLong(rs, "provider_id"), rs.getString("name"),
                            rs.getString("algorithm"), rs.getString("server"), Sql.getInstant(rs, "created_at")));
                }
            }
            return out;
        }
    }
}
