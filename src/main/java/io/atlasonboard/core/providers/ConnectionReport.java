package io.atlasonboard.core.providers;

import java.time.Instant;

/**
 * Result of a connection test. GOOD carries the policy summary and remaining quota; BAD carries the failed step, a
 * diagnosis code and a sentence a person can act on. Never contains secrets.
 */
public record ConnectionReport(Status status, String failedStep, String diagnosis, Diagnosis code,
        String policySummary, Long remainingQuota, Instant checkedAt) {

    public enum Status { GOOD, BAD }

    public boolean good() {
        return status == Status.GOOD;
    }

    static ConnectionReport good(String policySummary, long quota, Instant at) {
        return new ConnectionReport(Status.GOOD, null, null, Diagnosis.OK, policySummary, quota, at);
    }

    static ConnectionReport bad(String step, Diagnosis code, String sentence, Instant at) {
        return new ConnectionReport(Status.BAD, step, sentence, code, null, null, at);
    }

    /** "Connection Status: Good" / "Connection Status: Bad" plus detail lines, as the CLI prints it. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        if (good()) {
            sb.append("Connection Status: Good\n");
            if (remainingQuota != null) {
                sb.append("Remaining issuance quota: ").append(remainingQuota).append('\n');
            }
            if (policySummary != null) {
                sb.append("Validation policy:\n").append(policySummary.indent(2));
            }
        } else {
            sb.append("Connection Status: Bad\n");
            sb.append("Step: ").append(failedStep).append('\n');
            sb.append("Reason: ").append(diagnosis).append('\n');
            sb.append("Code: ").append(code).append('\n');
        }
        sb.append("Checked at: ").append(checkedAt).append('\n');
        return sb.toString();
    }
}
