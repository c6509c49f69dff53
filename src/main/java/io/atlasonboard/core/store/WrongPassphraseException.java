package io.atlasonboard.core.store;

/** The passphrase does not unlock the vault. Detected before the database is opened: no file was touched. */
public final class WrongPassphraseException extends StoreException {
    public static final String MESSAGE = "The passphrase is not correct. Nothing was changed.";

    public WrongPassphraseException() {
        super(MESSAGE);
    }
}
