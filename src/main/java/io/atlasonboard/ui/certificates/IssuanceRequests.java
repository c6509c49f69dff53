package io.atlasonboard.ui.certificates;

import java.util.Locale;

import io.atlasonboard.core.atlas.ValidationPolicy;
import io.atlasonboard.ui.common.I18n;

/**
 * The account's validation policy in the issuance form's terms (which names to ask for, the longest validity). The
 * request is checked against the policy, built and sent by core: {@link io.atlasonboard.core.issuance.IssuanceService}
 * with {@link io.atlasonboard.core.issuance.RequestBuilder}, whose refusals the form shows as they are.
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
}
