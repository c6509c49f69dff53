package io.atlasonboard.core.onboarding;

import java.time.Instant;

/** One line of the start page's list of onboardings in progress. */
public record OnboardingSummary(long id, String label, int step, boolean sandbox, Instant updatedAt) {
}
