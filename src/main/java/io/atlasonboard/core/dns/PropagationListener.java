package io.atlasonboard.core.dns;

/**
 * Told about each name of a batch as soon as all its servers have answered (or failed), in completion order, on a
 * DNS worker thread: a UI hands the call over to its own thread and updates that row.
 */
@FunctionalInterface
public interface PropagationListener {

    PropagationListener NONE = (index, report) -> { };

    /**
     * @param index  the position of the name in the list given to the check
     * @param report what the servers said about it
     */
    void reported(int index, PropagationReport report);
}
