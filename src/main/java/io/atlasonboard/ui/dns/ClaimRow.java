package io.atlasonboard.ui.dns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.atlasonboard.core.atlas.Claim;
import io.atlasonboard.core.claims.ClaimLifetime;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.ui.common.I18n;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One claim in the DNS view's table (UI thread only; its {@link Shown} and {@link Lifetime} values, any thread). */
public final class ClaimRow {
    /** The claim statuses the API writes that have a text of their own; others are shown as they come. */
    private static final java.util.Set<String> KNOWN_STATUS = java.util.Set.of("PENDING", "VERIFIED");

    private final ObjectProperty<DomainClaimRecord> record = new SimpleObjectProperty<>();
    private final StringProperty domain = new SimpleStringProperty();
    private final StringProperty status = new SimpleStringProperty();
    private final StringProperty token = new SimpleStringProperty();
    private final StringProperty countdown = new SimpleStringProperty("");
    private final StringProperty expiry = new SimpleStringProperty("");
    private final StringProperty progress = new SimpleStringProperty("");
    private final StringProperty log = new SimpleStringProperty("");
    private final StringProperty previousToken = new SimpleStringProperty("");
    private final StringProperty lastVerified = new SimpleStringProperty("");
    private final StringProperty due = new SimpleStringProperty("");
    private final StringProperty lifetimeWarning = new SimpleStringProperty("");
    private final StringProperty authorizationDomain = new SimpleStringProperty("");
    private final StringProperty seen = new SimpleStringProperty("");
    private final ObjectProperty<ClaimLifetime> lifetime = new SimpleObjectProperty<>();
    /** The record's last verification, parsed from its log once per record (the tick recomputes every minute). */
    private Instant lastVerifiedAt;

    ClaimRow(DomainClaimRecord r) {
        this(Shown.of(r, null));
    }

    ClaimRow(Shown s) {
        update(s);
    }

    /**
     * What a row shows of a record, worked out from the record alone, on any thread: its log parsed and formatted,
     * its status and dates in the UI's language and, with {@code now}, its lifetime (Last verified, Re-validation
     * due). Made by the job that brought the record, so that a batch of 200 claims or the stored claims of a big
     * account cost the FX thread only the setting of the row's values (issue 12: 200 rows made from records took the
     * FX thread 232-271 ms in a fresh JVM, 10-37 ms warm; from these values 16-20 and 1.4-2.4 ms).
     */
    record Shown(DomainClaimRecord record, String status, String expiry, String log, Instant lastVerifiedAt,
            Lifetime lifetime) {
        /** {@code now} null: the lifetime is worked out on the row's next tick. */
        static Shown of(DomainClaimRecord r, Instant now) {
            List<Claim.LogEntry> entries;
            try {
                entries = ClaimService.log(r);
            } catch (RuntimeException e) {
                entries = null; // not a log as the API writes it: shown as it is
            }
            Instant last = entries == null ? null : ClaimLifetime.lastVerified(entries);
            return new Shown(r, statusText(r.status()), r.expiresAt() == null ? "" : I18n.date(r.expiresAt()),
                    entries == null ? r.logJson() : formatLog(entries), last,
                    now == null ? null : Lifetime.of(r, last, now));
        }
    }

    /** Expires / Last verified / Re-validation due for an instant, as the row shows them (any thread). */
    record Lifetime(ClaimLifetime lifetime, String lastVerified, String due, String warning) {
        /**
         * From {@link ClaimLifetime}: the earlier of expires_at and the SC-081v3 reuse period, and the warning from 30
         * days before the due date.
         */
        static Lifetime of(DomainClaimRecord r, Instant lastVerifiedAt, Instant now) {
            ClaimLifetime l = r == null ? null : ClaimLifetime.of(lastVerifiedAt, r.expiresAt(), now);
            String last = l == null || l.lastVerifiedAt() == null ? "" : I18n.date(l.lastVerifiedAt());
            if (l == null || l.revalidationDue() == null) {
                return new Lifetime(l, last, "", "");
            }
            String date = I18n.date(l.revalidationDue());
            long days = Duration.between(now, l.revalidationDue()).toDays();
            String due = l.overdue() ? I18n.t("ui.dns.due.overdueCell", date)
                    : l.warn() ? I18n.t("ui.dns.due.soonCell", date, days) : date;
            String warning = !l.warn() ? "" : l.overdue() ? I18n.t("ui.dns.due.overdue", r.domain(), date)
                    : I18n.t("ui.dns.due.soon", r.domain(), date, days);
            return new Lifetime(l, last, due, warning);
        }
    }

