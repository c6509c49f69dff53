package io.atlasonboard.core.store;

import java.time.Instant;

/**
 * The last connection check of a provider: state, when, and for BAD the failing step and a diagnosis; for GOOD a
 * summary (validation policy, quota). {@link #unknown()} before the first check.
 */
public record ConnectionStatus(State state, Instant checkedAt, String failedStep, String diagnosis, String summary) {
    public enum State { GOOD, BAD, UNKNOWN }

    public ConnectionStatus {
        if (state == null) {
            throw new IllegalArgumentException("state is required");
        }
    }

    public static ConnectionStatus unknown() {
        return new ConnectionStatus(State.UNKNOWN, null, null, null, null);
    }

    public static ConnectionStatus good(Instant checkedAt, String summary) {
        return new ConnectionStatus(State.GOOD, checkedAt, null, null, summary);
    }

    public static ConnectionStatus bad(Instant checkedAt, String failedStep, String diagnosis) {
        return new ConnectionStatus(State.BAD, checkedAt, failedStep, diagnosis, null);
    }
}
