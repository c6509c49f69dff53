package io.atlasonboard.core.handoff;

/** One file of an export bundle: its name in the folder, whether it holds a secret, and what it is. */
public record ExportedFile(String name, boolean secret, String description) {
}
