package io.atlasonboard.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Fault injection for tests (checklist item 19). Applies to {@code /v2} requests only, never to the portal.
 * Path prefixes are relative to {@code /v2} ({@code "/claims"}; a leading {@code /v2} is accepted too).
 */
public final class SimFaults {
    private final Runnable revokeTokens;
    private final List<Rule> rules = new ArrayList<>();
    private Duration responseDelay = Duration.ZERO;
    private Duration issuanceDelay = Duration.ZERO;
    private int issuancePendingPolls;
    private int rejectIssuances;
    private Duration claimCheckDelay;

    private static final class Rule {
        final int status;
        final String prefix;
        int remaining;

        Rule(int status, String prefix, int remaining) {
            this.status = status;
            this.prefix = prefix;
            this.remaining = remaining;
        }
    }

    SimFaults(Runnable revokeTokens, Duration claimCheckDelay) {
        this.revokeTokens = revokeTokens;
        this.claimCheckDelay = claimCheckDelay;
    }

    /** The next {@code n} requests answer {@code 429 "Rate Limit Reached"}. */
    public SimFaults rateLimitNext(int n) {
        return rateLimitNext(n, "/");
    }

    /** The next {@code n} requests whose path starts with {@code pathPrefix} answer 429. */
    public synchronized SimFaults rateLimitNext(int n, String pathPrefix) {
        rules.add(new Rule(429, normalise(pathPrefix), n));
        return this;
    }

    /** The next {@code n} requests answer {@code 503 "Service busy, please retry later"} with an {@code id}. */
    public SimFaults busyNext(int n) {
        return busyNext(n, "/");
    }

    public synchronized SimFaults busyNext(int n, String pathPrefix) {
        rules.add(new Rule(503, normalise(pathPrefix), n));
        return this;
    }

    /** Every {@code /v2} response is held back this long (zero: none). */
    public synchronized SimFaults delayResponses(Duration delay) {
        this.responseDelay = delay == null ? Duration.ZERO : delay;
        return this;
    }

    /** Every access token issued so far becomes invalid (401 on next use). */
    public SimFaults revokeAllTokens() {
        revokeTokens.run();
        return this;
    }

    /** New certificates stay in progress (202) for this long on the simulator clock. */
    public synchronized SimFaults issuanceDelay(Duration delay) {
        this.issuanceDelay = delay == null ? Duration.ZERO : delay;
        return this;
    }

    /** New certificates answer 202 to the first {@code n} GETs, independent of the clock. */
    public synchronized SimFaults issuancePendingPolls(int n) {
        this.issuancePendingPolls = n;
        return this;
    }

    /** The next {@code n} accepted certificate requests are rejected by the "CA" afterwards (GET: 422). */
    public synchronized SimFaults rejectNextIssuances(int n) {
        this.rejectIssuances = n;
        return this;
    }

    /** DNS assertions verify at once: 204 on success, 422 + ERROR log entry on failure. */
    public synchronized SimFaults claimChecksImmediate() {
        this.claimCheckDelay = null;
        return this;
    }

    /** DNS assertions answer 201 and are checked once {@code delay} has passed (or on completePendingChecks). */
    public synchronized SimFaults claimChecksDeferred(Duration delay) {
        this.claimCheckDelay = delay;
        return this;
    }

    /** Clears injected 429/503 rules, delays and rejections (keeps the claim check mode). */
    public synchronized void reset() {
        rules.clear();
        responseDelay = Duration.ZERO;
        issuanceDelay = Duration.ZERO;
        issuancePendingPolls = 0;
        rejectIssuances = 0;
    }

    static String normalise(String prefix) {
        String p = prefix == null || prefix.isEmpty() ? "/" : prefix;
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        if (p.equals("/v2") || p.startsWith("/v2/")) {
            p = p.substring(3);
        }
        return p.isEmpty() ? "/" : p;
    }

    /** Status to force for this request (path relative to /v2), or 0. */
    synchronized int takeForcedStatus(String v2Path) {
        Iterator<Rule> it = rules.iterator();
        while (it.hasNext()) {
            Rule r = it.next();
            if (r.remaining <= 0) {
                it.remove();
                continue;
            }
            if (v2Path.startsWith(r.prefix)) {
                r.remaining--;
                if (r.remaining == 0) {
                    it.remove();
                }
                return r.status;
            }
        }
        return 0;
    }

    synchronized Duration responseDelay() {
        return responseDelay;
    }

    synchronized Duration issuanceDelay() {
        return issuanceDelay;
    }

    synchronized int issuancePendingPolls() {
        return issuancePendingPolls;
    }

    synchronized boolean takeRejection() {
        if (rejectIssuances > 0) {
            rejectIssuances--;
            return true;
        }
        return false;
    }

    synchronized Duration claimCheckDelay() {
        return claimCheckDelay;
    }
}
