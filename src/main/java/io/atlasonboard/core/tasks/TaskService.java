package io.atlasonboard.core.tasks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place where network, disk and crypto work runs: a bounded pool of daemon workers. Callers get a {@link TaskHandle}; nothing here knows about any UI toolkit.
 */
public final class TaskService implements AutoCloseable {
    private final ExecutorService workers;

    public TaskService(int threads) {
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("atlas-worker"));
        ((ThreadPoolExecutor) workers).allowCoreThreadTimeOut(true);
    }

    public static TaskService createDefault() {
        return new TaskService(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public <T> TaskHandle<T> submit(String title, BackgroundJob<T> job) {
        TaskHandle<T> handle = new TaskHandle<>(title);
        ProgressSink sink = handle.sink();
        handle.attach(workers.submit(() -> {
            if (!handle.started(Thread.currentThread())) {
                handle.finished(new java.util.concurrent.CancellationException("cancelled before it started"));
                return;
            }
            Throwable failure = null;
            try {
                T value = job.run(sink);
                handle.result().complete(value);
            } catch (Throwable t) {
                failure = t;
                handle.result().completeExceptionally(t);
            } finally {
                Thread.interrupted(); // a pool thread goes on to other work
                handle.finished(failure);
            }
        }));
        return handle;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
