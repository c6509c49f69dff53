package io.atlasonboard.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Certificate provider records ({@code store.providers()}). Names are unique (case-insensitive). Thread-safe. */
public final class ProviderRepository {
    static final String TABLE = "provider";
    private static final String COLS = "id, name, type, api_url, intended_use, api_key, api_key_enc, keystore, keystore_file_name, "
            + "extra_trust_pem, proxy_host, proxy_port, proxy_user, sandbox, created_at, updated_at, status, "
            + "status_checked_at, status_failed_step, status_diagnosis, status_summary, status_diagnosis_msg, status_summary_msg";

    private final Db db;
    private final Crypto crypto;
    private final AuditRepository audit;

    ProviderRepository(Db db, Crypto crypto, AuditRepository audit) {
        this.db = db;
        this.crypto = crypto;
        this.audit = audit;
    }

    /** The audit trail of the API calls of these providers (the same as {@code store.audit()}). */
    public AuditRepository audit() {
        return audit;
    }

    /** All providers, by name. */
    public List<ProviderRecord> list() {
        return db.tx(c -> {
            List<ProviderRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM provider ORDER BY LOWER(name), id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    /** Case-insensitive lookup by name. */
    public Optional<ProviderRecord> findByName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLS + " FROM provider WHERE LOWER(name) = ?")) {
                ps.setString(1, name.strip().toLowerCase(Locale.ROOT));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    public Optional<ProviderRecord> find(long id) {
        return db.tx(c -> find(c, id));
    }

    /** The provider with this id; {@link NoSuchElementException} if there is none. */
    public ProviderRecord get(long id) {
        return find(id).orElseThrow(() -> new NoSuchElementException("There is no provider with id " + id + "."));
    }

    /**
     * Saves a new provider with its secrets (encrypted). Returns the stored record (with id, timestamps, UNKNOWN
     * status). {@link DuplicateNameException} if the name is taken.
     */
    public ProviderRecord save(ProviderRecord record, ProviderSecrets secrets) {
        validate(record);
        String name = record.name().strip();
        Instant now = Sql.now();
        return db.tx(c -> {
            ensureNameFree(c, name, null);
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO provider (name, type, api_url, intended_use, "
                    + "api_key, keystore, keystore_file_name, extra_trust_pem, proxy_host, proxy_port, proxy_user, "
                    + "sandbox, created_at, updated_at, status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?, 'UNKNOWN')",
                    Statement.RETURN_GENERATED_KEYS)) {
                bindPlain(ps, record, name);
                Sql.setInstant(ps, 13, now);
                Sql.setInstant(ps, 14, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            writeApiKey(c, id, record.apiKey().strip());
            writeSecrets(c, id, secrets);
            return find(c, id).orElseThrow();
        });
    }

    /**
     * Updates a provider's fields (by {@code record.id()}); with non-null {@code secrets} all three secrets are
     * replaced (a null one is cleared), with null {@code secrets} they stay as they are. The connection status is
     * reset to UNKNOWN because it described the old settings.
     */
    public ProviderRecord update(ProviderRecord record, ProviderSecrets secrets) {
        if (record.id() == null) {
            throw new IllegalArgumentException("update needs a saved provider (with an id); use save for a new one.");
        }
        validate(record);
        String name = record.name().strip();
        long id = record.id();
        Instant now = Sql.now();
        return db.tx(c -> {
            if (find(c, id).isEmpty()) {
                throw new NoSuchElementException("There is no provider with id " + id + ".");
            }
            ensureNameFree(c, name, id);
            try (PreparedStatement ps = c.prepareStatement("UPDATE provider SET name=?, type=?, api_url=?, "
                    + "intended_use=?, api_key=?, keystore=?, keystore_file_name=?, extra_trust_pem=?, proxy_host=?, "
                    + "proxy_port=?, proxy_user=?, sandbox=?, updated_at=?, status='UNKNOWN', status_checked_at=NULL, "
                    + "status_failed_step=NULL, status_diagnosis=NULL, status_summary=NULL, status_diagnosis_msg=NULL, "
                    + "status_summary_msg=NULL WHERE id=?")) {
                bindPlain(ps, record, name);
                Sql.setInstant(ps, 13, now);
                ps.setLong(14, id);
                ps.executeUpdate();
            }
            writeApiKey(c, id, record.apiKey().strip());
            if (secrets != null) {
                writeSecrets(c, id, secrets);
            }
            return find(c, id).orElseThrow();
        });
    }

    /** Deletes a provider with its claims, certificates and DNS settings; false if there was none. */
    public boolean delete(long id) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM provider WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Keeps the result of a connection check, with its diagnosis and summary as messages when it has them. */
    public void recordStatus(long id, ConnectionStatus status) {
        Instant checked = status.checkedAt() != null ? status.checkedAt() : Sql.now();
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE provider SET status=?, status_checked_at=?, "
                    + "status_failed_step=?, status_diagnosis=?, status_summary=?, status_diagnosis_msg=?, "
                    + "status_summary_msg=? WHERE id=?")) {
                ps.setString(1, status.state().name());
                Sql.setInstant(ps, 2, status.state() == ConnectionStatus.State.UNKNOWN ? status.checkedAt() : checked);
                ps.setString(3, status.failedStep());
                ps.setString(4, status.diagnosis());
                ps.setString(5, status.summary());
                ps.setString(6, MsgCodec.encode(status.diagnosisMsg()));
                ps.setString(7, MsgCodec.encode(status.summaryMsg()));
                ps.setLong(8, id);
                if (ps.executeUpdate() == 0) {
                    throw new NoSuchElementException("There is no provider with id " + id + ".");
                }
            }
            return null;
        });
    }

    /** Convenience overload of {@link #recordStatus(long, ConnectionStatus)}. */
    public void recordStatus(long id, ConnectionStatus.State state, Instant checkedAt, String failedStep,
                             String diagnosis, String summary) {
        recordStatus(id, new ConnectionStatus(state, checkedAt, failedStep, diagnosis, summary));
    }

    /** Decrypts all secrets of a provider; close the result to wipe them. */
    public ProviderSecrets secrets(long id) {
        byte[][] blobs = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT api_secret_enc, keystore_password_enc, proxy_password_enc FROM provider WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("There is no provider with id " + id + ".");
                    }
                    return new byte[][] {rs.getBytes(1), rs.getBytes(2), rs.getBytes(3)};
                }
            }
        });
        return ProviderSecrets.owning(crypto.open(TABLE, "api_secret_enc", id, blobs[0]),
                crypto.open(TABLE, "keystore_password_enc", id, blobs[1]),
                crypto.open(TABLE, "proxy_password_enc", id, blobs[2]));
    }

    /** The API secret (a new array the caller wipes), or null. */
    public char[] apiSecret(long id) {
        return secret(id, "api_secret_enc");
    }

    public char[] keystorePassword(long id) {
        return secret(id, "keystore_password_enc");
    }

    public char[] proxyPassword(long id) {
        return secret(id, "proxy_password_enc");
    }

    // ------------------------------------------------------------------------------------------------------------

    private char[] secret(long id, String col) {
        byte[] blob = db.tx(c -> Sql.selectSealed(c, TABLE, col, id, "provider"));
        return crypto.open(TABLE, col, id, blob);
    }

    private void writeSecrets(Connection c, long id, ProviderSecrets s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE provider SET api_secret_enc=?, keystore_password_enc=?, "
                + "proxy_password_enc=? WHERE id=?")) {
            setBlob(ps, 1, s == null ? null : crypto.seal(TABLE, "api_secret_enc", id, s.apiSecret()));
            setBlob(ps, 2, s == null ? null : crypto.seal(TABLE, "keystore_password_enc", id, s.keystorePassword()));
            setBlob(ps, 3, s == null ? null : crypto.seal(TABLE, "proxy_password_enc", id, s.proxyPassword()));
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    private static void setBlob(PreparedStatement ps, int i, byte[] b) throws SQLException {
        if (b == null) {
            ps.setNull(i, Types.VARBINARY);
        } else {
            ps.setBytes(i, b);
        }
    }

    private static void validate(ProviderRecord r) {
        if (r.name() == null || r.name().isBlank()) {
            throw new IllegalArgumentException("The provider needs a name.");
        }
        if (r.name().strip().length() > 200) {
            throw new IllegalArgumentException("The provider name is longer than 200 characters.");
        }
        if (r.apiUrl() == null || r.apiUrl().isBlank()) {
            throw new IllegalArgumentException("The provider needs an API URL.");
        }
        if (r.intendedUse() == null) {
            throw new IllegalArgumentException("The provider needs an intended use (TLS or S/MIME).");
        }
        if (r.apiKey() == null || r.apiKey().isBlank()) {
            throw new IllegalArgumentException("The provider needs an API key.");
        }
        if (r.proxyPort() != null && (r.proxyPort() < 1 || r.proxyPort() > 65535)) {
            throw new IllegalArgumentException("The proxy port must be between 1 and 65535.");
        }
    }

    private static void ensureNameFree(Connection c, String name, Long self) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM provider WHERE LOWER(name) = ?")) {
            ps.setString(1, name.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (self == null || rs.getLong(1) != self) {
                        throw new DuplicateNameException("provider", name);
                    }
                }
            }
        }
    }

    private static void bindPlain(PreparedStatement ps, ProviderRecord r, String name) throws SQLException {
        ps.setString(1, name);
        ps.setString(2, r.type());
        ps.setString(3, r.apiUrl().strip());
        ps.setString(4, r.intendedUse().name());
        ps.setNull(5, Types.VARCHAR); // sealed separately (writeApiKey): the row id is part of the seal
        Sql.setBytes(ps, 6, r.keystore());
        ps.setString(7, r.keystoreFileName());
        ps.setString(8, r.extraTrustPem());
        ps.setString(9, r.proxyHost() == null || r.proxyHost().isBlank() ? null : r.proxyHost().strip());
        Sql.setInt(ps, 10, r.proxyPort());
        ps.setString(11, r.proxyUser());
        ps.setBoolean(12, r.sandbox());
    }

    /** Seals the API key into api_key_enc and clears the clear-text column. */
    private void writeApiKey(Connection c, long id, String apiKey) throws SQLException {
        char[] key = apiKey.toCharArray();
        try (PreparedStatement ps = c.prepareStatement("UPDATE provider SET api_key_enc=?, api_key=NULL WHERE id=?")) {
            ps.setBytes(1, crypto.seal(TABLE, "api_key_enc", id, key));
            ps.setLong(2, id);
            ps.executeUpdate();
        } finally {
            java.util.Arrays.fill(key, '\0');
        }
    }

    /**
     * Seals the API keys that a store from before schema 41 kept in clear; called when the store is opened. Returns
     * how many rows were sealed.
     */
    int sealClearApiKeys() {
        return db.tx(c -> {
            List<long[]> ids = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, api_key FROM provider WHERE api_key IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(new long[] {rs.getLong(1)});
                    keys.add(rs.getString(2));
                }
            }
            for (int i = 0; i < ids.size(); i++) {
                writeApiKey(c, ids.get(i)[0], keys.get(i));
            }
            return ids.size();
        });
    }

    private Optional<ProviderRecord> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM provider WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private String apiKey(ResultSet rs) throws SQLException {
        byte[] sealed = rs.getBytes("api_key_enc");
        if (sealed == null) {
            return rs.getString("api_key");
        }
        char[] key = crypto.open(TABLE, "api_key_enc", rs.getLong("id"), sealed);
        try {
            return new String(key); // the record carries it as text: it is an identifier, shown in the form
        } finally {
            java.util.Arrays.fill(key, '\0');
        }
    }

    private ProviderRecord read(ResultSet rs) throws SQLException {
        ConnectionStatus status = new ConnectionStatus(ConnectionStatus.State.valueOf(rs.getString("status")),
                Sql.getInstant(rs, "status_checked_at"), rs.getString("status_failed_step"),
                rs.getString("status_diagnosis"), rs.getString("status_summary"),
                MsgCodec.decode(rs.getString("status_diagnosis_msg")), MsgCodec.decode(rs.getString("status_summary_msg")));
        return ProviderRecord.builder()
                .id(rs.getLong("id"))
                .name(rs.getString("name"))
                .type(rs.getString("type"))
                .apiUrl(rs.getString("api_url"))
                .intendedUse(IntendedUse.valueOf(rs.getString("intended_use")))
                .apiKey(apiKey(rs))
                .keystore(rs.getBytes("keystore"))
                .keystoreFileName(rs.getString("keystore_file_name"))
                .extraTrustPem(rs.getString("extra_trust_pem"))
                .proxyHost(rs.getString("proxy_host"))
                .proxyPort(Sql.getInt(rs, "proxy_port"))
                .proxyUser(rs.getString("proxy_user"))
                .sandbox(rs.getBoolean("sandbox"))
                .createdAt(Sql.getInstant(rs, "created_at"))
                .updatedAt(Sql.getInstant(rs, "updated_at"))
                .status(status)
                .build();
    }
}
