package io.atlasonboard.core.claims;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.atlasonboard.core.atlas.Claim;
import io.atlasonboard.core.store.DomainClaimRecord;

/**
 * How long a verified claim can be reused and when it must be proven again. GlobalSign's {@code expires_at} is when
 * the claim lapses; the CA/Browser Forum's reuse period for domain validation data shrinks by date (ballot SC-081v3:
 * 398 days, then 200 days from 15 March 2026, 100 days from 15 March 2027, 10 days from 15 March 2029), so a
 * validation done on day V may be reused for issuance on day T only while T - V is within the period in force on T.
 * The re-validation due date is the earlier of {@code expires_at} and the first day that rule fails; a warning starts
 * 30 days before it.
 */
public record ClaimLifetime(Instant lastVerifiedAt, Instant expiresAt, Instant revalidationDue,
        Duration reusePeriodNow, Instant now) {

    /** One step of the schedule: from this instant on, validation data may be reused for {@code period}. */
    public record Step(Instant from, Duration period) {
    }

    /** SC-081v3 (CA/B Forum Baseline Requirements 4.2.1). */
    public static final List<Step> SC081 = List.of(
            new Step(Instant.EPOCH, Duration.ofDays(398)),
            new Step(Instant.parse("2026-03-15T00:00:00Z"), Duration.ofDays(200)),
            new Step(Instant.parse("2027-03-15T00:00:00Z"), Duration.ofDays(100)),
            new Step(Instant.parse("2029-03-15T00:00:00Z"), Duration.ofDays(10)));

    public static final Duration WARN_BEFORE = Duration.ofDays(30);

    /** The reuse period in force at {@code t}. */
    public static Duration reusePeriodAt(Instant t) {
        Duration p = SC081.get(0).period();
        for (Step s : SC081) {
            if (!t.isBefore(s.from())) {
                p = s.period();
            }
        }
        return p;
    }

    /** The first instant at which a validation done at {@code verified} may no longer be reused. */
    public static Instant reuseEnds(Instant verified) {
        Instant best = null;
        for (int i = 0; i < SC081.size(); i++) {
            Instant start = SC081.get(i).from();
            Instant end = i + 1 < SC081.size() ? SC081.get(i + 1).from() : Instant.MAX;
            Instant candidate = verified.plus(SC081.get(i).period());
            if (candidate.isBefore(start)) {
                candidate = start;
            }
            if (candidate.isBefore(end) && !candidate.isBefore(verified) && (best == null
                    || candidate.isBefore(best))) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * @param lastVerifiedAt when GlobalSign last verified the claim (null: unknown)
     * @param expiresAt      the claim's {@code expires_at} (null: not set)
     */
    public static ClaimLifetime of(Instant lastVerifiedAt, Instant expiresAt, Instant now) {
        Objects.requireNonNull(now);
        Instant due = expiresAt;
        if (lastVerifiedAt != null) {
            Instant ends = reuseEnds(lastVerifiedAt);
            if (due == null || ends.isBefore(due)) {
                due = ends;
            }
        }
        return new ClaimLifetime(lastVerifiedAt, expiresAt, due, reusePeriodAt(now), now);
    }

    /** From the API's claim object. */
    public static ClaimLifetime of(Claim c, Instant now) {
        return of(c.lastVerifiedAt() == 0 ? null : Instant.ofEpochSecond(c.lastVerifiedAt()), c.expiresAt() == 0 ? null
                : Instant.ofEpochSecond(c.expiresAt()),
                now);
    }

    /**
     * From a stored claim: {@code expires_at} as stored, the last verification taken from the newest SUCCESS entry
     * of the stored claim log (the store keeps the log as GlobalSign last returned it).
     */
    public static ClaimLifetime of(DomainClaimRecord rec, Instant now) {
        return of(lastVerified(ClaimService.log(rec)), rec.expiresAt(), now);
    }

    /**
     * The newest SUCCESS entry's time in a claim log (null: none); a caller that asks often (the DNS table's rows,
     * every minute) parses the log once and keeps this.
     */
    public static Instant lastVerified(java.util.List<Claim.LogEntry> log) {
        Instant last = null;
        for (Claim.LogEntry e : log) {
            if ("SUCCESS".equalsIgnoreCase(e.status()) && e.timestamp() > 0) {
                Instant t = Instant.ofEpochSecond(e.timestamp());
                if (last == null || t.isAfter(last)) {
                    last = t;
                }
            }
        }
        return last;
    }

    public boolean overdue() {
        return revalidationDue != null && !now.isBefore(revalidationDue);
    }

    /** True from 30 days before the due date (and when overdue). */
    public boolean warn() {
        return revalidationDue != null && !now.isBefore(revalidationDue.minus(WARN_BEFORE));
    }

    /** Null when nothing to say yet; else "re-validation due in N days" or "re-validation overdue since ...". */
    public String warning() {
        if (!warn()) {
            return null;
        }
        if (overdue()) {
            return "re-validation overdue: the claim can no longer be reused; reassert it and prove control again";
        }
        long days = Duration.between(now, revalidationDue).toDays();
        return "re-validation due in " + days + (days == 1 ? " day" : " days")
                + ": reassert the claim and prove control again before then";
    }
}
