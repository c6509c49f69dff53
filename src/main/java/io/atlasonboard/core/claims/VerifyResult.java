package io.atlasonboard.core.claims;

import io.atlasonboard.core.Msg;

/**
 * Outcome of verifying one domain: VERIFIED, PENDING (GlobalSign has not finished, or the wait ended, or the run was
 * cancelled) or ERROR with the reason a person can act on. {@code reassertNeeded} is set when the claim's assert-by
 * deadline passed (HTTP 424): the claim must be reasserted and the new token published before verifying again.
 * {@code reason} is English (CLI, logs); {@code reasonMsg}, when present, is the same sentence for the UI.
 */
public record VerifyResult(String domain, State state, String claimId, String reason, boolean reassertNeeded,
        Msg reasonMsg) {
    public enum State { VERIFIED, PENDING, ERROR }

    /** A result whose reason (if any) is English only. */
    public VerifyResult(String domain, State state, String claimId, String reason, boolean reassertNeeded) {
        this(domain, state, claimId, reason, reassertNeeded, null);
    }

    /** A result whose reason is a {@link Msg}; {@link #reason()} is its English. */
    public VerifyResult(String domain, State state, String claimId, Msg reason, boolean reassertNeeded) {
        this(domain, state, claimId, reason.english(), reassertNeeded, reason);
    }

    static VerifyResult verified(String domain, String claimId) {
        return new VerifyResult(domain, State.VERIFIED, claimId, (String) null, false);
    }

    static VerifyResult pending(String domain, String claimId, String reason) {
        return new VerifyResult(domain, State.PENDING, claimId, reason, false);
    }

    static VerifyResult pending(String domain, String claimId, Msg reason) {
        return new VerifyResult(domain, State.PENDING, claimId, reason, false);
    }

    static VerifyResult error(String domain, String claimId, String reason) {
        return new VerifyResult(domain, State.ERROR, claimId, reason, false);
    }

    static VerifyResult error(String domain, String claimId, Msg reason) {
        return new VerifyResult(domain, State.ERROR, claimId, reason, false);
    }

    /** "VERIFIED", or the state and the reason. */
    public String describe() {
        return reason == null ? state.name() : state.name() + ": " + reason;
    }
}
