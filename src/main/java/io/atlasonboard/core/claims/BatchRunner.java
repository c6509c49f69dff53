package io.atlasonboard.core.claims;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.atlasonboard.core.atlas.AtlasRetryLaterException;
import io.atlasonboard.core.atlas.Sleeper;
import io.atlasonboard.core.tasks.ProgressSink;

/**
 * Runs one job per item with bounded concurrency and a backoff shared by all workers: when the server says "slow
 * down" (429/503, after the client's own bounded retries), the job throws {@link RetryLater}; the runner pauses every
 * worker before its next call (exponential, capped) and puts the item back at the end of the queue, so no item is
 * lost and the server is not flooded. When the server said how long to wait ({@code Retry-After}, carried by
 * {@link AtlasRetryLaterException}), the pause is at least that long. Each item ends with exactly one result.
 * Cancellation (through the {@link ProgressSink}) stops dispatching; items not started end with the cancel result.
 *
 * <p>The first item runs alone: it pays the login, the first TLS handshake and any once-per-batch lookup (the claim
 * listing), so the other workers start with the token cached and find what it looked up, instead of all of them
 * logging in and listing at once. From then on at most {@code concurrency} requests are in flight, each worker
 * reusing a kept-alive connection of the client's pool (java.net.http keeps idle HTTP/1.1 connections open).
 */
final class BatchRunner {

