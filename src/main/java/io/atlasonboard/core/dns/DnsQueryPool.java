package io.atlasonboard.core.dns;

import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/**
 * Many DNS queries in flight at once, at most {@code maxInFlight} of them: each one over UDP (dnsjava falls back to
 * TCP when the answer is truncated), with its own timeout; only a try that got no answer is retried. Failures
 * complete the future with a {@link DnsQueries.QueryFailure} whose message is the reason for a person.
 */
final class DnsQueryPool {

    private final int maxInFlight;
    private final Executor executor;
    private final BooleanSupplier cancelled;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    DnsQueryPool(int maxInFlight, Executor executor, BooleanSupplier cancelled) {
        this.maxInFlight = Math.max(1, maxInFlight);
        this.executor = executor;
        this.cancelled = cancelled == null ? () -> false : cancelled;
    }

    CompletableFuture<Message> query(InetSocketAddress server, Name name, int type, boolean recursionDesired,
                                     Duration timeout, int retries) {
        CompletableFuture<Message> result = new CompletableFuture<>();
        int attempts = Math.max(1, retries + 1);
        submit(() -> attempt(result, server, name, type, recursionDesired, timeout, 1, attempts));
        return result;
    }

    private void attempt(CompletableFuture<Message> result, InetSocketAddress server, Name name, int type,
                         boolean rd, Duration timeout, int attempt, int attempts) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            result.completeExceptionally(new DnsQueries.QueryFailure("cancelled"));
            done();
            return;
        }
        Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        if (!rd) {
            q.getHeader().unsetFlag(Flags.RD);
        }
        SimpleResolver r = new SimpleResolver(server);
        r.setTimeout(timeout);
        CompletableFuture<Message> sent;
        try {
            sent = r.sendAsync(q, executor).toCompletableFuture();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((m, ex) -> {
            if (ex == null) {
                result.complete(m);
                done();
                return;
            }
            Throwable cause = DnsQueries.unwrap(ex instanceof CompletionException && ex.getCause() != null
                    ? ex.getCause() : ex);
            String reason;
            boolean retry = false;
            if (DnsQueries.isRefused(cause)) {
                reason = "connection refused (nothing answers DNS at " + DnsQueries.hostPort(server) + ")";
            } else if (cause instanceof NoRouteToHostException) {
                reason = "no route to " + DnsQueries.hostPort(server);
            } else if (DnsQueries.isTimeout(cause)) {
                reason = "timeout: no answer within " + DnsQueries.millis(timeout) + " (" + attempts
                        + (attempts == 1 ? " try)" : " tries)");
                retry = true;
            } else {
                reason = "query failed: " + DnsQueries.describe(cause == null ? ex : cause);
                retry = true;
            }
            if (retry && attempt < attempts) {
                // keep the slot: the retry goes out at once, without queueing behind new questions
                executor.execute(() -> attempt(result, server, name, type, rd, timeout, attempt + 1, attempts));
            } else {
                result.completeExceptionally(new DnsQueries.QueryFailure(reason));
                done();
            }
        });
    }

    private void submit(Runnable start) {
        synchronized (this) {
            if (inFlight >= maxInFlight) {
                waiting.add(start);
                return;
            }
            inFlight++;
        }
        start.run();
    }

    private void done() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            executor.execute(next);
        }
    }
}
