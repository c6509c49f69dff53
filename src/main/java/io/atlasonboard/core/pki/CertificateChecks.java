package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;
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
            out.add(Finding.of(Finding.Severity.ERROR, KEY_MISMATCH,
                    Msg.of("core.pki.check.keyMismatch", exp, got), d));
        }
        Instant nb = cert.getNotBefore().toInstant();
        Instant na = cert.getNotAfter().toInstant();
        if (now.isAfter(na)) {
            out.add(Finding.of(Finding.Severity.WARN, EXPIRED, Msg.of("core.pki.check.expired", na.toString()),
                    Map.of("notAfter", na.toString())));
        }
        if (now.isBefore(nb)) {
            out.add(Finding.of(Finding.Severity.WARN, NOT_YET_VALID,
                    Msg.of("core.pki.check.notYetValid", nb.toString()), Map.of("notBefore", nb.toString())));
        }
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            if (eku == null) {
                out.add(Finding.of(Finding.Severity.INFO, NO_EKU, Msg.of("core.pki.check.noEku"), Map.of()));
            } else if (!eku.contains(CertificateSummary.CLIENT_AUTH_OID) && !eku.contains("2.5.29.37.0")) {
                out.add(Finding.of(Finding.Severity.WARN, NO_CLIENT_AUTH, Msg.of("core.pki.check.noClientAuth"), Map.of()));
            }
        } catch (CertificateParsingException e) {
            out.add(Finding.of(Finding.Severity.WARN, NO_CLIENT_AUTH,
                    Msg.of("core.pki.check.ekuUnreadable", String.valueOf(e.getMessage())), Map.of()));
        }
        return out;
    }

    public static boolean hasErrors(List<Finding> findings) {
        return findings.stream().anyMatch(Finding::isError);
    }
}
