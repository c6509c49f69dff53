package io.atlasonboard.core.atlas;

import java.time.Instant;

/**
 * {@code GET /certificates/{serial}}: {@code status} is ISSUED or REVOKED (upper-cased), or PENDING when the API answered
 * 202 "Operation in progress" (then {@code certificatePem} is null).
 */
public record CertificateInfo(String serial, String status, String certificatePem, Instant updatedAt) {
    public boolean pending() {
        return "PENDING".equals(status);
    }
}
