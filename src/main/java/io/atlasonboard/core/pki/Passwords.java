package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;

import java.security.SecureRandom;

/** Strong random passwords for keys and keystores. */
public final class Passwords {
    /** Letters and digits without look-alikes (0 O o 1 l I). */
    public static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    /** 24 characters from a 56-character alphabet: about 139 bits. */
    public static final int LENGTH = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    public static char[] generate() {
        return generate(LENGTH);
    }

    public static char[] generate(int length) {
        if (length < 12) {
            throw new InvalidInputException(Msg.of("core.pki.password.tooShort", length));
        }
        char[] pw = new char[length];
        for (int i = 0; i < length; i++) {
            pw[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return pw;
    }
}
