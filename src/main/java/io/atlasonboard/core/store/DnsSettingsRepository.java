package io.atlasonboard.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * DNS settings per provider ({@code store.dnsSettings()}): the extra resolvers the propagation check also asks, as
 * {@code host[:port]} (IPv6 as {@code [addr]:port} or a bare address). Thread-safe.
 */
public final class DnsSettingsRepository {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9\\-.]{0,251}[A-Za-z0-9.])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");

    private final Db db;

    DnsSettingsRepository(Db db) {
        this.db = db;
    }

    /** Extra resolvers in the order the user gave them (empty if none). */
    public List<String> resolvers(long providerId) {
        return db.tx(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT address FROM dns_resolver WHERE provider_id = ? ORDER BY position")) {
                ps.setLong(1, providerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** Replaces the resolver list; each entry is validated (see {@link #validate(String)}), duplicates dropped. */
    public void setResolvers(long providerId, List<String> resolvers) {
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (String r : resolvers) {
            clean.add(validate(r));
        }
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM dns_resolver WHERE provider_id = ?")) {
                ps.setLong(1, providerId);
                ps.executeUpdate();
            }
            int pos = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO dns_resolver (provider_id, position, address) VALUES (?, ?, ?)")) {
                for (String r : clean) {
                    ps.setLong(1, providerId);
                    ps.setInt(2, pos++);
                    ps.setString(3, r);
                    ps.executeUpdate();
                }
            } catch (SQLException e) {
                if (e.getErrorCode() == 23506) {
                    throw new NoSuchElementException("There is no provider with id " + providerId + ".");
                }
                throw e;
            }
            return null;
        });
    }

    /**
     * Checks one {@code host[:port]} entry and returns it trimmed; {@link IllegalArgumentException} with a message
     * saying what is expected otherwise.
     */
    public static String validate(String entry) {
        String e = entry == null ? "" : entry.strip();
        String expected = " Expected host[:port], e.g. 192.0.2.53, ns1.example.net:5353 or [2001:db8::53]:53.";
        if (e.isEmpty()) {
            throw new IllegalArgumentException("A resolver entry is empty." + expected);
        }
        String host;
        String port = null;
        if (e.startsWith("[")) {
            int close = e.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("\"" + e + "\" has no closing ']'." + expected);
            }
            host = e.substring(1, close);
            String rest = e.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("\"" + e + "\" is not a valid resolver." + expected);
                }
                port = rest.substring(1);
            }
            if (!IPV6.matcher(host).matches() || !host.contains(":")) {
                throw new IllegalArgumentException("\"" + host + "\" is not an IPv6 address." + expected);
            }
        } else if (e.indexOf(':') != e.lastIndexOf(':')) {
            host = e; // bare IPv6
            if (!IPV6.matcher(host).matches()) {
                throw new IllegalArgumentException("\"" + e + "\" is not a valid address." + expected);
            }
        } else {
            int colon = e.indexOf(':');
            host = colon < 0 ? e : e.substring(0, colon);
            port = colon < 0 ? null : e.substring(colon + 1);
            if (!HOST.matcher(host).matches() || host.contains("..")) {
                throw new IllegalArgumentException("\"" + host + "\" is not a valid host name or address." + expected);
            }
        }
        if (port != null) {
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException ex) {
                p = -1;
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("The port in \"" + e + "\" must be between 1 and 65535." + expected);
            }
        }
        return e;
    }
}
