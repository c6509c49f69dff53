package io.atlasonboard.core.pki;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** One Bouncy Castle JCA provider instance, passed explicitly (not installed globally). */
final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {
    }
}