    /** Thrown by a job to be retried later with the shared backoff. */
    static final class RetryLater extends RuntimeException {
        RetryLater(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What a job may use: the shared gate (wait before each API call) and a cancellable sleep. */
    interface Pace {
        /** Waits while the shared backoff is in force. */
        void awaitGate();

        /** Sleeps (cancellable); false when cancelled. */
        boolean sleep(Duration d);

        boolean cancelled();

        Instant now();
    }

    interface Job<R> {
        R run(String item, Pace pace) throws Exception;
    }

    interface Outcomes<R> {
        /** Result for an item that kept being rate limited beyond the requeue bound. */
        R gaveUp(String item, String reason);

        /** Result for an item that failed with an unexpected exception. */
        R failed(String item, Exception e);

        /** Result for an item not started (or interrupted) because the run was cancelled. */
        R cancelled(String item);

        /** One-line description of the result for progress messages. */
        String describe(R result);
    }

    private final int concurrency;
    private final Clock clock;
    private final Sleeper sleeper;
    private final int maxRequeues;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    /** The longest server-asked wait honoured as it is; a longer Retry-After pauses this long, then tries again. */
    static final Duration MAX_HONOURED_RETRY_AFTER = Duration.ofMinutes(15);

    private final Object gateLock = new Object();
    private Instant pausedUntil = Instant.MIN;
    private int consecutiveSlowDowns;
    private final AtomicInteger requeues = new AtomicInteger();

    BatchRunner(int concurrency, Clock clock, Sleeper sleeper, int maxRequeues, Duration initialBackoff,
            Duration maxBackoff) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.concurrency = concurrency;
        this.clock = Objects.requireNonNull(clock);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.maxRequeues = maxRequeues;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** How many times items were put back because of a slow-down (for progress and tests). */
    int requeues() {
        return requeues.get();
    }

    <R> Map<String, R> run(List<String> items, Job<R> job, Outcomes<R> outcomes, ProgressSink sink,
            java.util.function.BiConsumer<String, R> onResult) {
        ProgressSink s = sink == null ? ProgressSink.NONE : sink;
        Map<String, R> results = new LinkedHashMap<>();
        items.forEach(i -> results.put(i, null));
        Deque<String> queue = new ArrayDeque<>(results.keySet());
        Map<String, Integer> attempts = new LinkedHashMap<>();
        int total = results.size();
        AtomicInteger done = new AtomicInteger();
        if (total == 0) {
            return results;
        }
        Pace pace = new Pace() {
            @Override
            public void awaitGate() {
                while (!s.isCancelled()) {
                    Instant until;
                    synchronized (gateLock) {
                        until = pausedUntil;
                    }
                    Instant now = clock.instant();
                    if (!now.isBefore(until)) {
                        return;
                    }
                    sleepChunked(Duration.between(now, until), s);
                }
            }

            @Override
            public boolean sleep(Duration d) {
                return sleepChunked(d, s);
            }

            @Override
            public boolean cancelled() {
                return s.isCancelled();
            }

            @Override
            public Instant now() {
                return clock.instant();
            }
        };
        int workers = Math.min(concurrency, total);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "domains-batch");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch finished = new CountDownLatch(workers);
        AtomicInteger inFlight = new AtomicInteger();
        boolean[] opened = {false}; // guarded by queue: the first item has finished (see the class comment)
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                try {
                    while (true) {
                        String item;
                        synchronized (queue) {
                            while ((queue.isEmpty() || !opened[0]) && inFlight.get() > 0 && !s.isCancelled()) {
                                // another worker may still put an item back, or the first item is still alone
                                try {
                                    queue.wait(100);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    return;
                                }
                            }
                            if (queue.isEmpty() || s.isCancelled()) {
                                queue.notifyAll();
                                return;
                            }
                            item = queue.pollFirst();
                            inFlight.incrementAndGet();
                        }
                        R result = null;
                        boolean requeue = false;
                        try {
                            pace.awaitGate();
                            if (s.isCancelled()) {
                                result = outcomes.cancelled(item);
                            } else {
                                result = job.run(item, pace);
                                slowDownOver();
                            }
                        } catch (RetryLater e) {
                            int n;
                            synchronized (attempts) {
                                n = attempts.merge(item, 1, Integer::sum);
                            }
                            if (n > maxRequeues) {
                                result = outcomes.gaveUp(item, e.getMessage() + " (gave up after " + n + " attempts)");
                            } else {
                                pauseAll(e);
                                requeue = true;
                                requeues.incrementAndGet();
                                s.update(done.get() / (double) total, item + ": " + e.getMessage()
                                        + "; backing off and trying again later");
                            }
                        } catch (Exception e) {
                            result = s.isCancelled() ? outcomes.cancelled(item) : outcomes.failed(item, e);
                        }
                        synchronized (queue) {
                            opened[0] = true;
                            if (requeue) {
                                queue.addLast(item);
                            } else {
                                synchronized (results) {
                                    results.put(item, result);
                                }
                            }
                            inFlight.decrementAndGet();
                            queue.notifyAll();
                        }
                        if (!requeue) {
                            int d = done.incrementAndGet();
                            if (onResult != null) {
                                onResult.accept(item, result);
                            }
                            s.update(d / (double) total, item + ": " + outcomes.describe(result) + " (" + d + " of "
                                    + total + " done)");
                        }
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        synchronized (results) {
            for (Map.Entry<String, R> e : results.entrySet()) {
                if (e.getValue() == null) {
                    R r = outcomes.cancelled(e.getKey());
                    e.setValue(r);
                    if (onResult != null) {
                        onResult.accept(e.getKey(), r);
                    }
                }
            }
        }
        return results;
    }

    private void pauseAll(RetryLater cause) {
        Duration asked = askedWait(cause);
        synchronized (gateLock) {
            consecutiveSlowDowns++;
            Duration d = initialBackoff.multipliedBy(1L << Math.min(consecutiveSlowDowns - 1, 16));
            if (d.compareTo(maxBackoff) > 0) {
                d = maxBackoff;
            }
            if (asked != null && asked.compareTo(d) > 0) {
                d = asked.compareTo(MAX_HONOURED_RETRY_AFTER) > 0 ? MAX_HONOURED_RETRY_AFTER : asked;
            }
            Instant until = clock.instant().plus(d);
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }
    }

    /** The wait the server asked for (its Retry-After), when the slow-down came with one; else null. */
    static Duration askedWait(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AtlasRetryLaterException r && r.asked() != null && !r.asked().isNegative()) {
                return r.asked();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private void slowDownOver() {
        synchronized (gateLock) {
            consecutiveSlowDowns = 0;
        }
    }

    /** Sleeps in chunks of at most 200 ms so that a cancel is noticed; false if cancelled. */
    private boolean sleepChunked(Duration d, ProgressSink s) {
        Duration left = d;
        while (!left.isNegative() && !left.isZero()) {
            if (s.isCancelled()) {
                return false;
            }
            Duration step = left.compareTo(Duration.ofMillis(200)) > 0 ? Duration.ofMillis(200) : left;
            try {
                sleeper.sleep(step);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            left = left.minus(step);
        }
        return !s.isCancelled();
    }
}
