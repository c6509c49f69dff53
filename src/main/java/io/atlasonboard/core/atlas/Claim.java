package io.atlasonboard.core.atlas;

import java.util.List;

/** A domain claim (ATLAS-API.md 4.9). Timestamps are Unix seconds as the API sends them; 0 means "not set". */
public record Claim(String id, String status, String domain, long createdAt, long expiresAt, long assertBy,
        List<LogEntry> log, String token, long lastVerifiedAt, String lastVerificationMethod) {

    public record LogEntry(String status, String description, long timestamp) {
    }

    public boolean verified() {
        return "VERIFIED".equalsIgnoreCase(status);
    }

    public List<LogEntry> log() {
        return log == null ? List.of() : log;
    }
}
