package io.atlasonboard.core.store;

/** A record with this unique name already exists. */
public final class DuplicateNameException extends StoreException {
    public DuplicateNameException(String what, String name) {
        super("A " + what + " named \"" + name + "\" already exists. Choose another name.");
    }
}
