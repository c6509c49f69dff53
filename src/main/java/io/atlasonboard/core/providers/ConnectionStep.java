package io.atlasonboard.core.providers;

import io.atlasonboard.core.Msg;

import java.util.Optional;

/** The checks of a connection test, in the order they run. */
public enum ConnectionStep {
    LOCAL("Local checks"),
    TLS("TLS handshake"),
    LOGIN("Login"),
    POLICY("Validation policy"),
    QUOTA("Issuance quota");

    private final String label;

    ConnectionStep(String label) {
        this.label = label;
    }

    /** The name a person reads ("TLS handshake"); also the failed step a stored status keeps. */
    public String label() {
        return label;
    }

    /** The name as a {@link Msg} for the UI; its English is {@link #label()}. */
    public Msg msg() {
        return Msg.of("core.providers.step." + name());
    }

    /** The step with this label (as a stored status or {@link ConnectionReport#failedStep()} has it), if any. */
    public static Optional<ConnectionStep> ofLabel(String label) {
        for (ConnectionStep s : values()) {
            if (s.label.equals(label)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
