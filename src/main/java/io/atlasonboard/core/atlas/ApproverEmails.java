package io.atlasonboard.core.atlas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /claims/domains/{id}/email} (ATLAS-API.md 4.9): the addresses an approval mail may go to and where each
 * comes from: {@code constructed} (admin@, administrator@, webmaster@, hostmaster@, postmaster@ the domain) and, per
 * DNS source (e.g. SOA), the addresses found there and the lookup errors.
 */
public record ApproverEmails(List<String> constructed, Map<String, Source> dns) {

    public record Source(List<String> emails, List<String> errors) {
        public Source {
            emails = emails == null ? List.of() : List.copyOf(emails);
            errors = errors == null ? List.of() : List.copyOf(errors);
        }
    }

    public ApproverEmails {
        constructed = constructed == null ? List.of() : List.copyOf(constructed);
        dns = dns == null ? Map.of() : Map.copyOf(dns);
    }

    /** One address with where it comes from ("constructed" or "DNS SOA"). */
    public record Address(String email, String source) {
    }

    /** Every address, constructed first, then per DNS source, without duplicates. */
    public List<Address> all() {
        List<Address> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String e : constructed) {
            if (!seen.contains(e.toLowerCase(java.util.Locale.ROOT))) {
                seen.add(e.toLowerCase(java.util.Locale.ROOT));
                out.add(new Address(e, "constructed"));
            }
        }
        dns.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(en -> {
            for (String e : en.getValue().emails()) {
                if (!seen.contains(e.toLowerCase(java.util.Locale.ROOT))) {
                    seen.add(e.toLowerCase(java.util.Locale.ROOT));
                    out.add(new Address(e, "DNS " + en.getKey()));
                }
            }
        });
        return out;
    }
}
