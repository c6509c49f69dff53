package io.atlasonboard.core.pki;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** Readable summaries of PKI files. Never prints key material or passwords. */
public final class Inspector {
    private static final Map<ASN1ObjectIdentifier, String> ALG = Map.ofEntries(
            Map.entry(PKCSObjectIdentifiers.id_PBES2, "PBES2"),
            Map.entry(PKCSObjectIdentifiers.id_PBKDF2, "PBKDF2"),
            Map.entry(PKCSObjectIdentifiers.id_hmacWithSHA1, "HMAC-SHA1"),
            Map.entry(PKCSObjectIdentifiers.id_hmacWithSHA256, "HMAC-SHA256"),
            Map.entry(PKCSObjectIdentifiers.id_hmacWithSHA512, "HMAC-SHA512"),
            Map.entry(NISTObjectIdentifiers.id_aes128_CBC, "AES-128-CBC"),
            Map.entry(NISTObjectIdentifiers.id_aes256_CBC, "AES-256-CBC"),
            Map.entry(PKCSObjectIdentifiers.des_EDE3_CBC, "DES-EDE3-CBC"),
            Map.entry(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC, "pbeWithSHAAnd3-KeyTripleDES-CBC (3DES)"),
            Map.entry(PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC2_CBC, "pbeWithSHAAnd40BitRC2-CBC (RC2-40)"),
            Map.entry(PKCSObjectIdentifiers.pbeWithSHAAnd128BitRC2_CBC, "pbeWithSHAAnd128BitRC2-CBC"),
            Map.entry(OIWObjectIdentifiers.idSHA1, "SHA-1"),
            Map.entry(NISTObjectIdentifiers.id_sha256, "SHA-256"),
            Map.entry(NISTObjectIdentifiers.id_sha384, "SHA-384"),
            Map.entry(NISTObjectIdentifiers.id_sha512, "SHA-512"));

    private Inspector() {
    }

    public static String describe(byte[] data, char[] passwordOrNull) {
        ParsedInput p = PkiInputs.parse(data);
        return switch (p.kind()) {
            case CERTIFICATES -> describeCertificates(p);
            case CSR -> describeCsr(p.csr(), p.format());
            case PRIVATE_KEY -> describeKey(data, passwordOrNull);
            case PKCS12 -> describePkcs12(data, passwordOrNull);
            case UNRECOGNISED -> "Not recognised. " + p.message().replace(PkiInputs.ACCEPTED, "")
                    + "\nThis command reads: certificates (PEM, DER, PKCS#7), certificate requests (PEM, DER), "
                    + "private keys (PKCS#8, encrypted PKCS#8, PKCS#1, legacy OpenSSL-encrypted) and PKCS#12 keystores.";
        };
    }

    private static String describeCertificates(ParsedInput p) {
        StringBuilder sb = new StringBuilder();
        List<X509Certificate> certs = p.certificates();
        sb.append(certs.size() == 1 ? "Certificate" : certs.size() + " certificates (leaf first)")
                .append(" (").append(p.format()).append(")\n");
        for (int i = 0; i < certs.size(); i++) {
            sb.append(certs.size() > 1 ? "[" + (i + 1) + "] " + (i == 0 ? "leaf" : "chain") + "\n" : "");
            sb.append(CertificateSummary.of(certs.get(i)).toText("  "));
        }
        if (p.message().contains("private key")) {
            sb.append("Note: the file also contains a private key (not shown).\n");
        }
        return sb.toString();
    }

