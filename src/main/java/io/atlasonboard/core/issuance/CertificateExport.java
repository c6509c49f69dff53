package io.atlasonboard.core.issuance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.core.store.CertificateRepository;
import io.atlasonboard.core.store.SecretChars;

/**
 * A certificate issued through a provider, exported: as PEM (the certificate, then its chain, issuing CA first, root
 * last) or as a Modern PKCS#12 keystore (the private key generated here and kept encrypted in the store, the
 * certificate and its chain). Returns the bytes; the caller writes the file (owner-only for a keystore).
 */
public final class CertificateExport {
    /** The shortest keystore password accepted for an exported PKCS#12. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private CertificateExport() {
    }

    /** The certificate followed by its chain as one PEM text. */
    public static String pem(CertificateRecord r) {
        requireIssued(r);
        StringBuilder sb = new StringBuilder(IssuedCertificate.withNewline(r.certificatePem()));
        if (r.chainPem() != null && !r.chainPem().isBlank()) {
            sb.append(IssuedCertificate.withNewline(r.chainPem()));
        }
        return sb.toString();
    }

    /** The certificate followed by its chain as one PEM text. */
    public static String pem(IssuedCertificate c) {
        return c.pemWithChain();
    }

    /** "" when {@code password} may protect an exported keystore, else the sentence saying why not. */
    public static String checkPassword(char[] password) {
        return password == null || password.length < MIN_PASSWORD_LENGTH ? passwordMsg().english() : "";
    }

    /** The sentence of {@link #checkPassword} as a message, for a reader in another language. */
    public static Msg passwordMsg() {
        return Msg.of("core.issuance.export.passwordShort", String.valueOf(MIN_PASSWORD_LENGTH));
    }

    /** True when a keystore can be exported: the private key of the certificate is kept in the store. */
    public static boolean canExportPkcs12(CertificateRecord r) {
        return r.hasPrivateKey() && r.certificatePem() != null;
    }

    /**
     * A PKCS#12 of a stored certificate with its stored private key, protected by {@code password} (not wiped).
     * Throws {@link InvalidInputException} when the key is not kept here (a CSR was supplied), the certificate is
     * still being issued, or the password is too short.
     */
    public static byte[] pkcs12(CertificateRecord r, CertificateRepository certificates, char[] password) {
        requireIssued(r);
        if (!r.hasPrivateKey()) {
            throw new InvalidInputException(Msg.of("core.issuance.export.keyNotKept", r.serial()));
        }
        requirePassword(password);
        char[] keyPem = Objects.requireNonNull(certificates, "certificates").privateKeyPem(r.id());
        if (keyPem == null) {
            throw new InvalidInputException(Msg.of("core.issuance.export.keyMissing", r.serial()));
        }
        try {
            PrivateKey key = EncryptedKeys.decrypt(new String(keyPem), new char[0]);
            return pkcs12(key, r.certificatePem(), r.chainPem(), password, friendlyName(r.commonName(), r.serial()));
        } finally {
            SecretChars.wipe(keyPem);
        }
    }

    /** A PKCS#12 of a just-issued certificate with the key generated for it (null key: a CSR was supplied). */
    public static byte[] pkcs12(IssuedCertificate c, char[] password) {
        if (c.pending()) {
            throw new InvalidInputException(Msg.of("core.issuance.export.pending", c.serial()));
        }
        if (c.privateKey() == null) {
            throw new InvalidInputException(Msg.of("core.issuance.export.keyNotKept", c.serial()));
        }
        requirePassword(password);
        String cn = c.record() == null ? null : c.record().commonName();
        return pkcs12(c.privateKey(), c.certificatePem(), String.join("", c.chainPems()), password,
                friendlyName(cn, c.serial()));
    }

    private static byte[] pkcs12(PrivateKey key, String certificatePem, String chainPem, char[] password,
            String friendlyName) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.addAll(certificates(certificatePem));
        if (chainPem != null && !chainPem.isBlank()) {
            chain.addAll(certificates(chainPem));
        }
        return Pkcs12.write(key, chain, password, friendlyName, Pkcs12Profile.MODERN);
    }

    /** A file name for the certificate without the extension: its common name (else serial), safe characters only. */
    public static String fileName(CertificateRecord r) {
        return (r.commonName() == null || r.commonName().isBlank() ? r.serial() : r.commonName())
                .replaceAll("[^A-Za-z0-9.@_-]", "_");
    }

    private static String friendlyName(String commonName, String serial) {
        return commonName == null || commonName.isBlank() ? serial : commonName;
    }

    private static void requireIssued(CertificateRecord r) {
        if (r.certificatePem() == null || r.certificatePem().isBlank()) {
            throw new InvalidInputException(Msg.of("core.issuance.export.pending", r.serial()));
        }
    }

    private static void requirePassword(char[] password) {
        if (!checkPassword(password).isEmpty()) {
            throw new InvalidInputException(passwordMsg());
        }
    }

    private static List<X509Certificate> certificates(String pem) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException e) {
            throw new InvalidInputException(Msg.of("core.issuance.export.unreadable"), e);
        }
    }
}
