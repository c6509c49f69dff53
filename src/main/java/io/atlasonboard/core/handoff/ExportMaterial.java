package io.atlasonboard.core.handoff;

import io.atlasonboard.core.Msg;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import io.atlasonboard.core.pki.Keys;
import io.atlasonboard.core.pki.Pem;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Contents;
import io.atlasonboard.core.pki.PkiException;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;

/**
 * What every export needs, taken from the store: the provider record, its API secret and keystore password (copies,
 * wiped on close), the keystore bytes and the key and chain inside it.
 */
final class ExportMaterial implements AutoCloseable {
    final ProviderRecord provider;
    final char[] apiSecret;
    final char[] keystorePassword;
    final byte[] keystore;
    final PrivateKey key;
    final List<X509Certificate> chain;

    private ExportMaterial(ProviderRecord provider, char[] apiSecret, char[] keystorePassword, byte[] keystore,
            PrivateKey key, List<X509Certificate> chain) {
        this.provider = provider;
        this.apiSecret = apiSecret;
        this.keystorePassword = keystorePassword;
        this.keystore = keystore;
        this.key = key;
        this.chain = chain;
    }

    static ExportMaterial of(ProviderRecord p, ProviderSecrets s) {
        if (s.apiSecret() == null || s.apiSecret().length == 0) {
            throw ExportException.of("core.handoff.material.noApiSecret", p.name());
        }
        byte[] ks = p.keystore();
        if (ks == null || ks.length == 0) {
            throw ExportException.of("core.handoff.material.noKeystore", p.name());
        }
        char[] ksPw = s.keystorePassword() == null ? new char[0] : s.keystorePassword().clone();
        Pkcs12Contents c;
        try {
            c = Pkcs12.read(ks, ksPw);
        } catch (PkiException | IllegalArgumentException e) {
            Arrays.fill(ksPw, '\0');
            throw new ExportException(Msg.of("core.handoff.material.keystoreDoesNotOpen", p.name(),
                    ExportException.part(e)), e);
        }
        return new ExportMaterial(p, s.apiSecret().clone(), ksPw, ks, c.key(), c.chain());
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    String chainPem() {
        return Pem.writeAll(chain);
    }

    /** True when {@code cert} is the provider's mTLS certificate and {@code k} its key. */
    boolean sameIdentity(X509Certificate cert, PrivateKey k) {
        try {
            return Arrays.equals(cert.getEncoded(), leaf().getEncoded())
                    && Keys.matches(Keys.publicKeyOf(k), leaf().getPublicKey());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    @Override
    public void close() {
        Arrays.fill(apiSecret, '\0');
        Arrays.fill(keystorePassword, '\0');
        Arrays.fill(keystore, (byte) 0);
    }
}
