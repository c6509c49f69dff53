package io.atlasonboard.core;

/**
 * Implemented by exceptions and results whose text is a {@link Msg}: the UI renders {@link #msg()} in the user's
 * language, while {@code getMessage()} stays English for the command line and logs.
 */
public interface Localized {
    Msg msg();
}
