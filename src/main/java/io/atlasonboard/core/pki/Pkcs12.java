package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.engines.RC2Engine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEOutputEncryptorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/** PKCS#12 keystores written with Bouncy Castle, read and verified with the JDK's "PKCS12" KeyStore. */
public final class Pkcs12 {
    /** PBKDF2 / PKCS#12-KDF iteration count for the Modern profile (what Java 18+ writes; OpenSSL 3 uses 2048). */
    public static final int MODERN_ITERATIONS = 10_000;
    /** Iteration count for the Compatibility profile (OpenSSL 1.1's default). */
    public static final int COMPAT_ITERATIONS = 2048;

    private Pkcs12() {
    }

    /**
     * Writes key + chain (leaf first; re-ordered if needed) into a PKCS#12 with localKeyId (SHA-1 of the leaf
     * certificate) and friendlyName on the key and the leaf certificate.
     */
    public static byte[] write(PrivateKey key, List<X509Certificate> chain, char[] password, String friendlyName,
                               Pkcs12Profile profile) {
        if (chain == null || chain.isEmpty()) {
            throw new InvalidInputException(Msg.of("core.pki.p12.noCert"));
        }
        if (password == null || password.length == 0) {
            throw new InvalidInputException(Msg.of("core.pki.p12.emptyPassword"));
        }
        List<X509Certificate> ordered = PkiInputs.orderLeafFirst(chain);
        X509Certificate leaf = ordered.get(0);
        if (!Keys.matches(Keys.publicKeyOf(key), leaf.getPublicKey())) {
            throw new PkiException(Msg.of("core.pki.p12.keyMismatch", Keys.spkiSha256(Keys.publicKeyOf(key)),
                    Keys.spkiSha256(leaf.getPublicKey())));
        }
        String name = friendlyName == null || friendlyName.isBlank() ? "mtls" : friendlyName.strip();
        try {
            DEROctetString localKeyId = new DEROctetString(
                    java.security.MessageDigest.getInstance("SHA-1").digest(leaf.getEncoded()));
            OutputEncryptor keyEnc;
            OutputEncryptor certEnc;
            org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder mac;
            if (profile == Pkcs12Profile.MODERN) {
                AlgorithmIdentifier prf = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
                keyEnc = new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                        .setPRF(prf).setIterationCount(MODERN_ITERATIONS).setProvider(JdkPbkdf2.PROVIDER).build(password);
                certEnc = new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                        .setPRF(prf).setIterationCount(MODERN_ITERATIONS).setProvider(JdkPbkdf2.PROVIDER).build(password);
                mac = new BcPKCS12MacCalculatorBuilder(new SHA256Digest(),
                        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE))
                        .setIterationCount(MODERN_ITERATIONS);
            } else {
                keyEnc = new BcPKCS12PBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                        CBCBlockCipher.newInstance(new DESedeEngine())).setIterationCount(COMPAT_ITERATIONS).build(password);
                certEnc = new BcPKCS12PBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC2_CBC,
                        CBCBlockCipher.newInstance(new RC2Engine())).setIterationCount(COMPAT_ITERATIONS).build(password);
                mac = new BcPKCS12MacCalculatorBuilder(new SHA1Digest(),
                        new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE))
                        .setIterationCount(COMPAT_ITERATIONS);
            }
            List<PKCS12SafeBag> certBags = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                PKCS12SafeBagBuilder b = new JcaPKCS12SafeBagBuilder(ordered.get(i));
                if (i == 0) {
                    b.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(name));
                    b.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
                }
                certBags.add(b.build());
            }
            PKCS12SafeBagBuilder kb = new JcaPKCS12SafeBagBuilder(key, keyEnc);
            kb.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(name));
            kb.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(certEnc, certBags.toArray(new PKCS12SafeBag[0]));
            pfx.addData(kb.build());
            PKCS12PfxPdu pdu = pfx.build(mac, password);
            return pdu.getEncoded("DER");
        } catch (PkiException e) {
            throw e;
        } catch (Exception e) {
            throw new PkiException(Msg.of("core.pki.p12.writeFailed", e.getMessage()), e);
        }
    }

    /** Reads the first key entry with the JDK's PKCS12 KeyStore. */
    public static Pkcs12Contents read(byte[] data, char[] password) {
        KeyStore ks = load(data, password);
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    PrivateKey k;
                    try {
                        k = (PrivateKey) ks.getKey(alias, password);
                    } catch (UnrecoverableKeyException e) {
                        throw new WrongPasswordException(Msg.of("core.pki.p12.keyPassword"), e);
                    }
                    List<X509Certificate> chain = new ArrayList<>();
                    Certificate[] cc = ks.getCertificateChain(alias);
                    if (cc != null) {
                        for (Certificate c : cc) {
                            chain.add((X509Certificate) c);
                        }
                    }
                    return new Pkcs12Contents(k, chain, alias);
                }
            }
        } catch (PkiException e) {
            throw e;
        } catch (Exception e) {
            throw new PkiException(Msg.of("core.pki.p12.entriesFailed", e.getMessage()), e);
        }
        throw new PkiException(Msg.of("core.pki.p12.noKey"));
    }

    static KeyStore load(byte[] data, char[] password) {
        PKCS12PfxPdu pdu;
        try {
            pdu = new PKCS12PfxPdu(data);
        } catch (Exception e) {
            throw new InvalidInputException(Msg.of("core.pki.p12.notP12", e.getMessage()), e);
        }
        checkCost(pdu);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(data), password);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new WrongPasswordException(Msg.of("core.pki.p12.wrongPassword"), e);
            }
            throw new PkiException(Msg.of("core.pki.p12.unreadable", e.getMessage()), e);
        } catch (Exception e) {
            throw new PkiException(Msg.of("core.pki.p12.unreadable", e.getMessage()), e);
        }
    }

    /**
     * The keystore's own key-derivation cost (MAC iterations, encrypted bags, shrouded keys) is checked against
     * {@link KdfLimits} before the JDK derives anything.
     */
    private static void checkCost(PKCS12PfxPdu pdu) {
        String what = "this PKCS#12 keystore";
        try {
            org.bouncycastle.asn1.pkcs.MacData mac = org.bouncycastle.asn1.pkcs.Pfx.getInstance(pdu.getEncoded())
                    .getMacData();
            if (mac != null) {
                KdfLimits.iterations(mac.getIterationCount().longValue(), "MAC", what);
            }
            for (org.bouncycastle.asn1.pkcs.ContentInfo ci : pdu.getContentInfos()) {
                if (PKCSObjectIdentifiers.encryptedData.equals(ci.getContentType())) {
                    KdfLimits.check(org.bouncycastle.asn1.pkcs.EncryptedData.getInstance(ci.getContent())
                            .getEncryptionAlgorithm(), what);
                } else if (PKCSObjectIdentifiers.data.equals(ci.getContentType())) {
                    for (PKCS12SafeBag bag : new org.bouncycastle.pkcs.PKCS12SafeBagFactory(ci).getSafeBags()) {
                        if (bag.getBagValue() instanceof org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo k) {
                            KdfLimits.check(k.getEncryptionAlgorithm(), what);
                        }
                    }
                }
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidInputException(Msg.of("core.pki.p12.damaged", e.getMessage()), e);
        }
    }

    /**
     * Re-opens a written keystore with the JDK's KeyStore("PKCS12") and checks the key and the chain are what was
     * meant to be written. Throws {@link PkiException} saying what differs.
     */
    public static void verifyWritten(byte[] data, char[] password, PrivateKey key, List<X509Certificate> chain) {
        Pkcs12Contents c = read(data, password);
        if (!java.util.Arrays.equals(c.key().getEncoded(), key.getEncoded())) {
            throw new PkiException(Msg.of("core.pki.p12.verifyKey"));
        }
        List<X509Certificate> expected = PkiInputs.orderLeafFirst(chain);
        if (c.chain().isEmpty() || !c.chain().get(0).equals(expected.get(0))) {
            throw new PkiException(Msg.of("core.pki.p12.verifyCert"));
        }
        for (X509Certificate x : expected) {
            if (!c.chain().contains(x)) {
                throw new PkiException(Msg.of("core.pki.p12.verifyChain", x.getSubjectX500Principal().getName()));
            }
        }
        if (!Keys.matches(Keys.publicKeyOf(c.key()), c.chain().get(0).getPublicKey())) {
            throw new PkiException(Msg.of("core.pki.p12.verifyMatch"));
        }
    }

    /**
     * The equivalent openssl command, for display. Never contains passwords (openssl prompts for them).
     * {@code chainFile} may be null.
     */
    public static String opensslCommand(String certFile, String chainFile, String keyFile, String outFile,
                                        String friendlyName, Pkcs12Profile profile) {
        StringBuilder sb = new StringBuilder("openssl pkcs12 -export");
        sb.append(" -in ").append(quote(certFile));
        if (chainFile != null) {
            sb.append(" -certfile ").append(quote(chainFile));
        }
        sb.append(" -inkey ").append(quote(keyFile));
        if (friendlyName != null && !friendlyName.isBlank()) {
            sb.append(" -name ").append(quote(friendlyName.strip()));
        }
        if (profile == Pkcs12Profile.MODERN) {
            sb.append(" -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg SHA256 -iter ").append(MODERN_ITERATIONS);
        } else {
            sb.append(" -legacy");
        }
        sb.append(" -out ").append(quote(outFile));
        return sb.toString();
    }

    static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./:=@+-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
