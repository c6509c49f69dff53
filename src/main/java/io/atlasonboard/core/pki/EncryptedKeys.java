package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;

import java.security.PrivateKey;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Private keys as PEM. Writing: PKCS#8 "ENCRYPTED PRIVATE KEY" with PBES2 (PBKDF2-HMAC-SHA256, {@link #ITERATIONS}
 * iterations, random 16-byte salt; AES-256-CBC). Reading: that, unencrypted PKCS#8 / PKCS#1, and legacy
 * OpenSSL-encrypted PKCS#1 ("Proc-Type: 4,ENCRYPTED").
 */
public final class EncryptedKeys {
    /**
     * PBKDF2-HMAC-SHA256 iteration count: 600 000, the OWASP 2023 recommendation for PBKDF2-HMAC-SHA256. Costs
     * about a few hundred milliseconds per encryption or decryption on this class of machine; done once per key.
     */
    public static final int ITERATIONS = 600_000;

    private EncryptedKeys() {
    }

    public static String encryptPkcs8(PrivateKey key, char[] password) {
        return encryptPkcs8(key, password, ITERATIONS);
    }

    /** As {@link #encryptPkcs8(PrivateKey, char[])} with an explicit iteration count (at least 10 000). */
    public static String encryptPkcs8(PrivateKey key, char[] password, int iterations) {
        if (password == null || password.length == 0) {
            throw new InvalidInputException(Msg.of("core.pki.key.emptyPassword"));
        }
        if (iterations < 10_000) {
            throw new InvalidInputException(Msg.of("core.pki.key.iterationsLow", iterations));
        }
        try {
            OutputEncryptor enc = new JceOpenSSLPKCS8EncryptorBuilder(org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                    .setPRF(org.bouncycastle.openssl.PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(iterations)
                    .setProvider(JdkPbkdf2.PROVIDER) // PBKDF2-HMAC-SHA256 by the JDK, the rest by BC
                    .setPassword(password)
                    .build();
            PemObject pem = new JcaPKCS8Generator(key, enc).generate();
            return Pem.write(pem);
        } catch (OperatorCreationException | org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new PkiException(Msg.of("core.pki.key.encryptFailed", e.getMessage()), e);
        }
    }

    /**
     * Reads the first private key in the PEM text. {@code password} may be null for unencrypted keys.
     *
     * @throws WrongPasswordException the key is encrypted and the password is missing or wrong
     * @throws InvalidInputException  the text holds no private key (says what it holds instead), or its key
     *                                derivation asks for more than {@link KdfLimits} allows (checked before any work)
     * @throws PkiException           the encryption is unsupported or the file is damaged (the message says which)
     */
    public static PrivateKey decrypt(String pem, char[] password) {
        List<Object> objects = Pem.readAll(pem);
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        for (Object o : objects) {
            try {
                if (o instanceof PrivateKeyInfo pki) {
                    return conv.getPrivateKey(pki);
                }
                if (o instanceof PEMKeyPair kp) {
                    return conv.getKeyPair(kp).getPrivate();
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                    requirePassword(password);
                    // the file's own cost is checked before any work (KdfLimits says which limit)
                    KdfLimits.check(enc.getEncryptionAlgorithm(), "this encrypted private key");
                    InputDecryptorProvider dp;
                    try {
                        dp = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(JdkPbkdf2.PROVIDER).build(password);
                    } catch (OperatorCreationException e) {
                        throw new PkiException(Msg.of("core.pki.key.decryptFailed", e.getMessage()), e);
                    }
                    PrivateKeyInfo info;
                    try {
                        info = enc.decryptPrivateKeyInfo(dp);
                    } catch (Exception e) {
                        throw decryptionFailure(e, enc.getEncryptionAlgorithm().getAlgorithm().getId());
                    }
                    try {
                        return conv.getPrivateKey(info);
                    } catch (Exception e) {
                        // decrypted, but not a key: with CBC padding a wrong password passes 1 time in 256
                        throw new WrongPasswordException(Msg.of("core.pki.key.wrongPasswordOrDamaged"), e);
                    }
                }
                if (o instanceof PEMEncryptedKeyPair enc) {
                    requirePassword(password);
                    try {
                        return conv.getKeyPair(enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password)))
                                .getPrivate();
                    } catch (Exception e) {
                        throw new WrongPasswordException(Msg.of("core.pki.key.wrongPasswordLegacy"), e);
                    }
                }
            } catch (PEMException e) {
                throw new InvalidInputException(Msg.of("core.pki.key.damaged", e.getMessage()), e);
            }
        }
        throw new InvalidInputException(objects.isEmpty() ? Msg.of("core.pki.key.notKeyNone")
                : Msg.of("core.pki.key.notKeyOther", PkiInputs.describeTypes(objects)));
    }

    /** True when the PEM text holds a private key that needs a password. */
    public static boolean isEncrypted(String pem) {
        return Pem.readAll(pem).stream()
                .anyMatch(o -> o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair);
    }

    /**
     * Tells why a PKCS#8 decryption failed: a bad padding / MAC is the wrong password; an unknown algorithm is an
     * unsupported encryption; anything else is a damaged file.
     */
    static PkiException decryptionFailure(Exception e, String algorithmOid) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof javax.crypto.BadPaddingException || t instanceof javax.crypto.AEADBadTagException
                    || m.contains("pad block") || m.contains("bad padding") || m.contains("mac check")
                    || m.contains("given final block not properly padded")) {
                return new WrongPasswordException(Msg.of("core.pki.key.wrongPassword"), e);
            }
            if (t instanceof java.security.NoSuchAlgorithmException || m.contains("not available")
                    || m.contains("unknown") || m.contains("not supported") || m.contains("unsupported")) {
                return new PkiException(Msg.of("core.pki.key.unsupported", String.valueOf(algorithmOid), t.getMessage()), e);
            }
        }
        return new PkiException(Msg.of("core.pki.key.damagedDecrypt",
                e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())), e);
    }

    private static void requirePassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new WrongPasswordException(Msg.of("core.pki.key.needsPassword"));
        }
    }
}
