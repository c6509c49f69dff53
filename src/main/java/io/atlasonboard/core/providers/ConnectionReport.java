package io.atlasonboard.core.providers;

import io.atlasonboard.core.Msg;

import java.time.Instant;
import java.util.Optional;

/**
 * Result of a connection test. GOOD carries the policy summary and remaining quota; BAD carries the failed step, a
 * diagnosis code and a sentence a person can act on. Never contains secrets. {@code diagnosis} is the English sentence
 * (CLI, logs, stored status); {@code msg}, when present, is the same sentence as a {@link Msg} for the UI, and
 * {@code policyMsg} the same for {@code policySummary}.
 */
public record ConnectionReport(Status status, String failedStep, String diagnosis, Diagnosis code,
        String policySummary, Long remainingQuota, Instant checkedAt, Msg msg, Msg policyMsg) {

    /** A report whose policy summary (if any) is English only. */
    public ConnectionReport(Status status, String failedStep, String diagnosis, Diagnosis code,
            String policySummary, Long remainingQuota, Instant checkedAt, Msg msg) {
        this(status, failedStep, diagnosis, code, policySummary, remainingQuota, checkedAt, msg, null);
    }

    /** A report without a {@link Msg} (one read back from a stored status): the UI shows the English text. */
    public ConnectionReport(Status status, String failedStep, String diagnosis, Diagnosis code,
            String policySummary, Long remainingQuota, Instant checkedAt) {
        this(status, failedStep, diagnosis, code, policySummary, remainingQuota, checkedAt, null, null);
    }

    /** The failed step as a {@link Msg} ("TLS handshake"), if it is a known step or the test as a whole. */
    public Optional<Msg> failedStepMsg() {
        if (failedStep == null) {
            return Optional.empty();
        }
        if (failedStep.equals(ConnectionTester.STEP_TEST)) {
            return Optional.of(Msg.of("core.providers.step.test"));
        }
        return ConnectionStep.ofLabel(failedStep).map(ConnectionStep::msg);
    }

    public enum Status { GOOD, BAD }

    public boolean good() {
        return status == Status.GOOD;
    }

    static ConnectionReport good(Msg policySummary, long quota, Instant at) {
        return new ConnectionReport(Status.GOOD, null, null, Diagnosis.OK, policySummary.english(), quota, at, null,
                policySummary);
    }

    /** A BAD report whose sentence has no {@link Msg} yet: the UI shows the English text. */
    static ConnectionReport bad(String step, Diagnosis code, String sentence, Instant at) {
        return new ConnectionReport(Status.BAD, step, sentence, code, null, null, at, null);
    }

    static ConnectionReport bad(String step, Diagnosis code, Msg sentence, Instant at) {
        return new ConnectionReport(Status.BAD, step, sentence.english(), code, null, null, at, sentence);
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
