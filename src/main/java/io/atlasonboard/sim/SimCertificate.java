package io.atlasonboard.sim;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** Internal state of one certificate request. */
final class SimCertificate {
    enum Status { PENDING, ISSUED, REVOKED, REJECTED }

    final String serial;
    final X509Certificate cert;
    final String pem;
    final Instant requestedAt;
    final Instant readyAt;
    int pendingPolls;
    Status status;
    Instant revokedAt;
    String revocationReason;
    Instant updatedAt;

    SimCertificate(String serial, X509Certificate cert, Instant requestedAt, Instant readyAt, int pendingPolls,
            boolean rejected) {
        this.serial = serial;
        this.cert = cert;
        this.pem = cert == null ? null : SimPki.pem(cert);
        this.requestedAt = requestedAt;
        this.readyAt = readyAt;
        this.pendingPolls = pendingPolls;
        this.status = rejected ? Status.REJECTED : Status.PENDING;
        this.updatedAt = requestedAt;
    }

    /** Moves PENDING to ISSUED once the delay has passed (does not consume polls). */
    void settle(Instant now) {
        if (status == Status.PENDING && pendingPolls <= 0 && !now.isBefore(readyAt)) {
            status = Status.ISSUED;
            updatedAt = readyAt.isAfter(requestedAt) ? readyAt : requestedAt;
        }
    }
}
