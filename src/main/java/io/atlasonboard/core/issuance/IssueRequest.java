package io.atlasonboard.core.issuance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the user asks for; the account's validation policy decides what of it is sent (see {@link RequestBuilder}).
 *
 * @param commonName   subject CN (may be null where the policy makes it optional)
 * @param dnsNames     SAN DNS names (TLS); the CN is added when it is a host name and the policy allows DNS names
 * @param emails       SAN e-mail addresses (S/MIME)
 * @param subject      further subject_dn fields by their API names ({@code organization}, {@code country}, ...)
 * @param organizationalUnits subject OU values
 * @param csrPem       a PEM CSR to take the public key from; null = generate the key here
 * @param keyBits      key length to generate (null: the policy's smallest allowed, at least 2048 for RSA)
 * @param validity     requested validity (null: the policy's maximum)
 */
public record IssueRequest(String commonName, List<String> dnsNames, List<String> emails, Map<String, String> subject,
        List<String> organizationalUnits, String csrPem, Integer keyBits, Duration validity) {

    public IssueRequest {
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
        emails = emails == null ? List.of() : List.copyOf(emails);
        subject = subject == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(subject));
        organizationalUnits = organizationalUnits == null ? List.of() : List.copyOf(organizationalUnits);
    }

    /** A request with a locally generated key. */
    public static IssueRequest of(String commonName, List<String> dnsNames, List<String> emails) {
        return new IssueRequest(commonName, dnsNames, emails, null, null, null, null, null);
    }

    public IssueRequest withCsr(String pem) {
        return new IssueRequest(commonName, dnsNames, emails, subject, organizationalUnits, pem, keyBits, validity);
    }

    public IssueRequest withValidity(Duration d) {
        return new IssueRequest(commonName, dnsNames, emails, subject, organizationalUnits, csrPem, keyBits, d);
    }

    public IssueRequest withKeyBits(Integer bits) {
        return new IssueRequest(commonName, dnsNames, emails, subject, organizationalUnits, csrPem, bits, validity);
    }

    public IssueRequest withSubject(Map<String, String> fields) {
        return new IssueRequest(commonName, dnsNames, emails, fields, organizationalUnits, csrPem, keyBits, validity);
    }
}
