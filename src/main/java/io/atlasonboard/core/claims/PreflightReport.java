package io.atlasonboard.core.claims;

import java.util.ArrayList;
import java.util.List;

/** Every finding of a preflight run, in order. */
public record PreflightReport(List<PreflightFinding> findings) {
    public PreflightReport {
        findings = List.copyOf(findings);
    }

    /** Whether anything blocks issuance. */
    public boolean blocking() {
        return findings.stream().anyMatch(f -> f.level() == PreflightFinding.Level.BLOCKING);
    }

    public List<PreflightFinding> of(String domain) {
        List<PreflightFinding> out = new ArrayList<>();
        for (PreflightFinding f : findings) {
            if (f.domain().equals(domain)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The CAA lines to add (one per blocking CAA finding with a fix). */
    public List<String> caaLinesToAdd() {
        List<String> out = new ArrayList<>();
        for (PreflightFinding f : findings) {
            if (f.check() == PreflightFinding.Check.CAA && f.fix() != null && !out.contains(f.fix())) {
                out.add(f.fix());
            }
        }
        return out;
    }

    /** One line per finding. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (PreflightFinding f : findings) {
            sb.append(f.describe()).append('\n');
        }
        return sb.toString();
    }
}
