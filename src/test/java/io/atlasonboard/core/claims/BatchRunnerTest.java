package io.atlasonboard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.atlasonboard.core.tasks.ProgressSink;

/** The scheduler on its own: bounded concurrency, requeue with shared backoff, give-up bound, cancellation. */
class BatchRunnerTest {

    static final BatchRunner.Outcomes<String> OUT = new BatchRunner.Outcomes<>() {
        @Override
        public String gaveUp(String item, String reason) {
            return "GAVEUP " + reason;
        }

        @Override
        public String failed(String item, Exception e) {
            return "FAILED " + e.getMessage();
        }

        @Override
        public String cancelled(String item) {
            return "CANCELLED";
        }

        @Override
        public String describe(String r) {
            return r;
        }
    };

    static List<String> items(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add("d" + i);
        }
        return l;
    }

    static final class Sink implements ProgressSink {
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void update(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }
    }

    @Test
    void boundedConcurrencyAndEveryItemOnceDespiteSlowDowns() {
        BatchRunner r = new BatchRunner(4, Clock.systemUTC(), d -> Thread.sleep(Math.min(d.toMillis(), 5)), 50,
                Duration.ofMillis(1), Duration.ofMillis(4));
        AtomicInteger now = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
        AtomicInteger budget = new AtomicInteger(60); // 60 "429"s spread over the run
        Map<String, String> res = r.run(items(50), (item, pace) -> {
            int in = now.incrementAndGet();
            max.accumulateAndGet(in, Math::max);
            try {
                tries.computeIfAbsent(item, k -> new AtomicInteger()).incrementAndGet();
                Thread.sleep(2);
                if (budget.getAndDecrement() > 0) {
                    throw new BatchRunner.RetryLater("HTTP 429: Rate Limit Reached", null);
                }
                return "OK " + item;
            } finally {
                now.decrementAndGet();
            }
        }, OUT, new Sink(), null);
        assertThat(res).hasSize(50);
        res.forEach((k, v) -> assertThat(v).isEqualTo("OK " + k));
        assertThat(max.get()).isLessThanOrEqualTo(4).isGreaterThan(1);
        assertThat(r.requeues()).isEqualTo(60);
        assertThat(tries.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(110);
    }

    @Test
    void givesUpAfterTheBoundWithAReason() {
        BatchRunner r = new BatchRunner(2, Clock.systemUTC(), d -> { }, 3, Duration.ofMillis(1), Duration.ofMillis(1));
        Map<String, String> res = r.run(List.of("a", "b"), (item, pace) -> {
            if (item.equals("a")) {
                throw new BatchRunner.RetryLater("HTTP 503: Service busy", null);
            }
            throw new IllegalStateException("boom");
        }, OUT, new Sink(), null);
        assertThat(res.get("a")).startsWith("GAVEUP HTTP 503: Service busy").contains("after 4 attempts");
        assertThat(res.get("b")).isEqualTo("FAILED boom");
    }

    @Test
    void cancelStopsDispatchingAndEveryItemStillHasAResult() {
        Sink sink = new Sink();
        BatchRunner r = new BatchRunner(2, Clock.systemUTC(), d -> Thread.sleep(1), 5, Duration.ofMillis(1),
                Duration.ofMillis(1));
        AtomicInteger started = new AtomicInteger();
        Map<String, String> res = r.run(items(100), (item, pace) -> {
            if (started.incrementAndGet() == 10) {
                sink.cancelled.set(true);
            }
            return "OK";
        }, OUT, sink, null);
        assertThat(res).hasSize(100);
        long ok = res.values().stream().filter("OK"::equals).count();
        long cancelled = res.values().stream().filter("CANCELLED"::equals).count();
        assertThat(ok + cancelled).isEqualTo(100);
        assertThat(ok).isLessThanOrEqualTo(11);
        assertThat(cancelled).isGreaterThanOrEqualTo(89);
    }
}
