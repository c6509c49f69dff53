package io.atlasonboard.core.claims;

/**
 * Outcome of verifying one domain: VERIFIED, PENDING (GlobalSign has not finished, or the wait ended, or the run was
 * cancelled) or ERROR with the reason a person can act on. {@code reassertNeeded} is set when the claim's assert-by
 * deadline passed (HTTP 424): the claim must be reasserted and the new token published before verifying again.
 */
public record VerifyResult(String domain, State state, String claimId, String reason, boolean reassertNeeded) {
    public enum State { VERIFIED, PENDING, ERROR }

    static VerifyResult verified(String domain, String claimId) {
        return new VerifyResult(domain, State.VERIFIED, claimId, null, false);
    }

    static VerifyResult pending(String domain, String claimId, String reason) {
        return new VerifyResult(domain, State.PENDING, claimId, reason, false);
    }

    static VerifyResult error(String domain, String claimId, String reason) {
        return new VerifyResult(domain, State.ERROR, claimId, reason, false);
    }

    /** "VERIFIED", or the state and the reason. */
    public String describe() {
        return reason == null ? state.name() : state.name() + ": " + reason;
    }
}
