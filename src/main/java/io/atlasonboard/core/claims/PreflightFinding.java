package io.atlasonboard.core.claims;

import java.util.Objects;

import io.atlasonboard.core.Msg;

/**
 * One fact found by {@link Preflight} about one name: which check, how bad, a sentence for a person, and (when there
 * is one) what to change, e.g. the CAA zone-file line to add. {@code message} is English (command line, logs);
 * {@code msg} is the same sentence for the UI, rendered in the user's language. {@code fix} stays English (the CAA fix
 * is a zone-file line).
 */
public record PreflightFinding(String domain, Check check, Level level, String message, String fix, Msg msg) {

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
        Objects.requireNonNull(msg);
    }

    /** A finding whose sentence is a {@link Msg}; {@link #message()} is its English. */
    public PreflightFinding(String domain, Check check, Level level, Msg msg, String fix) {
        this(domain, check, level, msg.english(), fix, msg);
    }

    /**
     * The sentence without its leading verdict: for CAA ("GlobalSign may NOT issue: ...") the reason after it, which
     * is the pattern's second argument; for the other checks {@link #msg()} itself.
     */
    public Msg detailMsg() {
        Object[] args = msg.args();
        if (check == Check.CAA && args.length == 2 && args[1] instanceof Msg reason) {
            return reason;
        }
        return msg;
    }

    /** {@code domain: LEVEL CHECK: message [fix: ...]} on one line. */
    public String describe() {
        return domain + ": " + level + " " + check + ": " + message + (fix == null ? "" : "; fix: " + fix);
    }
}
