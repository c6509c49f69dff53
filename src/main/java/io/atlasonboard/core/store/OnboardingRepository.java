package io.atlasonboard.core.store;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.atlasonboard.core.onboarding.Onboarding;
import io.atlasonboard.core.onboarding.Onboarding.Field;
import io.atlasonboard.core.onboarding.Onboarding.SecretField;
import io.atlasonboard.core.onboarding.OnboardingPersistence;
import io.atlasonboard.core.onboarding.OnboardingSummary;
import java.lang.reflect.Type;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/** Onboardings in progress ({@code store.onboardings()}). Thread-safe. */
public final class OnboardingRepository {
    static final String TABLE = "onboarding";
    private static final Gson GSON = new Gson();
    private static final Type LIST_OF_STRING = new TypeToken<List<String>>() { }.getType();

    private static final Map<Field, String> COLUMNS = new EnumMap<>(Map.ofEntries(
            Map.entry(Field.LABEL, "label"), Map.entry(Field.STEP, "step"), Map.entry(Field.SANDBOX, "sandbox"),
            Map.entry(Field.API_KEY, "api_key"), Map.entry(Field.COMMON_NAME, "common_name"),
            Map.entry(Field.COUNTRY, "country"), Map.entry(Field.ORGANIZATION, "organization"),
            Map.entry(Field.DOMAINS, "domains_json"), Map.entry(Field.CSR_PEM, "csr_pem"),
            Map.entry(Field.ENCRYPTED_KEY_PEM, "encrypted_key_pem"),
            Map.entry(Field.DOWNLOADS_CONFIRMED, "downloads_confirmed"),
            Map.entry(Field.CERTIFICATE_PEM, "certificate_pem"), Map.entry(Field.KEYSTORE, "keystore"),
            Map.entry(Field.FRIENDLY_NAME, "friendly_name"), Map.entry(Field.P12_PROFILE, "p12_profile"),
            Map.entry(Field.KEYSTORE_PATH, "keystore_path"), Map.entry(Field.PROVIDER_ID, "provider_id"),
            Map.entry(Field.SANDBOX_BASE_URL, "sandbox_base_url"),
            Map.entry(Field.SANDBOX_SERVER_CA_PEM, "sandbox_server_ca_pem"), Map.entry(Field.COMPLETED, "completed")));
    private static final Map<SecretField, String> SECRET_COLUMNS = new EnumMap<>(Map.of(
            SecretField.API_SECRET, "api_secret_enc",
            SecretField.KEY_PASSWORD, "key_password_enc",
            SecretField.KEYSTORE_PASSWORD, "keystore_password_enc"));

    private final Db db;
    private final Crypto crypto;
    private final Persistence persistence = new Persistence();
    /** One live object per onboarding, so every part of the UI sees the same values. */
    private final Map<Long, Onboarding> live = new java.util.concurrent.ConcurrentHashMap<>();

    OnboardingRepository(Db db, Crypto crypto) {
        this.db = db;
        this.crypto = crypto;
    }

