package io.atlasonboard.cli;

/** An operation failed for a reason the user can act on; printed as "Error: message", exit status 1. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
