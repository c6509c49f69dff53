package io.atlasonboard.core.store;

import io.atlasonboard.core.Msg;

import java.time.Instant;

/**
 * The last connection check of a provider: state, when, and for BAD the failing step and a diagnosis; for GOOD a
 * summary (validation policy, quota). {@link #unknown()} before the first check. {@code diagnosis} and
 * {@code summary} are English (CLI, logs); {@code diagnosisMsg} and {@code summaryMsg}, when present, are the same
 * texts as {@link Msg}s for the UI (a status stored before schema 43 has none).
 */
public record ConnectionStatus(State state, Instant checkedAt, String failedStep, String diagnosis, String summary,
        Msg diagnosisMsg, Msg summaryMsg) {
    public enum State { GOOD, BAD, UNKNOWN }

    public ConnectionStatus {
        if (state == null) {
            throw new IllegalArgumentException("state is required");
        }
    }

    /** A status with English texts only. */
    public ConnectionStatus(State state, Instant checkedAt, String failedStep, String diagnosis, String summary) {
        this(state, checkedAt, failedStep, diagnosis, summary, null, null);
    }

    public static ConnectionStatus unknown() {
        return new ConnectionStatus(State.UNKNOWN, null, null, null, null);
    }

    public static ConnectionStatus good(Instant checkedAt, String summary) {
        return new ConnectionStatus(State.GOOD, checkedAt, null, null, summary);
    }

    /** GOOD with the summary as a {@link Msg}; its English is the stored text. */
    public static ConnectionStatus good(Instant checkedAt, Msg summary) {
        return new ConnectionStatus(State.GOOD, checkedAt, null, null, summary.english(), null, summary);
    }

    public static ConnectionStatus bad(Instant checkedAt, String failedStep, String diagnosis) {
        return new ConnectionStatus(State.BAD, checkedAt, failedStep, diagnosis, null);
    }

    /** BAD with the diagnosis as a {@link Msg}; its English is the stored text. */
    public static ConnectionStatus bad(Instant checkedAt, String failedStep, Msg diagnosis) {
        return new ConnectionStatus(State.BAD, checkedAt, failedStep, diagnosis.english(), null, diagnosis, null);
    }
}
