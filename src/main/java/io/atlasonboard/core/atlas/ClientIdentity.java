package io.atlasonboard.core.atlas;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Objects;

/**
 * The mTLS client identity: a PKCS#12 keystore (as bytes, opened on demand so a wrong password is a diagnosis and
 * not a construction failure) or an already loaded {@link KeyStore}, plus its password. The password array is not
 * copied; the owner wipes it when done.
 */
public final class ClientIdentity {
    private final byte[] pkcs12;
    private final KeyStore loaded;
    private final char[] password;

    private ClientIdentity(byte[] pkcs12, KeyStore loaded, char[] password) {
        this.pkcs12 = pkcs12;
        this.loaded = loaded;
        this.password = password;
    }

    public static ClientIdentity pkcs12(byte[] bytes, char[] password) {
        return new ClientIdentity(Objects.requireNonNull(bytes).clone(), null, Objects.requireNonNull(password));
    }

    public static ClientIdentity of(KeyStore keyStore, char[] password) {
        return new ClientIdentity(null, Objects.requireNonNull(keyStore), Objects.requireNonNull(password));
    }

    public char[] password() {
        return password;
    }

    /**
     * Opens the keystore. Throws {@link KeystoreProblem} with a kind telling a wrong password apart from an unreadable
     * file or a keystore without a private key entry.
     */
    public KeyStore open() {
        KeyStore ks = loaded;
        if (ks == null) {
            try {
                ks = KeyStore.getInstance("PKCS12");
                ks.load(new ByteArrayInputStream(pkcs12), password);
            } catch (IOException e) {
                if (e.getCause() instanceof UnrecoverableKeyException
                        || String.valueOf(e.getMessage()).toLowerCase().contains("password")) {
                    throw new KeystoreProblem(KeystoreProblem.Kind.WRONG_PASSWORD,
                            "the keystore password is wrong (the PKCS#12 integrity check failed)", e);
                }
                throw new KeystoreProblem(KeystoreProblem.Kind.UNREADABLE,
                        "the keystore is not a readable PKCS#12 file: " + e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                throw new KeystoreProblem(KeystoreProblem.Kind.UNREADABLE,
                        "the keystore cannot be read: " + e.getMessage(), e);
            }
        }
        try {
            String alias = keyAlias(ks);
            if (alias == null) {
                throw new KeystoreProblem(KeystoreProblem.Kind.NO_PRIVATE_KEY,
                        "the keystore holds no private key with a certificate (a client identity needs both)", null);
            }
            try {
                if (ks.getKey(alias, password) == null) {
                    throw new KeystoreProblem(KeystoreProblem.Kind.NO_PRIVATE_KEY,
                            "the keystore entry '" + alias + "' has no private key", null);
                }
            } catch (UnrecoverableKeyException e) {
                throw new KeystoreProblem(KeystoreProblem.Kind.WRONG_PASSWORD,
                        "the private key in the keystore does not open with the keystore password", e);
            }
            return ks;
        } catch (GeneralSecurityException e) {
            throw new KeystoreProblem(KeystoreProblem.Kind.UNREADABLE, "the keystore cannot be read: " + e.getMessage(), e);
        }
    }

    /** The client certificate (first key entry's leaf). */
    public X509Certificate certificate() {
        KeyStore ks = open();
        try {
            Certificate c = ks.getCertificate(keyAlias(ks));
            return (X509Certificate) c;
        } catch (KeyStoreException e) {
            throw new KeystoreProblem(KeystoreProblem.Kind.UNREADABLE, "the keystore cannot be read", e);
        }
    }

    static String keyAlias(KeyStore ks) throws KeyStoreException {
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate) {
                return alias;
            }
        }
        return null;
    }

    /** Why a keystore did not open. */
    public static final class KeystoreProblem extends AtlasException {
        public enum Kind { WRONG_PASSWORD, UNREADABLE, NO_PRIVATE_KEY }

        private final Kind kind;

        public KeystoreProblem(Kind kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }
}
