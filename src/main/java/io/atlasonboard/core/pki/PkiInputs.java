package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Recognises anything pasted or opened in the certificate step. */
public final class PkiInputs {
    public static final String ACCEPTED = "Accepted: the X.509 certificate as PEM (-----BEGIN CERTIFICATE-----) or DER "
            + "(.cer, .crt, .der), or a PKCS#7 bundle (.p7b, .p7c; PEM or DER), with or without the chain.";
    public static final String CSR_EXPLANATION = "This is a certificate request (CSR), not the certificate; paste what "
            + "the portal returned after you submitted the request (it begins with -----BEGIN CERTIFICATE-----).";
    public static final String KEY_EXPLANATION = "This is a private key, not the certificate. It was not kept or "
            + "stored. Never send a private key to anyone; paste the certificate the portal returned "
            + "(-----BEGIN CERTIFICATE-----).";
    public static final String PKCS12_EXPLANATION = "This is a PKCS#12 keystore (.p12/.pfx), not a certificate; open it "
            + "in the keystore step with its password, or paste the certificate the portal returned.";

    private PkiInputs() {
    }

    public static ParsedInput parse(byte[] data) {
        if (data == null || data.length == 0) {
            return unrecognised(Msg.of("core.pki.input.empty", accepted()));
        }
        String text = new String(data, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ")) {
            return parsePem(text);
        }
        String compact = text.replaceAll("\\s+", "");
        if (!compact.isEmpty() && compact.matches("[A-Za-z0-9+/]+={0,2}")) {
            try {
                byte[] der = Base64.getDecoder().decode(compact);
                ParsedInput p = parseDer(der, "Base64 DER");
                if (p.kind() != ParsedInput.Kind.UNRECOGNISED) {
                    return p;
                }
            } catch (IllegalArgumentException ignored) {
                // not Base64 after all
            }
        }
        return parseDer(data, "DER");
    }

    private static ParsedInput parsePem(String text) {
        List<Object> objects;
        try {
            objects = Pem.readAll(text);
        } catch (InvalidInputException e) {
            return unrecognised(Msg.of("core.pki.input.pemUnreadable", InvalidInputException.part(e), accepted()));
        }
        List<X509Certificate> certs = new ArrayList<>();
        PKCS10CertificationRequest csr = null;
        boolean key = false;
        boolean pkcs7 = false;
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        try {
            for (Object o : objects) {
                if (o instanceof X509CertificateHolder h) {
                    certs.add(conv.getCertificate(h));
                } else if (o instanceof X509TrustedCertificateBlock t) {
                    certs.add(conv.getCertificate(t.getCertificateHolder()));
                } else if (o instanceof org.bouncycastle.asn1.cms.ContentInfo ci) {
                    pkcs7 = true;
                    for (X509CertificateHolder h : new CMSSignedData(ci).getCertificates().getMatches(null)) {
                        certs.add(conv.getCertificate(h));
                    }
                } else if (o instanceof PKCS10CertificationRequest r) {
                    csr = r;
                } else if (isKey(o)) {
                    key = true;
                }
            }
        } catch (Exception e) {
            return unrecognised(Msg.of("core.pki.input.pemBlock", e.getMessage(), accepted()));
        }
        if (!certs.isEmpty()) {
            boolean note = key;
            return certificates(certs, pkcs7 ? "PKCS#7 PEM" : "PEM", note);
        }
        if (csr != null) {
            return new ParsedInput(ParsedInput.Kind.CSR, List.of(), csr, "PEM", Msg.of("core.pki.input.csr"));
        }
        if (key) {
            return new ParsedInput(ParsedInput.Kind.PRIVATE_KEY, List.of(), null, "PEM", Msg.of("core.pki.input.key"));
        }
        return objects.isEmpty() ? unrecognised(Msg.of("core.pki.input.pemNone", accepted()))
                : unrecognised(Msg.of("core.pki.input.pemOther", describeTypes(objects), accepted()));
    }

