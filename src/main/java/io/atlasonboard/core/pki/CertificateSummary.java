package io.atlasonboard.core.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

/** What an admin wants to see about a certificate. All text, nothing secret. */
public record CertificateSummary(String subject, String issuer, String serialHex, Instant notBefore, Instant notAfter,
                                 String sha256Fingerprint, String spkiSha256, String keyAlgorithm, int keySize,
                                 List<String> keyUsage, List<String> extendedKeyUsage, List<String> subjectAltNames,
                                 boolean selfIssued) {

    private static final String[] KU_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private static final Map<String, String> EKU_NAMES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth (TLS server)",
            "1.3.6.1.5.5.7.3.2", "clientAuth (TLS client)",
            "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.4", "emailProtection (S/MIME)",
            "1.3.6.1.5.5.7.3.8", "timeStamping",
            "1.3.6.1.5.5.7.3.9", "OCSPSigning",
            "2.5.29.37.0", "anyExtendedKeyUsage",
            "1.3.6.1.4.1.311.20.2.2", "smartcardLogon",
            "1.3.6.1.4.1.311.10.3.12", "documentSigning (Microsoft)");

    public static final String CLIENT_AUTH_OID = "1.3.6.1.5.5.7.3.2";

    public static CertificateSummary of(X509Certificate c) {
        List<String> ku = new ArrayList<>();
        boolean[] bits = c.getKeyUsage();
        if (bits != null) {
            for (int i = 0; i < bits.length && i < KU_NAMES.length; i++) {
                if (bits[i]) {
                    ku.add(KU_NAMES[i]);
                }
            }
        }
        List<String> eku = new ArrayList<>();
        try {
            List<String> oids = c.getExtendedKeyUsage();
            if (oids != null) {
                for (String oid : oids) {
                    eku.add(EKU_NAMES.getOrDefault(oid, oid));
                }
            }
        } catch (CertificateParsingException e) {
            eku.add("(unreadable extended key usage extension)");
        }
        List<String> sans = new ArrayList<>();
        try {
            Collection<List<?>> alt = c.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> e : alt) {
                    sans.add(sanType((Integer) e.get(0)) + ":" + e.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            sans.add("(unreadable subject alternative name extension)");
        }
        byte[] der;
        try {
            der = c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new PkiException("Certificate cannot be encoded: " + e.getMessage(), e);
        }
        return new CertificateSummary(
                c.getSubjectX500Principal().getName(X500Principal.RFC2253),
                c.getIssuerX500Principal().getName(X500Principal.RFC2253),
                c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT),
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                Fingerprints.sha256(der), Keys.spkiSha256(c.getPublicKey()),
                c.getPublicKey().getAlgorithm(), Keys.size(c.getPublicKey()),
                List.copyOf(ku), List.copyOf(eku), List.copyOf(sans),
                c.getSubjectX500Principal().equals(c.getIssuerX500Principal()));
    }

    private static String sanType(int t) {
        return switch (t) {
            case 1 -> "email";
            case 2 -> "DNS";
            case 4 -> "DirName";
            case 6 -> "URI";
            case 7 -> "IP";
            default -> "type" + t;
        };
    }

    /** Multi-line, indented text for the CLI and "copy details". */
    public String toText(String indent) {
        StringBuilder sb = new StringBuilder();
        line(sb, indent, "Subject", subject);
        line(sb, indent, "Issuer", issuer + (selfIssued ? " (self-issued)" : ""));
        line(sb, indent, "Serial", serialHex);
        line(sb, indent, "Valid from", notBefore.toString());
        line(sb, indent, "Valid until", notAfter.toString());
        line(sb, indent, "SHA-256 fingerprint", sha256Fingerprint);
        line(sb, indent, "Public key", keyAlgorithm + (keySize > 0 ? " " + keySize + " bits" : ""));
        line(sb, indent, "SPKI SHA-256", spkiSha256);
        line(sb, indent, "Key usage", keyUsage.isEmpty() ? "(none)" : String.join(", ", keyUsage));
        line(sb, indent, "Extended key usage", extendedKeyUsage.isEmpty() ? "(none)" : String.join(", ", extendedKeyUsage));
        line(sb, indent, "Subject alt. names", subjectAltNames.isEmpty() ? "(none)" : String.join(", ", subjectAltNames));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String indent, String k, String v) {
        sb.append(indent).append(String.format("%-20s %s%n", k + ":", v));
    }
}
