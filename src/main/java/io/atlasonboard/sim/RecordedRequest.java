package io.atlasonboard.sim;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the simulator received: method, path (without query), raw query (or null), request headers without
 * {@code Authorization} (names lower case), the answered status, and the client certificate serial (hex, or null).
 * and the client's port (requests on one kept-alive connection share it). Bodies are not recorded (login bodies
 * carry secrets).
 */
public record RecordedRequest(Instant receivedAt, String method, String path, String query,
        Map<String, List<String>> headers, int status, String clientSerial, int clientPort) {

    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
