package io.atlasonboard.core.atlas;

import java.time.Duration;

/** How the client waits between retries; tests inject one that records and returns at once. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
