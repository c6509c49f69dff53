package io.atlasonboard.ui.certificates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.atlasonboard.core.atlas.ValidationPolicy;
import io.atlasonboard.ui.common.I18n;

/**
 * The account's validation policy in the issuance form's terms, and the form checks run before anything is sent
 * (REQUIRED Common Name, name counts, validity). The request itself is built and sent by
 * {@link io.atlasonboard.core.issuance.IssuanceService} ({@link io.atlasonboard.core.issuance.RequestBuilder}).
 */
public final class IssuanceRequests {
    private IssuanceRequests() {
    }

    /** What the policy asks for, in the form's terms. */
    public record PolicyView(boolean tls, boolean smime, String cnPresence, int minNames, int maxNames,
            long maxValiditySeconds, String keyFormat, boolean pksRequired) {
        public boolean cnRequired() {
            return "REQUIRED".equals(cnPresence);
        }

        public boolean cnSent() {
            return "REQUIRED".equals(cnPresence) || "OPTIONAL".equals(cnPresence);
        }

        public String namesLabel() {
            return I18n.t(tls ? "ui.certificates.names.dns" : "ui.certificates.names.email");
        }
    }

    public static PolicyView view(ValidationPolicy p) {
        ValidationPolicy.San san = p.san();
        boolean dns = san != null && san.dnsNames() != null && san.dnsNames().allowsAny();
        boolean mail = san != null && san.emails() != null && san.emails().allowsAny();
        ValidationPolicy.ListRule names = dns ? san.dnsNames() : mail ? san.emails() : null;
        ValidationPolicy.FieldRule cn = p.subjectField("common_name");
        String cnPresence = cn == null || cn.presence() == null ? "OPTIONAL" : cn.presence().toUpperCase(Locale.ROOT);
        long max = p.validity() != null && p.validity().secondsmax() != null ? p.validity().secondsmax() : 90L * 86400;
        String fmt = p.publicKey() != null && p.publicKey().keyFormat() != null
                ? p.publicKey().keyFormat().toUpperCase(Locale.ROOT) : "PKCS10";
        return new PolicyView(dns, mail && !dns, cnPresence,
                names == null || names.mincount() == null ? 0 : names.mincount(),
                names == null || names.maxcount() == null ? Integer.MAX_VALUE : names.maxcount(), max, fmt,
                "REQUIRED".equalsIgnoreCase(p.publicKeySignature()));
    }

    /** Problems with the form under this policy (empty: the request may be sent). */
    public static List<String> check(PolicyView v, String commonName, List<String> names, long validitySeconds) {
        List<String> out = new ArrayList<>();
        boolean hasCn = commonName != null && !commonName.isBlank();
        if (v.cnRequired() && !hasCn) {
            out.add(I18n.t("ui.certificates.check.cnRequired"));
        }
        if (hasCn && !v.cnSent()) {
            out.add(I18n.t("ui.certificates.check.cnNotAllowed", v.cnPresence()));
        }
        if (names.size() < v.minNames()) {
            out.add(I18n.t(v.tls() ? "ui.certificates.check.minNames.dns" : "ui.certificates.check.minNames.email",
                    String.valueOf(v.minNames())));
        }
        if (names.size() > v.maxNames()) {
            out.add(I18n.t(v.tls() ? "ui.certificates.check.maxNames.dns" : "ui.certificates.check.maxNames.email",
                    String.valueOf(v.maxNames())));
        }
        if (validitySeconds > v.maxValiditySeconds()) {
            out.add(I18n.t("ui.certificates.validity.max", String.valueOf(v.maxValiditySeconds() / 86400)));
        }
        if (validitySeconds < 3600) {
            out.add(I18n.t("ui.certificates.validity.min"));
        }
        return out;
    }
}