    void update(Shown s) {
        DomainClaimRecord r = s.record();
        DomainClaimRecord old = record.get();
        if (old != null && old.token() != null && r.token() != null && !old.token().equals(r.token())) {
            previousToken.set(old.token());
        }
        record.set(r);
        lastVerifiedAt = s.lastVerifiedAt();
        domain.set(r.domain());
        status.set(s.status());
        token.set(r.token());
        expiry.set(s.expiry());
        log.set(s.log());
        if (s.lifetime() != null) {
            apply(s.lifetime());
        } else {
            lifetime.set(null); // recomputed on the next tick
        }
    }

    /** Expires / Last verified / Re-validation due for {@code now}, and the 30-day warning ({@link Lifetime}). */
    void lifetime(Instant now) {
        apply(Lifetime.of(record.get(), lastVerifiedAt, now));
    }

    private void apply(Lifetime l) {
        lifetime.set(l.lifetime());
        lastVerified.set(l.lastVerified());
        due.set(l.due());
        lifetimeWarning.set(l.warning());
    }

    /** Updates the assert-by countdown for {@code now}. */
    void tick(Instant now) {
        DomainClaimRecord r = record.get();
        if (r == null) {
            return;
        }
        if (lifetime.get() == null || !now.isBefore(lifetime.get().now().plus(Duration.ofMinutes(1)))) {
            lifetime(now);
        }
        if ("VERIFIED".equalsIgnoreCase(r.status())) {
            countdown.set(I18n.t("ui.dns.countdown.verified"));
        } else if (r.assertBy() == null) {
            countdown.set("");
        } else {
            countdown.set(countdown(now, r.assertBy()));
        }
    }

    static String countdown(Instant now, Instant deadline) {
        Duration d = Duration.between(now, deadline);
        if (d.isNegative() || d.isZero()) {
            return I18n.t("ui.dns.countdown.passed");
        }
        long days = d.toDays();
        long h = d.toHoursPart();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        return days > 0 ? I18n.t("ui.dns.countdown.days", days, two(h), two(m))
                : I18n.t("ui.dns.countdown.hours", two(h), two(m), two(s));
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n); // called for every row every second: no String.format
    }

    /** The API's claim status (PENDING, VERIFIED) in the UI's language; an unknown one as the API wrote it. */
    static String statusText(String status) {
        if (status == null) {
            return "";
        }
        String s = status.toUpperCase(Locale.ROOT);
        return KNOWN_STATUS.contains(s) ? I18n.t("ui.dns.claimStatus." + s) : status;
    }

    boolean deadlinePassed(Instant now) {
        DomainClaimRecord r = record.get();
        return r != null && !"VERIFIED".equalsIgnoreCase(r.status()) && r.assertBy() != null
                && !now.isBefore(r.assertBy());
    }

    static String formatLog(List<Claim.LogEntry> entries) {
        List<String> lines = new ArrayList<>(entries.size());
        for (Claim.LogEntry e : entries) {
            if (e == null) {
                continue;
            }
            lines.add((e.timestamp() == 0 ? "" : I18n.dateTime(Instant.ofEpochSecond(e.timestamp())) + "  ")
                    + (e.status() == null ? "" : e.status()) + "  "
                    + (e.description() == null ? "" : e.description()));
        }
        return String.join("\n", lines);
    }

    public DomainClaimRecord record() { return record.get(); }
    public ObjectProperty<DomainClaimRecord> recordProperty() { return record; }
    public StringProperty domainProperty() { return domain; }
    public StringProperty statusProperty() { return status; }
    public StringProperty tokenProperty() { return token; }
    public StringProperty countdownProperty() { return countdown; }
    public StringProperty expiryProperty() { return expiry; }
    /** Per-domain verification progress ("Asking GlobalSign...", "VERIFIED", errors). */
    public StringProperty progressProperty() { return progress; }
    public StringProperty logProperty() { return log; }
    /** The token a reassert replaced (empty when none). */
    public StringProperty previousTokenProperty() { return previousToken; }
    /** When GlobalSign last verified the claim (the newest SUCCESS of its log), a locale date. */
    public StringProperty lastVerifiedProperty() { return lastVerified; }
    /** When the claim must be proven again, a locale date (with "in N days" from 30 days before). */
    public StringProperty dueProperty() { return due; }
    /** The 30-day warning for this claim (empty when none). */
    public StringProperty lifetimeWarningProperty() { return lifetimeWarning; }
    public ObjectProperty<ClaimLifetime> lifetimeProperty() { return lifetime; }
    /** The chosen authorization domain (empty: the claimed name itself). */
    public StringProperty authorizationDomainProperty() { return authorizationDomain; }
    /** The last propagation result for the record ("1 of 2 servers see the record"). */
    public StringProperty seenProperty() { return seen; }
    /** Where the TXT record goes: the chosen authorization domain or the claimed name. */
    public String recordName() {
        String a = authorizationDomain.get();
        return a == null || a.isEmpty() ? record.get().domain() : a;
    }
}
