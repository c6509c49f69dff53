package io.atlasonboard.core.tasks;

public record Progress(String title, double fraction, String message) {
}
