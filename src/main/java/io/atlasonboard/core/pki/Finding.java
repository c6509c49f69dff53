package io.atlasonboard.core.pki;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.Msg;
import java.util.Map;

/**
 * One result of a check. {@code code} is stable for programs (e.g. "KEY_MISMATCH"); {@code message} is for people;
 * {@code details} holds values to show side by side (e.g. "expectedSpkiSha256" and "certificateSpkiSha256").
 */
public record Finding(Severity severity, String code, String message, Map<String, String> details, Msg msg)
        implements Localized {
    public enum Severity { ERROR, WARN, INFO }

    public Finding {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** A finding whose text is English only. */
    public Finding(Severity severity, String code, String message, Map<String, String> details) {
        this(severity, code, message, details, null);
    }

    /** A finding shown in the reader's language; {@link #message()} is its English text. */
    public static Finding of(Severity severity, String code, Msg msg, Map<String, String> details) {
        return new Finding(severity, code, msg.english(), details, msg);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + ": " + message;
    }
}
