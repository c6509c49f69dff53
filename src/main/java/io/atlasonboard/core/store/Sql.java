package io.atlasonboard.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small JDBC helpers. */
final class Sql {
    private Sql() {
    }

    static void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, OffsetDateTime.ofInstant(v, ZoneOffset.UTC));
        }
    }

    static Instant getInstant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static Long getLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    static Integer getInt(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    static void setBytes(PreparedStatement ps, int i, byte[] v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BLOB);
        } else {
            ps.setBytes(i, v);
        }
    }

    /**
     * The encrypted value of one secret column of a row; {@code missing} names the row kind for the "no such row"
     * error, or null to answer null for a missing row. Table and column are code constants, never user input.
     */
    static byte[] selectSealed(java.sql.Connection c, String table, String column, long id, String missing)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM " + table + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getBytes(1);
                }
            }
        }
        if (missing == null) {
            return null;
        }
        throw new java.util.NoSuchElementException("There is no " + missing + " with id " + id + ".");
    }

    static Instant now() {
        // microsecond precision: what TIMESTAMP WITH TIME ZONE keeps, so values round-trip exactly
        Instant n = Instant.now();
        return n.minusNanos(n.getNano() % 1000);
    }

}
