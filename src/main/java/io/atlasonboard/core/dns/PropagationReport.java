package io.atlasonboard.core.dns;

import io.atlasonboard.core.Msg;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one propagation check.
 *
 * @param domain        the name asked about (absolute, trailing dot)
 * @param expectedValue the TXT value looked for
 * @param checkedName   where the TXT record is looked for: the domain, or the end of its CNAME chain
 * @param cnameChain    the CNAME hops followed from the domain ("a. -> b."), empty when none
 * @param zone          the zone holding {@code checkedName}, or null when it could not be found
 * @param problems      problems that are not tied to one server (zone not found, NS host without address, ...)
 * @param results       one entry per server asked
 * @param checkedAt     when the check finished
 * @param problemMsgs   the same problems as {@link Msg}s for the UI (empty where they are English only)
 */
public record PropagationReport(String domain, String expectedValue, String checkedName, List<String> cnameChain,
                                String zone, List<String> problems, List<ServerResult> results, Instant checkedAt,
                                List<Msg> problemMsgs) {

    public PropagationReport {
        cnameChain = List.copyOf(cnameChain);
        problems = List.copyOf(problems);
        results = List.copyOf(results);
        problemMsgs = problemMsgs == null ? List.of() : List.copyOf(problemMsgs);
    }

    /** A report whose problems are English only. */
    public PropagationReport(String domain, String expectedValue, String checkedName, List<String> cnameChain,
                             String zone, List<String> problems, List<ServerResult> results, Instant checkedAt) {
        this(domain, expectedValue, checkedName, cnameChain, zone, problems, results, checkedAt, List.of());
    }

    /** Number of servers that see the expected value. */
    public int seen() {
        return (int) results.stream().filter(ServerResult::sees).count();
    }

    public int total() {
        return results.size();
    }

    /** True when there was at least one server and every one sees the value. */
    public boolean allSee() {
        return total() > 0 && seen() == total();
    }

    public boolean followedCname() {
        return !cnameChain.isEmpty();
    }

    /** e.g. {@code 1 of 2 servers see the record}. */
    public String summary() {
        return seen() + " of " + total() + (total() == 1 ? " server sees" : " servers see") + " the record";
    }

    /** A multi-line text report (what the CLI prints). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("TXT ").append(domain);
        if (followedCname()) {
            sb.append(" is a CNAME; following ");
            sb.append(String.join(", ", cnameChain));
            sb.append(": checking TXT at ").append(checkedName);
        }
        sb.append('\n');
        if (zone != null) {
            sb.append("zone ").append(zone).append('\n');
        }
        for (String p : problems) {
            sb.append("problem: ").append(p).append('\n');
        }
        for (ServerResult r : results) {
            sb.append("  ").append(r.describe()).append('\n');
        }
        sb.append(seen()).append('/').append(total()).append(": ").append(summary()).append('\n');
        return sb.toString();
    }
}
