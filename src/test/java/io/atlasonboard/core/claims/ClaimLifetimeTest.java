package io.atlasonboard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.atlasonboard.core.store.DomainClaimRecord;

/** Re-validation dates under the SC-081v3 reuse schedule, and the 30-day warning. */
class ClaimLifetimeTest {
    static Instant t(String s) {
        return Instant.parse(s + "T00:00:00Z");
    }

    @Test
    void reusePeriodByDate() {
        assertThat(ClaimLifetime.reusePeriodAt(t("2026-03-14"))).isEqualTo(Duration.ofDays(398));
        assertThat(ClaimLifetime.reusePeriodAt(t("2026-03-15"))).isEqualTo(Duration.ofDays(200));
        assertThat(ClaimLifetime.reusePeriodAt(t("2027-03-15"))).isEqualTo(Duration.ofDays(100));
        assertThat(ClaimLifetime.reusePeriodAt(t("2029-03-15"))).isEqualTo(Duration.ofDays(10));
    }

    @Test
    void dueDateFollowsTheShrinkingPeriod() {
        // verified under the 398-day rule, but from 15 March 2026 only 200 days count
        assertThat(ClaimLifetime.reuseEnds(t("2026-01-01"))).isEqualTo(t("2026-07-20"));
        // 398 days from 2025-01-01 end before the 200-day rule starts
        assertThat(ClaimLifetime.reuseEnds(t("2025-01-01"))).isEqualTo(t("2026-02-03"));
        // a validation from 2025-03-01 runs out the day the 200-day rule starts
        assertThat(ClaimLifetime.reuseEnds(t("2025-03-01"))).isEqualTo(t("2026-03-15"));
        // verified shortly before the 100-day step: 100 days from the validation
        assertThat(ClaimLifetime.reuseEnds(t("2027-03-01"))).isEqualTo(t("2027-06-09"));
        // verified in December 2026 under 200 days, cut at the 100-day step
        assertThat(ClaimLifetime.reuseEnds(t("2026-12-01"))).isEqualTo(t("2027-03-15"));
        assertThat(ClaimLifetime.reuseEnds(t("2029-04-01"))).isEqualTo(t("2029-04-11"));
    }

    @Test
    void expiresAtWinsWhenEarlierAndWarningStarts30DaysBefore() {
        ClaimLifetime l = ClaimLifetime.of(t("2026-12-01"), t("2027-01-10"), t("2026-12-05"));
        assertThat(l.revalidationDue()).isEqualTo(t("2027-01-10"));
        assertThat(l.warn()).isFalse();
        assertThat(l.warning()).isNull();
        ClaimLifetime soon = ClaimLifetime.of(t("2026-12-01"), t("2027-06-01"), t("2027-02-20"));
        assertThat(soon.revalidationDue()).isEqualTo(t("2027-03-15"));
        assertThat(soon.warning()).startsWith("re-validation due in 23 days");
        ClaimLifetime late = ClaimLifetime.of(t("2026-12-01"), null, t("2027-03-16"));
        assertThat(late.overdue()).isTrue();
        assertThat(late.warning()).startsWith("re-validation overdue");
    }

    @Test
    void storedClaimTakesTheLastSuccessFromItsLog() {
        long v1 = t("2026-01-01").getEpochSecond();
        long v2 = t("2026-06-01").getEpochSecond();
        DomainClaimRecord rec = DomainClaimRecord.of(1, "C1", "www.example.test", "VERIFIED", "tok", null,
                t("2027-07-01")).withLog("[{\"status\":\"SUCCESS\",\"description\":\"ok\",\"timestamp\":" + v1 + "},"
                + "{\"status\":\"ERROR\",\"description\":\"later failure\",\"timestamp\":" + (v2 + 99) + "},"
                + "{\"status\":\"SUCCESS\",\"description\":\"ok again\",\"timestamp\":" + v2 + "}]");
        ClaimLifetime l = ClaimLifetime.of(rec, t("2026-06-02"));
        assertThat(l.lastVerifiedAt()).isEqualTo(t("2026-06-01"));
        assertThat(l.revalidationDue()).isEqualTo(t("2026-12-18")); // 200 days after 2026-06-01
        assertThat(l.reusePeriodNow()).isEqualTo(Duration.ofDays(200));
    }
}
