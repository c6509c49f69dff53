package io.atlasonboard.core.store;

import java.time.Instant;

/**
 * A TSIG key for RFC 2136 updates (the secret is separate: {@link TsigKeyRepository#secret(long)}). {@code providerId}
 * and {@code server} ({@code host[:port]}) are optional. {@code id} and {@code createdAt} are set by the store.
 */
public record TsigKeyRecord(Long id, Long providerId, String name, String algorithm, String server,
                            Instant createdAt) {
    public static TsigKeyRecord of(Long providerId, String name, String algorithm, String server) {
        return new TsigKeyRecord(null, providerId, name, algorithm, server, null);
    }
}
