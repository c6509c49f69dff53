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

    @Test
    void theFirstItemRunsAloneThenUpToTheBound() {
        BatchRunner r = new BatchRunner(4, Clock.systemUTC(), d -> Thread.sleep(1), 5, Duration.ofMillis(1),
                Duration.ofMillis(1));
        AtomicInteger now = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        AtomicInteger duringFirst = new AtomicInteger();
        AtomicBoolean firstDone = new AtomicBoolean();
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, String> res = r.run(items(40), (item, pace) -> {
            int in = now.incrementAndGet();
            max.accumulateAndGet(in, Math::max);
            order.add(item);
            try {
                if (item.equals("d0")) {
                    Thread.sleep(50); // the login and the listing of a real batch
                    duringFirst.set(now.get());
                    firstDone.set(true);
                } else {
                    assertThat(firstDone.get()).as(item + " started before the first item finished").isTrue();
                    Thread.sleep(3);
                }
                return "OK " + item;
            } finally {
                now.decrementAndGet();
            }
        }, OUT, new Sink(), null);
        assertThat(res.values()).allMatch(v -> v.startsWith("OK "));
        assertThat(order.get(0)).isEqualTo("d0");
        assertThat(duringFirst.get()).as("nothing else in flight during the first item").isEqualTo(1);
        assertThat(max.get()).isBetween(2, 4);
    }

    @Test
    void theServersRetryAfterSetsThePauseWhenLongerThanTheBackoff() {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> t = new java.util.concurrent.atomic
                .AtomicReference<>(java.time.Instant.parse("2026-12-02T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return t.get();
            }
        };
        List<Duration> slept = java.util.Collections.synchronizedList(new ArrayList<>());
        BatchRunner r = new BatchRunner(1, clock, d -> {
            slept.add(d);
            t.updateAndGet(i -> i.plus(d));
        }, 5, Duration.ofMillis(10), Duration.ofSeconds(1));
        AtomicBoolean limited = new AtomicBoolean();
        Map<String, String> res = r.run(items(6), (item, pace) -> {
            if (item.equals("d3") && limited.compareAndSet(false, true)) {
                throw new BatchRunner.RetryLater("HTTP 429", new io.atlasonboard.core.atlas.AtlasRetryLaterException(
                        "POST", "/claims/domains/d3", 429, Duration.ofSeconds(7), Duration.ofSeconds(2)));
            }
            return "OK " + item;
        }, OUT, new Sink(), null);
        assertThat(res.values()).allMatch(v -> v.startsWith("OK "));
        assertThat(r.requeues()).isEqualTo(1);
        // 7 s asked, more than the 10 ms backoff and the 1 s cap of our own backoff: the gate stays shut 7 s
        assertThat(slept.stream().map(Duration::toMillis).mapToLong(Long::longValue).sum()).isEqualTo(7000);
        assertThat(BatchRunner.askedWait(new BatchRunner.RetryLater("x", new RuntimeException("y")))).isNull();
    }
}
