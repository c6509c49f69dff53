package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;
import java.util.ArrayList;
import java.util.List;

/**
 * The subject and SAN list of a certificate request. Values are used as given; {@link Csrs#create} validates them.
 * The GlobalSign flow puts the CN in the SAN list ({@link #withCnInSans()}) unless the user removes it.
 */
public record CsrRequest(String commonName, String country, String organization, List<String> dnsNames) {

    /** Text for the UI next to the domain list. */
    public static final String CN_IN_SANS_NOTE = "The Common Name is put in the domain-name (SAN) list, because TLS "
            + "peers check the SANs, not the CN. Remove it from the list if you do not want it there.";

    public CsrRequest {
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
    }

    /** A copy whose SAN list starts with the CN, unless it is already in the list. */
    public CsrRequest withCnInSans() {
        if (commonName == null || commonName.isBlank() || cnInSans()) {
            return this;
        }
        List<String> l = new ArrayList<>();
        l.add(commonName);
        l.addAll(dnsNames);
        return new CsrRequest(commonName, country, organization, l);
    }

    /** A copy without the CN in the SAN list. */
    public CsrRequest withoutCnInSans() {
        List<String> l = new ArrayList<>(dnsNames);
        l.removeIf(n -> n.equalsIgnoreCase(commonName));
        return new CsrRequest(commonName, country, organization, l);
    }

    public boolean cnInSans() {
        return commonName != null && dnsNames.stream().anyMatch(n -> n.equalsIgnoreCase(commonName));
    }

    /** Validated and normalised copy (CN via DomainNames rules, country ISO 3166, organization 1-64 chars, SANs). */
    public CsrRequest normalized() {
        String cn = HostNames.normalizeCommonName(commonName).value();
        String cc = Countries.normalize(country);
        if (organization == null || organization.isBlank()) {
            throw new InvalidInputException(Msg.of("core.pki.org.empty"));
        }
        String org = organization.strip();
        if (org.length() > 64) {
            throw new InvalidInputException(Msg.of("core.pki.org.tooLong", org.length(), 64));
        }
        return new CsrRequest(cn, cc, org, DomainNames.normalizeList(dnsNames));
    }
}
