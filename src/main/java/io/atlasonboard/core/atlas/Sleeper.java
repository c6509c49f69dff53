package io.atlasonboard.core.atlas;

import java.time.Duration;

/** How the client waits between retries; tests inject one that records and returns at once. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** A real sleep that a cancel ({@link io.atlasonboard.core.tasks.Cancellation}) ends at once. */
    Sleeper REAL = io.atlasonboard.core.tasks.Cancellation::sleep;
}