    private static ParsedInput parseDer(byte[] der, String format) {
        ASN1Sequence seq;
        try {
            seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (Exception e) {
            return unrecognised(Msg.of("core.pki.input.notAsn1", accepted()));
        }
        // PKCS#12: SEQUENCE { INTEGER 3, ContentInfo(data), MacData? }
        try {
            if (seq.size() >= 2 && seq.getObjectAt(0) instanceof ASN1Integer v && v.hasValue(3)) {
                Pfx.getInstance(seq);
                return new ParsedInput(ParsedInput.Kind.PKCS12, List.of(), null, "DER", Msg.of("core.pki.input.pkcs12"));
            }
        } catch (Exception ignored) {
            // not PKCS#12
        }
        // PKCS#7: SEQUENCE { OID signedData, [0] ... }
        if (seq.size() == 2 && seq.getObjectAt(0) instanceof ASN1ObjectIdentifier oid
                && seq.getObjectAt(1) instanceof ASN1TaggedObject) {
            if (oid.equals(PKCSObjectIdentifiers.signedData)) {
                try {
                    List<X509Certificate> certs = new ArrayList<>();
                    JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
                    for (X509CertificateHolder h : new CMSSignedData(der).getCertificates().getMatches(null)) {
                        certs.add(conv.getCertificate(h));
                    }
                    if (certs.isEmpty()) {
                        return unrecognised(Msg.of("core.pki.input.p7Empty", accepted()));
                    }
                    return certificates(certs, format.equals("DER") ? "PKCS#7 DER" : "PKCS#7 " + format, false);
                } catch (Exception e) {
                    return unrecognised(Msg.of("core.pki.input.p7Unreadable", e.getMessage(), accepted()));
                }
            }
            return unrecognised(Msg.of("core.pki.input.cmsOther", oid.getId(), accepted()));
        }
        // Certificate or CSR: SEQUENCE { SEQUENCE tbs, AlgorithmIdentifier, BIT STRING }
        if (seq.size() == 3 && seq.getObjectAt(0) instanceof ASN1Sequence tbs) {
            boolean csrShape = tbs.size() == 4 && tbs.getObjectAt(0) instanceof ASN1Integer iv && iv.hasValue(0)
                    && tbs.getObjectAt(3) instanceof ASN1TaggedObject;
            if (csrShape) {
                try {
                    return new ParsedInput(ParsedInput.Kind.CSR, List.of(), new PKCS10CertificationRequest(der),
                            format, Msg.of("core.pki.input.csr"));
                } catch (Exception ignored) {
                    // fall through to certificate
                }
            }
            try {
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                X509Certificate c = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
                return certificates(List.of(c), format, false);
            } catch (Exception e) {
                return unrecognised(Msg.of("core.pki.input.signedUnreadable", e.getMessage(), accepted()));
            }
        }
        if (looksLikeKey(seq)) {
            return new ParsedInput(ParsedInput.Kind.PRIVATE_KEY, List.of(), null, format, Msg.of("core.pki.input.key"));
        }
        return unrecognised(Msg.of("core.pki.input.asn1Other", accepted()));
    }

    private static boolean looksLikeKey(ASN1Sequence seq) {
        try {
            if (seq.size() == 9 || seq.size() == 10) {
                RSAPrivateKey.getInstance(seq);
                return true;
            }
        } catch (Exception ignored) {
            // no
        }
        try {
            if (seq.size() >= 3 && seq.getObjectAt(0) instanceof ASN1Integer) {
                PrivateKeyInfo.getInstance(seq);
                return true;
            }
        } catch (Exception ignored) {
            // no
        }
        try {
            if (seq.size() == 2 && seq.getObjectAt(0) instanceof ASN1Sequence) {
                EncryptedPrivateKeyInfo.getInstance(seq);
                return true;
            }
        } catch (Exception ignored) {
            // no
        }
        return false;
    }

    static boolean isKey(Object o) {
        return o instanceof PEMKeyPair || o instanceof PrivateKeyInfo || o instanceof PKCS8EncryptedPrivateKeyInfo
                || o instanceof PEMEncryptedKeyPair;
    }

    private static ParsedInput certificates(List<X509Certificate> certs, String format, boolean keyIgnored) {
        List<X509Certificate> ordered = orderLeafFirst(certs);
        String key = ordered.size() == 1
                ? (keyIgnored ? "core.pki.input.certsOneKey" : "core.pki.input.certsOne")
                : (keyIgnored ? "core.pki.input.certsManyKey" : "core.pki.input.certsMany");
        Msg msg = Msg.of(key, ordered.size());
        return new ParsedInput(ParsedInput.Kind.CERTIFICATES, ordered, null, format, msg);
    }

    private static Msg accepted() {
        return Msg.of("core.pki.input.accepted");
    }

    private static ParsedInput unrecognised(Msg message) {
        return new ParsedInput(ParsedInput.Kind.UNRECOGNISED, List.of(), null, "", message);
    }

    /**
     * Leaf first, then issuer after issuer. The leaf is the certificate that issued none of the others (a non-CA one
     * if several qualify). Duplicates are dropped; certificates outside the chain go last in their original order.
     */
    public static List<X509Certificate> orderLeafFirst(Collection<X509Certificate> input) {
        List<X509Certificate> certs = new ArrayList<>(new LinkedHashSet<>(input));
        if (certs.size() <= 1) {
            return certs;
        }
        List<X509Certificate> candidates = new ArrayList<>();
        for (X509Certificate c : certs) {
            boolean issuesAnother = false;
            for (X509Certificate o : certs) {
                if (o != c && !selfIssued(o) && o.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
                    issuesAnother = true;
                    break;
                }
            }
            if (!issuesAnother) {
                candidates.add(c);
            }
        }
        X509Certificate leaf = candidates.stream().filter(c -> c.getBasicConstraints() < 0).findFirst()
                .orElse(candidates.isEmpty() ? certs.get(0) : candidates.get(0));
        List<X509Certificate> out = new ArrayList<>();
        Set<X509Certificate> used = new java.util.HashSet<>();
        X509Certificate cur = leaf;
        while (cur != null && used.add(cur)) {
            out.add(cur);
            if (selfIssued(cur)) {
                break;
            }
            X509Certificate next = null;
            for (X509Certificate o : certs) {
                if (!used.contains(o) && o.getSubjectX500Principal().equals(cur.getIssuerX500Principal())) {
                    next = o;
                    break;
                }
            }
            cur = next;
        }
        for (X509Certificate c : certs) {
            if (!used.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    /** "a certificate request, a private key" etc. for messages, in the reader's language. */
    static Msg describeTypes(List<Object> objects) {
        Set<Object> names = new LinkedHashSet<>();
        for (Object o : objects) {
            if (o instanceof X509CertificateHolder || o instanceof X509TrustedCertificateBlock) {
                names.add(Msg.of("core.pki.type.certificate"));
            } else if (o instanceof PKCS10CertificationRequest) {
                names.add(Msg.of("core.pki.type.csr"));
            } else if (isKey(o)) {
                names.add(Msg.of("core.pki.type.privateKey"));
            } else if (o instanceof org.bouncycastle.asn1.cms.ContentInfo) {
                names.add(Msg.of("core.pki.type.pkcs7"));
            } else if (o instanceof org.bouncycastle.asn1.x509.SubjectPublicKeyInfo) {
                names.add(Msg.of("core.pki.type.publicKey"));
            } else if (o instanceof org.bouncycastle.cert.X509CRLHolder) {
                names.add(Msg.of("core.pki.type.crl"));
            } else {
                names.add(Msg.of("core.pki.type.other", o.getClass().getSimpleName()));
            }
        }
        List<Object> list = new ArrayList<>(names);
        Object out = list.isEmpty() ? "" : list.get(list.size() - 1);
        for (int i = list.size() - 2; i >= 0; i--) {
            out = Msg.of("core.pki.type.list", list.get(i), out);
        }
        return out instanceof Msg m ? m : Msg.of("core.pki.type.other", "");
    }
}
