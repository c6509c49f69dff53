package io.atlasonboard.core.atlas;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test certificates made with Bouncy Castle: CAs, server and client leaves, PKCS#12 bytes. */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    public static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    /** EC P-256: fast to generate; used where the key type does not matter to the test. */
    public static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    public record Issued(X509Certificate cert, PrivateKey key) {
    }

    public static Issued ca(String cn, KeyPair kp) throws Exception {
        X500Name name = new X500Name("CN=" + cn + ",O=Atlas Onboard Tests");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), name, kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(sign(b, kp.getPrivate()), kp.getPrivate());
    }

    public static X509Certificate leaf(Issued issuer, PublicKey pub, String cn, Instant notBefore, Instant notAfter,
            boolean server, String... names) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer.cert(), serial(),
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + cn), pub);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
        if (names.length > 0) {
            List<GeneralName> gn = new ArrayList<>();
            for (String n : names) {
                gn.add(n.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, n)
                        : new GeneralName(GeneralName.dNSName, n));
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(gn.toArray(new GeneralName[0])));
        }
        return sign(b, issuer.key());
    }

    public static X509Certificate validLeaf(Issued issuer, PublicKey pub, String cn, boolean server, String... names)
            throws Exception {
        Instant now = Instant.now();
        return leaf(issuer, pub, cn, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), server, names);
    }

    public static byte[] pkcs12(PrivateKey key, char[] password, X509Certificate... chain) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key, password, chain);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        return out.toByteArray();
    }

    public static KeyStore keyStore(PrivateKey key, char[] password, X509Certificate... chain) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", key, password, chain);
        return ks;
    }

    /** The mTLS client certificate the simulator issues for {@code key} (a CSR for CN=svc), as GlobalSign would. */
    public static X509Certificate simulatorMtls(io.atlasonboard.sim.AtlasSimulator sim, String apiKey, KeyPair key,
            Duration validity) throws Exception {
        var csr = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(new X500Name("CN=svc"),
                key.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
        java.io.StringWriter w = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter pw = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(w)) {
            pw.writeObject(csr);
        }
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                new java.io.ByteArrayInputStream(sim.issueMtlsCertificate(apiKey, w.toString(), validity)
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    public static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(120);
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(
                key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA").build(key)));
    }
}
