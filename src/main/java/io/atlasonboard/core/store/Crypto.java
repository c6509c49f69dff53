package io.atlasonboard.core.store;

import javax.crypto.AEADBadTagException;

/** Seals and opens secret fields with the store's data key; AAD = table/column/row id. */
final class Crypto {
    private final SecretBox box;

    Crypto(SecretBox box) {
        this.box = box;
    }

    /** Encrypts a secret for one field, or returns null for a null/empty secret. The caller's array is untouched. */
    byte[] seal(String table, String column, long rowId, char[] secret) {
        if (secret == null || secret.length == 0) {
            return null;
        }
        byte[] plain = SecretChars.toUtf8(secret);
        try {
            return box.encrypt(plain, SecretBox.aad(table, column, rowId));
        } finally {
            SecretChars.wipe(plain);
        }
    }

    byte[] sealBytes(String table, String column, long rowId, byte[] plain) {
        if (plain == null) {
            return null;
        }
        return box.encrypt(plain, SecretBox.aad(table, column, rowId));
    }

    /** Decrypts into a new char[] (the caller wipes it), or null when nothing is stored. */
    char[] open(String table, String column, long rowId, byte[] blob) {
        if (blob == null) {
            return null;
        }
        byte[] plain = openBytes(table, column, rowId, blob);
        try {
            return SecretChars.fromUtf8(plain);
        } finally {
            SecretChars.wipe(plain);
        }
    }

    byte[] openBytes(String table, String column, long rowId, byte[] blob) {
        if (blob == null) {
            return null;
        }
        try {
            return box.decrypt(blob, SecretBox.aad(table, column, rowId));
        } catch (AEADBadTagException e) {
            throw new StoreException("The stored secret " + table + "." + column + " of record " + rowId
                    + " failed its integrity check (it was altered or belongs to another record).");
        }
    }
}
