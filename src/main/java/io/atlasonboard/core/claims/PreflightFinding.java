package io.atlasonboard.core.claims;

import java.util.Objects;

/**
 * One fact found by {@link Preflight} about one name: which check, how bad, a sentence for a person, and (when there
 * is one) what to change, e.g. the CAA zone-file line to add.
 */
public record PreflightFinding(String domain, Check check, Level level, String message, String fix) {

    public enum Check {
        CAA, DNSSEC, DELEGATION, WILDCARD
    }

    /** BLOCKING: issuance will fail until fixed. WARNING: may fail. NOTE: information. OK: nothing to do. */
    public enum Level {
        OK, NOTE, WARNING, BLOCKING
    }

    public PreflightFinding {
        Objects.requireNonNull(domain);
        Objects.requireNonNull(check);
        Objects.requireNonNull(level);
        Objects.requireNonNull(message);
    }

    /** {@code domain: LEVEL CHECK: message [fix: ...]} on one line. */
    public String describe() {
        return domain + ": " + level + " " + check + ": " + message + (fix == null ? "" : "; fix: " + fix);
    }
}