    private static String describeCsr(PKCS10CertificationRequest csr, String format) {
        StringBuilder sb = new StringBuilder("Certificate request (PKCS#10, " + format + ")\n");
        try {
            JcaPKCS10CertificationRequest j = new JcaPKCS10CertificationRequest(csr);
            PublicKey pub = j.getPublicKey();
            boolean ok = csr.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                    .build(pub));
            line(sb, "Subject", csr.getSubject().toString());
            line(sb, "Public key", Keys.describe(pub) + " bits");
            line(sb, "SPKI SHA-256", Keys.spkiSha256(pub));
            line(sb, "Signature", new org.bouncycastle.operator.DefaultAlgorithmNameFinder()
                    .getAlgorithmName(csr.getSignatureAlgorithm()) + (ok ? " (valid)" : " (INVALID)"));
            StringBuilder sans = new StringBuilder();
            for (org.bouncycastle.asn1.pkcs.Attribute a : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                Extensions ex = Extensions.getInstance(a.getAttrValues().getObjectAt(0));
                GeneralNames gn = GeneralNames.fromExtensions(ex, Extension.subjectAlternativeName);
                if (gn != null) {
                    for (GeneralName n : gn.getNames()) {
                        if (sans.length() > 0) {
                            sans.append(", ");
                        }
                        sans.append(n.getTagNo() == GeneralName.dNSName ? "DNS:" : "type" + n.getTagNo() + ":")
                                .append(n.getName());
                    }
                }
            }
            line(sb, "Subject alt. names", sans.length() == 0 ? "(none)" : sans.toString());
        } catch (Exception e) {
            line(sb, "Problem", "the request cannot be fully read: " + e.getMessage());
        }
        return sb.toString();
    }

    private static String describeKey(byte[] data, char[] password) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder();
        boolean pem = text.contains("-----BEGIN ");
        if (!pem) {
            return "Private key (DER). Convert it to PEM to inspect it further; key material is never printed.\n";
        }
        List<Object> objs = Pem.readAll(text);
        Object keyObj = objs.stream().filter(PkiInputs::isKey).findFirst().orElseThrow();
        if (keyObj instanceof PKCS8EncryptedPrivateKeyInfo enc) {
            sb.append("Private key, encrypted PKCS#8 (ENCRYPTED PRIVATE KEY)\n");
            String alg;
            try {
                alg = algorithm(enc.getEncryptionAlgorithm());
            } catch (RuntimeException e) { // found by the fuzz corpus: damaged PBES2 parameters
                throw new InvalidInputException("The encryption parameters of this encrypted private key are damaged ("
                        + e.getClass().getSimpleName() + ")", e);
            }
            line(sb, "Encryption", alg);
        } else if (keyObj instanceof PEMEncryptedKeyPair) {
            sb.append("Private key, legacy OpenSSL-encrypted PKCS#1 (Proc-Type: 4,ENCRYPTED); consider re-encrypting "
                    + "as PKCS#8 with PBES2\n");
        } else {
            sb.append("Private key, NOT encrypted (").append(keyObj instanceof org.bouncycastle.openssl.PEMKeyPair
                    ? "PKCS#1" : "PKCS#8").append("): anyone who can read this file can use the key\n");
        }
        boolean encrypted = keyObj instanceof PKCS8EncryptedPrivateKeyInfo || keyObj instanceof PEMEncryptedKeyPair;
        if (encrypted && (password == null || password.length == 0)) {
            line(sb, "Details", "give the password to see algorithm, size and fingerprint");
            return sb.toString();
        }
        PrivateKey k = EncryptedKeys.decrypt(text, password);
        line(sb, "Algorithm", Keys.describe(k) + " bits");
        try {
            line(sb, "SPKI SHA-256", Keys.spkiSha256(Keys.publicKeyOf(k)));
        } catch (PkiException e) {
            line(sb, "SPKI SHA-256", "(" + e.getMessage() + ")");
        }
        if (encrypted) {
            line(sb, "Password", "correct");
        }
        return sb.toString();
    }

    private static String describePkcs12(byte[] data, char[] password) {
        StringBuilder sb = new StringBuilder("PKCS#12 keystore\n");
        try {
            PKCS12PfxPdu pdu = new PKCS12PfxPdu(data);
            line(sb, "MAC", pdu.hasMac() ? algorithm(pdu.getMacAlgorithmID()) : "(none)");
            for (ContentInfo ci : pdu.getContentInfos()) {
                if (ci.getContentType().equals(PKCSObjectIdentifiers.encryptedData)) {
                    EncryptedData ed = EncryptedData.getInstance(ci.getContent());
                    line(sb, "Encrypted bags", algorithm(ed.getEncryptionAlgorithm()));
                } else if (ci.getContentType().equals(PKCSObjectIdentifiers.data)) {
                    ASN1Sequence bags = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(
                            org.bouncycastle.asn1.ASN1OctetString.getInstance(ci.getContent()).getOctets()));
                    for (int i = 0; i < bags.size(); i++) {
                        SafeBag bag = SafeBag.getInstance(bags.getObjectAt(i));
                        if (bag.getBagId().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
                            org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo epki =
                                    org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo.getInstance(bag.getBagValue());
                            line(sb, "Key bag", algorithm(epki.getEncryptionAlgorithm()));
                        } else if (bag.getBagId().equals(PKCSObjectIdentifiers.keyBag)) {
                            line(sb, "Key bag", "NOT encrypted");
                        }
                    }
                }
            }
        } catch (Exception e) {
            line(sb, "Structure", "cannot be read: " + e.getMessage());
        }
        if (password == null || password.length == 0) {
            line(sb, "Contents", "give the password to see the key and certificates");
            return sb.toString();
        }
        Pkcs12Contents c = Pkcs12.read(data, password);
        line(sb, "Alias", c.alias());
        line(sb, "Private key", Keys.describe(c.key()) + " bits");
        try {
            PublicKey pub = Keys.publicKeyOf(c.key());
            line(sb, "Key SPKI SHA-256", Keys.spkiSha256(pub));
            if (!c.chain().isEmpty()) {
                line(sb, "Key matches cert", Keys.matches(pub, c.chain().get(0).getPublicKey()) ? "yes" : "NO");
            }
        } catch (PkiException e) {
            line(sb, "Key SPKI SHA-256", "(" + e.getMessage() + ")");
        }
        for (int i = 0; i < c.chain().size(); i++) {
            sb.append("  [").append(i + 1).append("] ").append(i == 0 ? "certificate" : "chain").append('\n');
            sb.append(CertificateSummary.of(c.chain().get(i)).toText("    "));
        }
        return sb.toString();
    }

    /** Human name of an encryption / MAC algorithm, with PBES2 parameters spelled out. */
    static String algorithm(AlgorithmIdentifier id) {
        ASN1ObjectIdentifier oid = id.getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.id_PBES2)) {
            PBES2Parameters p = PBES2Parameters.getInstance(id.getParameters());
            KeyDerivationFunc kdf = p.getKeyDerivationFunc();
            EncryptionScheme es = p.getEncryptionScheme();
            String kdfText = name(kdf.getAlgorithm());
            if (kdf.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
                PBKDF2Params pp = PBKDF2Params.getInstance(kdf.getParameters());
                kdfText += "-" + name(pp.getPrf().getAlgorithm()) + ", " + pp.getIterationCount() + " iterations";
            }
            return "PBES2 (" + kdfText + "; " + name(es.getAlgorithm()) + ")";
        }
        if (oid.getId().startsWith("1.2.840.113549.1.12.1.")) {
            try {
                org.bouncycastle.asn1.pkcs.PKCS12PBEParams pp =
                        org.bouncycastle.asn1.pkcs.PKCS12PBEParams.getInstance(id.getParameters());
                return name(oid) + ", " + pp.getIterations() + " iterations";
            } catch (Exception e) {
                return name(oid);
            }
        }
        return name(oid);
    }

    private static String name(ASN1ObjectIdentifier oid) {
        return ALG.getOrDefault(oid, oid.getId());
    }

    private static void line(StringBuilder sb, String k, String v) {
        sb.append(String.format("  %-20s %s%n", k + ":", v));
    }

}
