package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;

import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** RSA keys and PKCS#10 requests. */
public final class Csrs {
    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private Csrs() {
    }

    /** New RSA key pair (2048 to 8192 bits; the GlobalSign profile uses {@link GlobalSignProfile#KEY_SIZE}). */
    public static KeyPair generateKey(int bits) {
        if (bits < 2048 || bits > 8192) {
            throw new InvalidInputException(Msg.of("core.pki.csr.keySize", bits));
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, new SecureRandom());
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new PkiException(Msg.of("core.pki.csr.noRsa"), e);
        }
    }

    /**
     * PKCS#10 request signed with sha256WithRSAEncryption; subject C, O, CN; SAN extension request with the request's
     * DNS names (none when the list is empty). The request is validated and normalised first
     * ({@link CsrRequest#normalized()}).
     */
    public static PKCS10CertificationRequest create(KeyPair keyPair, CsrRequest request) {
        CsrRequest r = request.normalized();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, r.country())
                .addRDN(BCStyle.O, r.organization())
                .addRDN(BCStyle.CN, r.commonName())
                .build();
        try {
            JcaPKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic());
            if (!r.dnsNames().isEmpty()) {
                GeneralName[] names = r.dnsNames().stream().map(n -> new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                ExtensionsGenerator eg = new ExtensionsGenerator();
                eg.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                Extensions ext = eg.generate();
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext);
            }
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keyPair.getPrivate());
            return b.build(signer);
        } catch (IOException | OperatorCreationException e) {
            throw new PkiException(Msg.of("core.pki.csr.createFailed", e.getMessage()), e);
        }
    }

    /** The public key inside a request (to check a returned certificate against the CSR without the key password). */
    public static java.security.PublicKey publicKeyOf(PKCS10CertificationRequest csr) {
        try {
            return new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(csr).getPublicKey();
        } catch (Exception e) {
            throw new InvalidInputException(Msg.of("core.pki.csr.publicKey", e.getMessage()), e);
        }
    }

    /** Reads a PEM or DER request; explains what it is instead if it is something else. */
    public static PKCS10CertificationRequest parse(byte[] data) {
        ParsedInput p = PkiInputs.parse(data);
        if (p.kind() != ParsedInput.Kind.CSR) {
            throw new InvalidInputException(p.kind() == ParsedInput.Kind.CERTIFICATES
                    ? Msg.of("core.pki.csr.isCertificate") : Msg.of("core.pki.csr.notCsr", p.msg()));
        }
        return p.csr();
    }

    /** The request as PEM ("CERTIFICATE REQUEST"). */
    public static String toPem(PKCS10CertificationRequest csr) {
        return Pem.write(csr);
    }
}
