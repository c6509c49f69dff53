package io.atlasonboard.core.store;

/** {@link Store#create} refuses a passphrase below the minimum policy; the message says why (never the passphrase). */
public final class WeakPassphraseException extends StoreException {
    public WeakPassphraseException(String message) {
        super(message);
    }
}
