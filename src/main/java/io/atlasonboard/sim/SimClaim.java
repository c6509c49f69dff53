package io.atlasonboard.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Internal state of one domain claim. */
final class SimClaim {
    record LogEntry(String status, String description, long timestamp) {
    }

    final String id;
    final String domain; // lower case, no trailing dot
    final Instant createdAt;
    String status = "PENDING";
    String token;
    long assertBy;
    long expiresAt;
    long lastVerifiedAt;
    String lastVerificationMethod;
    final List<LogEntry> log = new ArrayList<>();
    /** A deferred DNS check: when it is due and which name to look at. */
    Instant checkDueAt;
    String checkName;

    SimClaim(String id, String domain, Instant createdAt) {
        this.id = id;
        this.domain = domain;
        this.createdAt = createdAt;
    }

    boolean checkPending() {
        return checkDueAt != null;
    }
}
