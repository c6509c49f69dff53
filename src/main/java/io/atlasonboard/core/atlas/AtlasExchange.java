package io.atlasonboard.core.atlas;

import java.time.Duration;
import java.time.Instant;

/**
 * One HTTP exchange with the API as an {@link AtlasExchangeObserver} sees it: when it started, method, path (with
 * query, relative to the base URL), HTTP status (null when no answer came), duration, the problem+json {@code id} of
 * an error answer, and for a failed transport a short description. Never bodies, headers, tokens or secrets.
 */
public record AtlasExchange(Instant at, String method, String path, Integer status, Duration duration,
                            String problemId, String transportError) {
}
