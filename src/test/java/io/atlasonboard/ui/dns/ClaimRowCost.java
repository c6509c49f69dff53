package io.atlasonboard.ui.dns;

import io.atlasonboard.core.store.DomainClaimRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A probe for bench/README.md (not a test, not a table row): the FX-thread cost of the DNS table's rows, measured in a
 * fresh JVM, as the first batch of claims meets it: 200 rows made, then the per-second and the per-minute tick of
 * them, six rounds (the first is cold). Run: {@code java -cp target/test-classes:target/classes:CP
 * io.atlasonboard.ui.dns.ClaimRowCost [shown]} (CP: bench/run's test class path; {@code shown}: the rows made from
 * values worked out beforehand, {@link ClaimRow.Shown}, as the claim jobs hand them to the FX thread).
 */
public final class ClaimRowCost {
    private ClaimRowCost() {
    }

    public static void main(String[] args) {
        Instant now = Instant.now();
        String log = "[{\"status\":\"SUCCESS\",\"description\":\"verified\",\"timestamp\":" + now.getEpochSecond()
                + "},{\"status\":\"PENDING\",\"description\":\"created\",\"timestamp\":" + (now.getEpochSecond() - 60)
                + "}]";
        for (int round = 0; round < 6; round++) {
            List<DomainClaimRecord> recs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                recs.add(new DomainClaimRecord(1L, 1, "c" + round + "-" + i, "d" + i + ".example.com", "PENDING",
                        "tok" + i, now.plusSeconds(3 * 86_400), now.plusSeconds(30 * 86_400), now, now, log, null));
            }
            boolean fromShown = args.length > 0 && args[0].equals("shown");
            // "shown": the values worked out first (as the jobs do, off the FX thread), then only the rows timed
            List<ClaimRow.Shown> shown = fromShown ? recs.stream().map(r -> ClaimRow.Shown.of(r, now)).toList() : null;
            long t0 = System.nanoTime();
            List<ClaimRow> rows = new ArrayList<>();
            for (int i = 0; i < recs.size(); i++) {
                ClaimRow row = fromShown ? new ClaimRow(shown.get(i)) : new ClaimRow(recs.get(i));
                row.tick(now);
                rows.add(row);
            }
            long t1 = System.nanoTime();
            rows.forEach(r -> r.tick(now.plusSeconds(1)));
            long t2 = System.nanoTime();
            rows.forEach(r -> r.tick(now.plusSeconds(61)));
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d: 200 rows made %.1f ms, second tick %.1f ms, minute tick %.1f ms%n",
                    round, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
        }
    }
}
