package io.atlasonboard.core.tasks;

@FunctionalInterface
public interface BackgroundJob<T> {
    T run(ProgressSink progress) throws Exception;
}
