package io.atlasonboard.core.tasks;

/** Handed to a background job: report progress, and look at cancellation between steps. */
public interface ProgressSink {
    /** @param fraction 0..1, or negative for "indeterminate" */
    void update(double fraction, String message);

    boolean isCancelled();

    /** Throws {@link java.util.concurrent.CancellationException} once the user cancelled. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
    }

    ProgressSink NONE = new ProgressSink() {
        @Override
        public void update(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };
}
