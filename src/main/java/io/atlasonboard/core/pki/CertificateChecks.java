package io.atlasonboard.core.pki;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a returned mTLS certificate against the key of the request. */
public final class CertificateChecks {
    public static final String KEY_MISMATCH = "KEY_MISMATCH";
    public static final String EXPIRED = "EXPIRED";
    public static final String NOT_YET_VALID = "NOT_YET_VALID";
    public static final String NO_CLIENT_AUTH = "NO_CLIENT_AUTH";
    public static final String NO_EKU = "NO_EKU";

    private CertificateChecks() {
    }

    /**
     * ERROR KEY_MISMATCH when the certificate's public key is not {@code expected} (details: expectedSpkiSha256,
     * certificateSpkiSha256); WARN EXPIRED / NOT_YET_VALID against {@code now}; WARN NO_CLIENT_AUTH when an EKU
     * extension is present without clientAuth; INFO NO_EKU when there is no EKU extension (usable for any purpose).
     * {@code expected} may be null to skip the key check.
     */
    public static List<Finding> check(X509Certificate cert, PublicKey expected, Instant now) {
        List<Finding> out = new ArrayList<>();
        if (expected != null && !Keys.matches(expected, cert.getPublicKey())) {
            String exp = Keys.spkiSha256(expected);
            String got = Keys.spkiSha256(cert.getPublicKey());
            Map<String, String> d = new LinkedHashMap<>();
            d.put("expectedSpkiSha256", exp);
            d.put("certificateSpkiSha256", got);
            out.add(new Finding(Finding.Severity.ERROR, KEY_MISMATCH,
                    "The certificate was issued for a different key than the private key of this request.\n"
                            + "  private key SPKI SHA-256: " + exp + "\n"
                            + "  certificate SPKI SHA-256: " + got + "\n"
                            + "Paste the certificate the portal returned for this request's CSR.", d));
        }
        Instant nb = cert.getNotBefore().toInstant();
        Instant na = cert.getNotAfter().toInstant();
        if (now.isAfter(na)) {
            out.add(new Finding(Finding.Severity.WARN, EXPIRED, "The certificate expired on " + na + ".",
                    Map.of("notAfter", na.toString())));
        }
        if (now.isBefore(nb)) {
            out.add(new Finding(Finding.Severity.WARN, NOT_YET_VALID, "The certificate is not valid before " + nb
                    + " (check this computer's clock).", Map.of("notBefore", nb.toString())));
        }
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            if (eku == null) {
                out.add(new Finding(Finding.Severity.INFO, NO_EKU, "The certificate has no extended key usage "
                        + "extension, so it is not restricted to TLS client authentication.", Map.of()));
            } else if (!eku.contains(CertificateSummary.CLIENT_AUTH_OID) && !eku.contains("2.5.29.37.0")) {
                out.add(new Finding(Finding.Severity.WARN, NO_CLIENT_AUTH, "The certificate's extended key usage "
                        + "does not include clientAuth (TLS client authentication); the GlobalSign API will refuse it "
                        + "as an mTLS client certificate.", Map.of()));
            }
        } catch (CertificateParsingException e) {
            out.add(new Finding(Finding.Severity.WARN, NO_CLIENT_AUTH, "The extended key usage extension cannot be "
                    + "read: " + e.getMessage(), Map.of()));
        }
        return out;
    }

    public static boolean hasErrors(List<Finding> findings) {
        return findings.stream().anyMatch(Finding::isError);
    }
}
