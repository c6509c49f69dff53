package io.atlasonboard.core.providers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.atlasonboard.core.atlas.AtlasExchangeObserver;
import io.atlasonboard.core.store.AuditEntry;
import io.atlasonboard.core.store.AuditRepository;

/**
 * The audit trail of a provider's API calls: the observer that {@link ProviderService} puts into every connection
 * config it builds (so every client and connection test of a stored provider is recorded), the "since" durations
 * ({@code 30m}, {@code 24h}, {@code 7d}, ISO-8601 {@code PT2H}) and the CSV form for a support ticket.
 */
public final class AuditTrail {
    public static final String CSV_HEADER = "time,method,path,status,duration_ms,problem_id,transport_error";

    private AuditTrail() {
    }

    /** Records every exchange of a client for provider {@code providerId}. */
    public static AtlasExchangeObserver observer(AuditRepository audit, long providerId) {
        return x -> audit.record(new AuditEntry(providerId, x.at(), x.method(), x.path(), x.status(), x.duration(),
                x.problemId(), x.transportError()));
    }

    /** The entries of a provider from {@code now - since} on ({@code since} null: all). */
    public static List<AuditEntry> since(AuditRepository audit, long providerId, Duration since, Instant now) {
        return audit.list(providerId, since == null ? null : now.minus(since));
    }

    /** "30s", "90m", "24h", "7d" or ISO-8601 ("PT2H", "P1D"). */
    public static Duration parseDuration(String s) {
        String t = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d{1,9}[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the duration must be positive");
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not a duration (examples: 30m, 24h, 7d, PT2H)");
        }
    }

    /** RFC 4180 CSV with {@link #CSV_HEADER}; times in ISO-8601 UTC. */
    public static String csv(List<AuditEntry> entries) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append("\r\n");
        for (AuditEntry e : entries) {
            sb.append(e.at()).append(',').append(field(e.method())).append(',').append(field(e.path())).append(',')
                    .append(e.status() == null ? "" : e.status()).append(',').append(e.duration().toMillis())
                    .append(',').append(field(e.problemId())).append(',').append(field(e.transportError()))
                    .append("\r\n");
        }
        return sb.toString();
    }

    private static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
