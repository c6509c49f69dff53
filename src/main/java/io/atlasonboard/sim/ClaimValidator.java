package io.atlasonboard.sim;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonObject;

import io.atlasonboard.sim.Http.Call;
import io.atlasonboard.sim.Http.Response;

/**
 * Proof of control for a claim: {@code POST .../dns} (TXT at the claimed name or at an authorization domain, immediate
 * or deferred). A success makes the claim VERIFIED with {@code expires_at} = now + the reuse period.
 */
final class ClaimValidator {
    private final SimState s;

    ClaimValidator(SimState s) {
        this.s = s;
    }

    Response assertDns(Call call, SimAccount a, String id) throws IOException {
        JsonObject body = call.body(false);
        String adn = null;
        if (body != null) {
            Http.onlyFields(body, Set.of("authorization_domain"));
            adn = Http.optionalString(body, "authorization_domain");
            if (adn != null && adn.isBlank()) {
                throw ApiException.validation("authorization_domain: must not be empty");
            }
        }
        runDueChecks(a, false);
        Instant now = s.clock.instant();
        String checkName;
        synchronized (s.lock) {
            SimClaim c = ClaimHandler.find(a, id);
            checkName = adn != null ? authorizationDomain(c, adn) : c.domain + ".";
            if (c.checkPending()) {
                return Response.json(202, Http.description("Operation in progress"));
            }
            if (c.assertBy != 0 && now.getEpochSecond() > c.assertBy) {
                throw new ApiException(424, "Claim expired. Reassert first");
            }
            Duration delay = s.faults.claimCheckDelay();
            if (delay != null) {
                c.checkDueAt = now.plus(delay);
                c.checkName = checkName;
                a.scheduledChecks.add(c.id);
                c.log.add(new SimClaim.LogEntry("INFO", "DNS verification scheduled for " + checkName,
                        now.getEpochSecond()));
                s.changed();
                return Response.empty(201);
            }
        }
        String failure = checkTxt(a, id, checkName);
        if (failure == null) {
            return Response.empty(204);
        }
        throw new ApiException(422, "error verifying domain claim", Map.of("dns", failure));
    }

    /** The ADN (lower case, trailing dot) when it is one of the claim's, else 422. Call under the lock. */
    static String authorizationDomain(SimClaim c, String adn) {
        String want = SandboxZone.key(adn);
        if (!Names.authorizationDomains(c.domain).contains(want)) {
            throw ApiException.validation("authorization_domain: " + adn + " is not an authorization domain of "
                    + c.domain + ".");
        }
        return want;
    }

    /**
     * Looks up the TXT record for a claim (outside the state lock) and applies the outcome: VERIFIED or an ERROR log
     * entry. Returns null on success, else the reason.
     */
    private String checkTxt(SimAccount a, String id, String name) {
        String token;
        synchronized (s.lock) {
            SimClaim c = a.claims.get(id.toUpperCase(Locale.ROOT));
            if (c == null) {
                return "claim deleted";
            }
            token = c.token;
        }
        String failure;
        try {
            List<String> values = s.lookup.txt(name);
            if (values.contains(token)) {
                failure = null;
            } else if (values.isEmpty()) {
                failure = "no TXT record found at " + name + " (" + s.lookup.describe() + ")";
            } else {
                failure = "TXT record at " + name + " does not contain the claim token (found " + values.size()
                        + " other value" + (values.size() == 1 ? "" : "s") + ")";
            }
        } catch (IOException | RuntimeException e) {
            failure = "DNS lookup of " + name + " failed: " + e.getMessage();
        }
        synchronized (s.lock) {
            SimClaim c = a.claims.get(id.toUpperCase(Locale.ROOT));
            if (c == null) {
                return "claim deleted";
            }
            c.checkDueAt = null;
            c.checkName = null;
        }
        return settle(a, id, token, failure, "DNS", "domain verified by DNS TXT record at " + name);
    }

    /**
     * Records the outcome of a check made with {@code token}: VERIFIED (when the token is still the claim's) with a
     * SUCCESS entry, else an ERROR entry. Returns null on success, else the reason.
     */
    String settle(SimAccount a, String id, String token, String failure, String method, String success) {
        Instant now = s.clock.instant();
        String why;
        synchronized (s.lock) {
            SimClaim c = a.claims.get(id.toUpperCase(Locale.ROOT));
            if (c == null) {
                return "claim deleted";
            }
            if (failure == null && token.equals(c.token)) {
                c.status = "VERIFIED";
                c.assertBy = 0;
                c.expiresAt = now.plus(s.config.claimReusePeriod()).getEpochSecond();
                c.lastVerifiedAt = now.getEpochSecond();
                c.lastVerificationMethod = method;
                c.log.add(new SimClaim.LogEntry("SUCCESS", success, now.getEpochSecond()));
                why = null;
            } else {
                why = failure == null ? "token changed during verification" : failure;
                c.log.add(new SimClaim.LogEntry("ERROR", "error verifying domain claim: " + why,
                        now.getEpochSecond()));
            }
        }
        s.changed();
        return why;
    }

    /** Runs deferred checks that are due (or all when {@code force}), for one account or every account. */
    void runDueChecks(SimAccount only, boolean force) {
        record Due(SimAccount account, String id, String name) {
        }
        List<Due> due = new ArrayList<>();
        Instant now = s.clock.instant();
        synchronized (s.lock) {
            for (SimAccount a : only == null ? List.copyOf(s.accounts.values()) : List.of(only)) {
                // the claims with a scheduled check, not every claim: a request costs the same in a big account
                for (Iterator<String> it = a.scheduledChecks.iterator(); it.hasNext(); ) {
                    SimClaim c = a.claims.get(it.next());
                    if (c == null || !c.checkPending()) {
                        it.remove(); // ran, or the claim was deleted
                    } else if (force || !now.isBefore(c.checkDueAt)) {
                        due.add(new Due(a, c.id, c.checkName));
                    }
                }
            }
        }
        for (Due d : due) {
            checkTxt(d.account(), d.id(), d.name());
        }
    }
}
