package io.atlasonboard.core.store;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.atlasonboard.core.onboarding.Onboarding;
import io.atlasonboard.core.onboarding.OnboardingField;
import io.atlasonboard.core.onboarding.OnboardingPersistence;
import io.atlasonboard.core.onboarding.OnboardingSummary;
import java.lang.reflect.Type;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

    private final Db db;
    private final Crypto crypto;
    private final Persistence persistence = new Persistence();
    /** One live object per onboarding, so every part of the UI sees the same values. */
    private final Map<Long, Onboarding> live = new java.util.concurrent.ConcurrentHashMap<>();

    OnboardingRepository(Db db, Crypto crypto) {
        this.db = db;
        this.crypto = crypto;
        sealClearApiKeys();
    }

    /**
     * Seals the API keys that a store from before schema 44 kept in the clear {@code api_key} column (into
     * {@code api_key_enc}) and empties that column; runs when the store is opened. Returns how many rows were sealed.
     */
    int sealClearApiKeys() {
        String sealed = OnboardingField.API_KEY.column();
        return db.tx(c -> {
            List<Long> ids = new ArrayList<>();
            List<char[]> keys = new ArrayList<>();
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id, api_key FROM onboarding WHERE api_key IS NOT NULL");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        keys.add(rs.getString(2).toCharArray());
                    }
                }
                for (int i = 0; i < ids.size(); i++) {
                    char[] k = keys.get(i).length == 0 ? null : keys.get(i);
                    byte[] blob = crypto.seal(TABLE, sealed, ids.get(i), k);
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE onboarding SET " + sealed + " = ?, api_key = NULL WHERE id = ?")) {
                        setBlob(ps, 1, blob);
                        ps.setLong(2, ids.get(i));
                        ps.executeUpdate();
                    }
                }
            } finally {
                keys.forEach(k -> java.util.Arrays.fill(k, '\0'));
            }
            return ids.size();
        });
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
        Map<OnboardingField<?>, Object> values = new HashMap<>();
        values.put(OnboardingField.LABEL, l);
        values.put(OnboardingField.STEP, 1);
        values.put(OnboardingField.SANDBOX, sandbox);
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
                    Map<OnboardingField<?>, Object> values = new HashMap<>();
                    Set<OnboardingField<?>> present = new HashSet<>();
                    for (OnboardingField<?> f : OnboardingField.all()) {
                        if (f.secret()) {
                            if (rs.getBytes(f.column()) != null) {
                                present.add(f);
                            }
                        } else {
                            values.put(f, readValue(rs, f));
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

    private static Object readValue(ResultSet rs, OnboardingField<?> f) throws java.sql.SQLException {
        String col = f.column();
        switch (f.kind()) {
            case NUMBER:
                return rs.getInt(col);
            case FLAG:
                return rs.getBoolean(col);
            case ID:
                return Sql.getLong(rs, col);
            case BYTES:
                return rs.getBytes(col);
            case LIST: {
                String json = rs.getString(col);
                return json == null ? null : GSON.fromJson(json, LIST_OF_STRING);
            }
            case TEXT:
                return rs.getString(col);
            default:
                throw new IllegalArgumentException(f + " is not a plain field"); // not user-visible
        }
    }

    private static void setBlob(PreparedStatement ps, int i, byte[] blob) throws java.sql.SQLException {
        if (blob == null) {
            ps.setNull(i, Types.VARBINARY);
        } else {
            ps.setBytes(i, blob);
        }
    }

    /** The write-through side used by {@link Onboarding}. */
    private final class Persistence implements OnboardingPersistence {
        @Override
        public Instant write(long id, OnboardingField<?> field, Object value) {
            if (field.secret()) {
                throw new IllegalArgumentException(field + " is a secret"); // not user-visible
            }
            String col = field.column();
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
        public Instant writeSecret(long id, OnboardingField<char[]> field, char[] value) {
            String col = field.column();
            byte[] blob = crypto.seal(TABLE, col, id, value);
            Instant now = Sql.now();
            db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE onboarding SET " + col + " = ?, updated_at = ? WHERE id = ?")) {
                    setBlob(ps, 1, blob);
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
        public char[] readSecret(long id, OnboardingField<char[]> field) {
            String col = field.column();
            byte[] blob = db.tx(c -> Sql.selectSealed(c, TABLE, col, id, null));
            return crypto.open(TABLE, col, id, blob);
        }

        private void bind(PreparedStatement ps, OnboardingField<?> f, Object v) throws java.sql.SQLException {
            f.check(v);
            switch (f.kind()) {
                case NUMBER:
                    Sql.setInt(ps, 1, (Integer) v);
                    break;
                case FLAG:
                    ps.setBoolean(1, Boolean.TRUE.equals(v));
                    break;
                case ID:
                    Sql.setLong(ps, 1, (Long) v);
                    break;
                case BYTES:
                    Sql.setBytes(ps, 1, (byte[]) v);
                    break;
                case LIST:
                    ps.setString(1, v == null ? null : GSON.toJson(v));
                    break;
                default:
                    ps.setString(1, (String) v);
            }
        }
    }
}
