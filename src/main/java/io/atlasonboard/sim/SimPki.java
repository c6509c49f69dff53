package io.atlasonboard.sim;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/** The simulator's certificate authorities and certificate building (Bouncy Castle, JDK providers). */
final class SimPki {
    static final SecureRandom RANDOM = new SecureRandom();

    /** A CA: certificate and private key. */
    record Ca(X509Certificate cert, PrivateKey key) {
    }

    private SimPki() {
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecP256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sigAlg(PrivateKey key, String hash) {
        String h = hash == null ? "SHA256" : hash.replace("-", "");
        return h + (key.getAlgorithm().equals("EC") ? "withECDSA" : "withRSA");
    }

    /** 16 random bytes with first byte 01, as the live service's serials look. */
    static BigInteger newSerial() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[0] = 0x01;
        return new BigInteger(1, b);
    }

    static String serialHex(BigInteger serial) {
        return String.format("%032X", serial);
    }

    static Ca selfSignedCa(String dn, KeyPair kp, Instant notBefore, Duration validity) {
        try {
            X500Name name = new X500Name(dn);
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, newSerial(), Date.from(notBefore),
                    Date.from(notBefore.plus(validity)), name, SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(kp.getPublic()));
            return new Ca(sign(b, kp.getPrivate(), null), kp.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Ca intermediateCa(Ca parent, String dn, KeyPair kp, Instant notBefore, Duration validity) {
        try {
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(
                    X500Name.getInstance(parent.cert().getSubjectX500Principal().getEncoded()), newSerial(),
                    Date.from(notBefore), Date.from(notBefore.plus(validity)), new X500Name(dn),
                    SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(kp.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(parent.cert()));
            return new Ca(sign(b, parent.key(), null), kp.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An end-entity certificate. {@code keyUsage} 0 = no extension; {@code ekus} empty = no extension. */
    static X509Certificate endEntity(Ca issuer, BigInteger serial, X500Name subject, SubjectPublicKeyInfo spki,
            Instant notBefore, Instant notAfter, GeneralNames sans, boolean sanCritical, int keyUsage,
            List<String> ekus, boolean ekuCritical, String hash) {
        try {
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(
                    X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded()), serial,
                    Date.from(notBefore), Date.from(notAfter), subject, spki);
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (keyUsage != 0) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (!ekus.isEmpty()) {
                KeyPurposeId[] ids = ekus.stream().map(o -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(o)))
                        .toArray(KeyPurposeId[]::new);
                b.addExtension(Extension.extendedKeyUsage, ekuCritical, new ExtendedKeyUsage(ids));
            }
            if (sans != null && sans.getNames().length > 0) {
                b.addExtension(Extension.subjectAlternativeName, sanCritical, sans);
            }
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(spki));
            b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuer.cert()));
            return sign(b, issuer.key(), hash);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new certificate for another key with the old one's subject and extensions (subject and authority key
     * identifiers made anew), from {@code notBefore} to the old certificate's end: a rekey.
     */
    static X509Certificate rekey(Ca issuer, BigInteger serial, X509Certificate old, SubjectPublicKeyInfo spki,
            Instant notBefore, String hash) {
        try {
            org.bouncycastle.cert.jcajce.JcaX509CertificateHolder h =
                    new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(old);
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(
                    X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded()), serial,
                    Date.from(notBefore), old.getNotAfter(), h.getSubject(), spki);
            for (Object o : h.getExtensionOIDs()) {
                ASN1ObjectIdentifier oid = (ASN1ObjectIdentifier) o;
                if (!oid.equals(Extension.subjectKeyIdentifier) && !oid.equals(Extension.authorityKeyIdentifier)) {
                    b.copyAndAddExtension(oid, h.getExtension(oid).isCritical(), h);
                }
            }
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(spki));
            b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuer.cert()));
            return sign(b, issuer.key(), hash);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key, String hash) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(sigAlg(key, hash)).build(key);
            X509CertificateHolder h = b.build(signer);
            return new JcaX509CertificateConverter().getCertificate(h);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** TLS server certificate for 127.0.0.1 and localhost. */
    static X509Certificate serverCert(Ca ca, PublicKey key, Instant notBefore, Duration validity) {
        GeneralNames sans = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});
        return endEntity(ca, newSerial(), new X500Name("CN=localhost,O=Atlas Onboard Sandbox (not a real CA)"),
                SubjectPublicKeyInfo.getInstance(key.getEncoded()), notBefore, notBefore.plus(validity), sans, false,
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment, List.of(KeyPurposeId.id_kp_serverAuth.getId()),
                false, null);
    }

    /** Parses a PEM CSR and verifies its self-signature; IllegalArgumentException with a reason otherwise. */
    static PKCS10CertificationRequest parseCsr(String pem) {
        Object o;
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            o = p.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a PEM certificate request: " + e.getMessage());
        }
        if (!(o instanceof PKCS10CertificationRequest csr)) {
            throw new IllegalArgumentException("not a PEM certificate request (BEGIN CERTIFICATE REQUEST)");
        }
        try {
            PublicKey key = publicKey(csr.getSubjectPublicKeyInfo());
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new IllegalArgumentException("certificate request signature does not verify");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw new IllegalArgumentException("certificate request signature cannot be verified: " + e.getMessage());
        }
        return csr;
    }

    /** JDK public key for an SPKI (RSA or EC); IllegalArgumentException for other algorithms. */
    static PublicKey publicKey(SubjectPublicKeyInfo spki) {
        String oid = spki.getAlgorithm().getAlgorithm().getId();
        String alg = switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.10045.2.1" -> "EC";
            default -> throw new IllegalArgumentException("unsupported key algorithm " + oid);
        };
        try {
            return java.security.KeyFactory.getInstance(alg)
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(spki.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("unreadable public key: " + e.getMessage());
        }
    }

    static String pem(Object o) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }
}
