package io.atlasonboard.core.pki;

import java.util.Map;

/**
 * One result of a check. {@code code} is stable for programs (e.g. "KEY_MISMATCH"); {@code message} is for people;
 * {@code details} holds values to show side by side (e.g. "expectedSpkiSha256" and "certificateSpkiSha256").
 */
public record Finding(Severity severity, String code, String message, Map<String, String> details) {
    public enum Severity { ERROR, WARN, INFO }

    public Finding {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + ": " + message;
    }
}