    /** All onboardings, most recently changed first. */
    public List<OnboardingSummary> list() {
        return db.tx(c -> {
            List<OnboardingSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, label, step, sandbox, completed, updated_at FROM onboarding "
                            + "ORDER BY updated_at DESC, id DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OnboardingSummary(rs.getLong("id"), rs.getString("label"), rs.getInt("step"),
                            rs.getBoolean("sandbox"), rs.getBoolean("completed"), Sql.getInstant(rs, "updated_at")));
                }
            }
            return out;
        });
    }

    /** Starts a new onboarding at step 1, persisted before this returns. */
    public Onboarding create(String label, boolean sandbox) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("The onboarding needs a name.");
        }
        String l = label.strip();
        Instant now = Sql.now();
        long id = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO onboarding (label, step, sandbox, created_at, updated_at) VALUES (?, 1, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, l);
                ps.setBoolean(2, sandbox);
                Sql.setInstant(ps, 3, now);
                Sql.setInstant(ps, 4, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        Map<Field, Object> values = new EnumMap<>(Field.class);
        values.put(Field.LABEL, l);
        values.put(Field.STEP, 1);
        values.put(Field.SANDBOX, sandbox);
        Onboarding o = Onboarding.restore(id, persistence, values, Set.of(), now, now);
        live.put(id, o);
        return o;
    }

    /** Loads an onboarding with all its values (secrets stay encrypted until a getter asks). */
    public Onboarding load(long id) {
        return find(id).orElseThrow(() -> new NoSuchElementException("There is no onboarding with id " + id + "."));
    }

    /** The onboarding with this id (the same object on every call while it exists), or empty. */
    public Optional<Onboarding> find(long id) {
        Onboarding cached = live.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Onboarding> loaded = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM onboarding WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Map<Field, Object> values = new EnumMap<>(Field.class);
                    for (Field f : Field.values()) {
                        values.put(f, readValue(rs, f));
                    }
                    Set<SecretField> present = EnumSet.noneOf(SecretField.class);
                    for (SecretField f : SecretField.values()) {
                        if (rs.getBytes(SECRET_COLUMNS.get(f)) != null) {
                            present.add(f);
                        }
                    }
                    return Optional.of(Onboarding.restore(id, persistence, values, present,
                            Sql.getInstant(rs, "created_at"), Sql.getInstant(rs, "updated_at")));
                }
            }
        });
        return loaded.map(o -> {
            Onboarding prior = live.putIfAbsent(id, o);
            return prior != null ? prior : o;
        });
    }

    /** Deletes an onboarding and its secrets; returns false if there was none. */
    public boolean delete(long id) {
        live.remove(id);
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM onboarding WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static Object readValue(ResultSet rs, Field f) throws java.sql.SQLException {
        String col = COLUMNS.get(f);
        switch (f) {
            case STEP:
                return rs.getInt(col);
            case SANDBOX:
            case DOWNLOADS_CONFIRMED:
            case COMPLETED:
                return rs.getBoolean(col);
            case PROVIDER_ID:
                return Sql.getLong(rs, col);
            case KEYSTORE:
                return rs.getBytes(col);
            case DOMAINS: {
                String json = rs.getString(col);
                return json == null ? null : GSON.fromJson(json, LIST_OF_STRING);
            }
            default:
                return rs.getString(col);
        }
    }

    /** The write-through side used by {@link Onboarding}. */
    private final class Persistence implements OnboardingPersistence {
        @Override
        public Instant write(long id, Field field, Object value) {
            String col = COLUMNS.get(field);
            Instant now = Sql.now();
            db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE onboarding SET " + col + " = ?, updated_at = ? WHERE id = ?")) {
                    bind(ps, field, value);
                    Sql.setInstant(ps, 2, now);
                    ps.setLong(3, id);
                    if (ps.executeUpdate() == 0) {
                        throw new StoreException("This onboarding no longer exists (it was deleted).");
                    }
                }
                return null;
            });
            return now;
        }

        @Override
        public Instant writeSecret(long id, SecretField field, char[] value) {
            String col = SECRET_COLUMNS.get(field);
            byte[] blob = crypto.seal(TABLE, col, id, value);
            Instant now = Sql.now();
            db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE onboarding SET " + col + " = ?, updated_at = ? WHERE id = ?")) {
                    if (blob == null) {
                        ps.setNull(1, Types.VARBINARY);
                    } else {
                        ps.setBytes(1, blob);
                    }
                    Sql.setInstant(ps, 2, now);
                    ps.setLong(3, id);
                    if (ps.executeUpdate() == 0) {
                        throw new StoreException("This onboarding no longer exists (it was deleted).");
                    }
                }
                return null;
            });
            return now;
        }

        @Override
        public char[] readSecret(long id, SecretField field) {
            String col = SECRET_COLUMNS.get(field);
            byte[] blob = db.tx(c -> Sql.selectSealed(c, TABLE, col, id, null));
            return crypto.open(TABLE, col, id, blob);
        }

        private void bind(PreparedStatement ps, Field f, Object v) throws java.sql.SQLException {
            if (v != null && !f.type().isInstance(v)) {
                throw new IllegalArgumentException(f + " expects " + f.type().getSimpleName());
            }
            switch (f) {
                case STEP:
                    Sql.setInt(ps, 1, (Integer) v);
                    break;
                case SANDBOX:
                case DOWNLOADS_CONFIRMED:
                case COMPLETED:
                    ps.setBoolean(1, Boolean.TRUE.equals(v));
                    break;
                case PROVIDER_ID:
                    Sql.setLong(ps, 1, (Long) v);
                    break;
                case KEYSTORE:
                    Sql.setBytes(ps, 1, (byte[]) v);
                    break;
                case DOMAINS:
                    ps.setString(1, v == null ? null : GSON.toJson(v));
                    break;
                default:
                    ps.setString(1, (String) v);
            }
        }
    }
}
