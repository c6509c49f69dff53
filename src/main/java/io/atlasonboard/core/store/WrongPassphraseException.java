package io.atlasonboard.core.store;

import io.atlasonboard.core.Msg;
/** The passphrase does not unlock the vault. Detected before the database is opened: no file was touched. */
public final class WrongPassphraseException extends StoreException {

    public WrongPassphraseException() {
        super(Msg.of("core.store.wrongPassphrase"), null);
    }
}
