package io.atlasonboard.core.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per encryption and the field's identity as additional authenticated data,
 * so a ciphertext copied into another row or column does not decrypt. Blob layout: {@code 0x01 | nonce(12) | ct+tag}.
 */
final class SecretBox {
    static final byte FORMAT = 1;
    static final int NONCE_LEN = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private byte[] key;

    SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        this.key = key.clone();
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The AAD that names a field: table, column and row id. */
    static byte[] aad(String table, String column, long rowId) {
        return ("atlas-onboard/v1/" + table + "/" + column + "/" + rowId).getBytes(StandardCharsets.UTF_8);
    }

    synchronized byte[] encrypt(byte[] plain, byte[] aad) {
        ensureOpen();
        byte[] nonce = randomBytes(NONCE_LEN);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad);
            byte[] ct = c.doFinal(plain);
            byte[] out = new byte[1 + NONCE_LEN + ct.length];
            out[0] = FORMAT;
            System.arraycopy(nonce, 0, out, 1, NONCE_LEN);
            System.arraycopy(ct, 0, out, 1 + NONCE_LEN, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new StoreException("Encryption failed: " + e.getClass().getSimpleName());
        }
    }

    /** Throws {@link AEADBadTagException} when the key or AAD is wrong or the blob was altered. */
    synchronized byte[] decrypt(byte[] blob, byte[] aad) throws AEADBadTagException {
        ensureOpen();
        if (blob == null || blob.length < 1 + NONCE_LEN + TAG_BITS / 8 || blob[0] != FORMAT) {
            throw new AEADBadTagException("not a secret blob of a known format");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, blob, 1, NONCE_LEN));
            c.updateAAD(aad);
            return c.doFinal(blob, 1 + NONCE_LEN, blob.length - 1 - NONCE_LEN);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new StoreException("Decryption failed: " + e.getClass().getSimpleName());
        }
    }

    synchronized void destroy() {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
            key = null;
        }
    }

    private void ensureOpen() {
        if (key == null) {
            throw new IllegalStateException("The store is closed.");
        }
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM]";
    }
}
