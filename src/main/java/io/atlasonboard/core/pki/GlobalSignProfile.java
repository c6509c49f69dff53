package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;

/** Fixed parameters of the GlobalSign Atlas mTLS CSR. */
public final class GlobalSignProfile {
    /** RSA modulus size in bits; the only size GlobalSign accepts for the mTLS CSR. */
    public static final int KEY_SIZE = 2048;

    public static final String REASON = "GlobalSign Atlas accepts only RSA 2048-bit keys for the mTLS (API client) "
            + "certificate request; other sizes or EC keys are rejected by the portal, so the key size is fixed at 2048.";

    /** {@link #REASON} as a message for the UI. */
    public static Msg reason() {
        return Msg.of("core.pki.profile.reason");
    }

    private GlobalSignProfile() {
    }

    /** @throws InvalidInputException if {@code bits} is not {@link #KEY_SIZE}, with {@link #REASON}. */
    public static void checkKeySize(int bits) {
        if (bits != KEY_SIZE) {
            throw new InvalidInputException(Msg.of("core.pki.profile.keySize", bits, KEY_SIZE, reason()));
        }
    }
}
