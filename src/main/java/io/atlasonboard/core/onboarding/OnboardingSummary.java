package io.atlasonboard.core.onboarding;

import java.time.Instant;

/** One line of the start page's list of onboardings ({@code completed} once Finish was pressed on the last step). */
public record OnboardingSummary(long id, String label, int step, boolean sandbox, boolean completed,
                                Instant updatedAt) {
    public OnboardingSummary(long id, String label, int step, boolean sandbox, Instant updatedAt) {
        this(id, label, step, sandbox, false, updatedAt);
    }
}
