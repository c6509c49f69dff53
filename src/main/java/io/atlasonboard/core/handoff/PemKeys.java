package io.atlasonboard.core.handoff;

import io.atlasonboard.core.Msg;
import java.io.IOException;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.SecureRandom;

import org.bouncycastle.openssl.PEMEncryptor;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;

/**
 * Private keys in the PEM forms other tools read. Go's {@code x509.DecryptPEMBlock} (hvclient) reads only the
 * legacy OpenSSL form ("Proc-Type: 4,ENCRYPTED" with a DEK-Info header) or a plain key, not PKCS#8 PBES2.
 */
final class PemKeys {
    static final String LEGACY_CIPHER = "AES-256-CBC";
    /** Passed explicitly (never installed JVM-wide): the OpenSSL key derivation is a Bouncy Castle algorithm. */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private PemKeys() {
    }

    /** "RSA PRIVATE KEY" (PKCS#1) encrypted the legacy OpenSSL way with AES-256-CBC. */
    static String legacyEncrypted(PrivateKey key, char[] passphrase) {
        PEMEncryptor enc = new JcePEMEncryptorBuilder(LEGACY_CIPHER).setProvider(BC).setSecureRandom(new SecureRandom())
                .build(passphrase);
        try {
            return write(new JcaMiscPEMGenerator(key, enc));
        } catch (IOException e) {
            throw new ExportException(Msg.of("core.handoff.pem.encryptFailed", e.getMessage()), e);
        }
    }

    /** Unencrypted PKCS#8 "PRIVATE KEY". */
    static String plain(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null));
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new ExportException(Msg.of("core.handoff.pem.writeFailed", e.getMessage()), e);
        }
    }

    private static String write(Object generator) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject((org.bouncycastle.util.io.pem.PemObjectGenerator) generator);
        } catch (IOException e) {
            throw new ExportException(Msg.of("core.handoff.pem.writeFailed", e.getMessage()), e);
        }
        return sw.toString();
    }
}
