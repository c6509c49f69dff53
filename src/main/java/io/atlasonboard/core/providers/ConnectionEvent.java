package io.atlasonboard.core.providers;

import io.atlasonboard.core.Msg;

import java.util.Objects;

/**
 * What a running connection test reports about one of its checks: it {@link Started}, {@link Passed} or
 * {@link Failed}. A test reports the checks in {@link ConnectionStep} order; after a failure no later check starts.
 * Events never carry secrets.
 */
public sealed interface ConnectionEvent {
    ConnectionStep step();

    /**
     * The check began; {@code detail} says what it does now ("TLS handshake with host:8443"), in English;
     * {@code detailMsg}, when present, is the same sentence for the UI.
     */
    record Started(ConnectionStep step, String detail, Msg detailMsg) implements ConnectionEvent {
        public Started {
            Objects.requireNonNull(step);
        }

        public Started(ConnectionStep step, String detail) {
            this(step, detail, null);
        }

        public Started(ConnectionStep step, Msg detail) {
            this(step, detail.english(), detail);
        }
    }

    /** The check passed. */
    record Passed(ConnectionStep step) implements ConnectionEvent {
        public Passed {
            Objects.requireNonNull(step);
        }
    }

    /**
     * The check failed; the test ends with a BAD report carrying the same diagnosis. {@code diagnosis} is English;
     * {@code msg}, when present, is the same sentence for the UI.
     */
    record Failed(ConnectionStep step, Diagnosis code, String diagnosis, Msg msg) implements ConnectionEvent {
        public Failed {
            Objects.requireNonNull(step);
        }

        public Failed(ConnectionStep step, Diagnosis code, String diagnosis) {
            this(step, code, diagnosis, null);
        }
    }
}
