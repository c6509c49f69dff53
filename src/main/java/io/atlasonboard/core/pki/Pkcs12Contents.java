package io.atlasonboard.core.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** The key entry of a PKCS#12 keystore: key, chain (leaf first) and its alias / friendly name. */
public record Pkcs12Contents(PrivateKey key, List<X509Certificate> chain, String alias) {
    public Pkcs12Contents {
        chain = List.copyOf(chain);
    }
}
