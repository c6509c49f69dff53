package io.atlasonboard.core.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Digests formatted as upper-case hex pairs separated by colons (what openssl -fingerprint prints). */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static String sha256(byte[] data) {
        try {
            return colonHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String colonHex(byte[] b) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(b);
    }

    /** Removes colons and spaces and lower-cases, to compare with other tools' output. */
    public static String plain(String fingerprint) {
        return fingerprint.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
