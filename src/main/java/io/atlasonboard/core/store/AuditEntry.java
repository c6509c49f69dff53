package io.atlasonboard.core.store;

import java.time.Duration;
import java.time.Instant;

/**
 * One recorded API call of a provider: time, method, path, HTTP status (null: no answer), duration, the problem+json
 * {@code id} of an error answer and, without an answer, what failed. Holds no secret by construction.
 */
public record AuditEntry(long providerId, Instant at, String method, String path, Integer status, Duration duration,
                         String problemId, String transportError) {
}
