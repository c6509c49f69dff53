package io.atlasonboard.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.atlas.ValidationPolicy;
import io.atlasonboard.sim.ValidationPolicies;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The policy summary as a {@link Msg}: its English is byte for byte what the command line printed before it became
 * keys (texts captured from the former string-building code), and it renders in German with the policy tokens kept.
 */
class PolicySummaryTest {
    static final String CRAFTED = """
            {"validity":{"secondsmax":90061},
             "subject_dn":{"common_name":{"presence":"REQUIRED"},"organization":{"presence":"STATIC","format":"Acme"},
               "country":{"presence":"OPTIONAL"},"locality":{"presence":"OPTIONAL"}},
             "san":{"dns_names":{"static":true,"list":[".","example.com"],"mincount":1},
               "emails":{"maxcount":0},"ip_addresses":{"mincount":0,"maxcount":2,"list":["10.0.0.0/8"]},
               "uris":{"list":["https://x"],"mincount":2}},
             "extended_key_usages":{"ekus":{"static":false,"list":["1.3.6.1.5.5.7.3.1","1.2.3.4"]}},
             "public_key":{"key_type":"EC","allowed_lengths":[256,384],"key_format":"PKCS8"},
             "public_key_signature":"REQUIRED",
             "signature":{"hash_algorithm":{"presence":"STATIC","list":["SHA-256","SHA-384"]}}}
            """;
    static final String BARE = """
            {"validity":{"secondsmax":86400},"public_key":{},"extended_key_usages":{"ekus":{"static":true}}}
            """;

    
    static ValidationPolicy p(JsonObject o) {
        return new Gson().fromJson(o, ValidationPolicy.class);
    }

    static ValidationPolicy p(String json) {
        return p(JsonParser.parseString(json).getAsJsonObject());
    }

    @Test
    void englishIsByteIdenticalToTheFormerText() {
        assertThat(PolicySummary.describe(p(ValidationPolicies.tls()))).isEqualTo("""
            Keys: RSA 2048 or 4096 bits; the public key is sent as PKCS10 (a CSR)
            Proof of possession (public_key_signature): FORBIDDEN
            Subject: required: common_name; static: organization = "Atlas Onboard Sandbox Org", country = "DE"; optional: state, locality
            DNS names: 1 to 100, ending in "." (any name)
            E-mail addresses: not allowed
            Extended key usages: serverAuth (1.3.6.1.5.5.7.3.1), clientAuth (1.3.6.1.5.5.7.3.2) (fixed by the policy)
            Maximum validity: 90 days
            Signature hash: SHA-256, SHA-384, SHA-512 (optional)""");
        assertThat(PolicySummary.describe(p(ValidationPolicies.tlsPkcs8()))).isEqualTo("""
            Keys: RSA 2048 or 4096 bits; the public key is sent as PKCS8 (a PEM public key)
            Proof of possession (public_key_signature): REQUIRED
            Subject: required: common_name; static: organization = "Atlas Onboard Sandbox Org", country = "DE"; optional: state, locality
            DNS names: 1 to 100, ending in "." (any name)
            E-mail addresses: not allowed
            Extended key usages: serverAuth (1.3.6.1.5.5.7.3.1), clientAuth (1.3.6.1.5.5.7.3.2) (fixed by the policy)
            Maximum validity: 90 days
            Signature hash: SHA-256, SHA-384, SHA-512 (optional)""");
        assertThat(PolicySummary.describe(p(ValidationPolicies.smime()))).isEqualTo("""
            Keys: RSA 2048 or 4096 bits; the public key is sent as PKCS10 (a CSR)
            Proof of possession (public_key_signature): FORBIDDEN
            Subject: optional: common_name, email
            DNS names: not allowed
            E-mail addresses: 1 to 5, ending in "@"
            Extended key usages: emailProtection (1.3.6.1.5.5.7.3.4) (fixed by the policy)
            Maximum validity: 734 days""");
        assertThat(PolicySummary.describe(p(CRAFTED))).isEqualTo("""
            Keys: EC 256 or 384; the public key is sent as PKCS8 (a PEM public key)
            Proof of possession (public_key_signature): REQUIRED
            Subject: required: common_name; static: organization = "Acme"; optional: country, locality
            DNS names: at least 1, ending in "." (any name), "example.com" (fixed by the policy)
            E-mail addresses: not allowed
            IP addresses: 0 to 2, matching "10.0.0.0/8"
            URIs: at least 2, matching "https://x"
            Extended key usages: serverAuth (1.3.6.1.5.5.7.3.1), 1.2.3.4 (selectable)
            Maximum validity: 1 day (90061 s)
            Signature hash: SHA-256, SHA-384 (static)""");
        assertThat(PolicySummary.describe(p(BARE))).isEqualTo("""
            Keys: any type
            Subject: no rules given
            Extended key usages: none listed (fixed by the policy)
            Maximum validity: 1 day""");
    }

    @Test
    void rendersInGerman() {
        Msg m = PolicySummary.msg(p(ValidationPolicies.tls()));
        String de = m.render(Locale.GERMAN);
        assertThat(de.split("\n")).containsExactly(
                "Schlüssel: RSA 2048 oder 4096 Bit; der öffentliche Schlüssel wird als PKCS10 gesendet (eine CSR)",
                "Besitznachweis (public_key_signature): FORBIDDEN",
                "Antragsteller: erforderlich: common_name; fest vorgegeben: organization = \"Atlas Onboard Sandbox Org\", "
                        + "country = \"DE\"; optional: state, locality",
                "DNS-Namen: 1 bis 100, endend auf \".\" (jeder Name)",
                "E-Mail-Adressen: nicht erlaubt",
                "Erweiterte Schlüsselverwendungen: serverAuth (1.3.6.1.5.5.7.3.1), clientAuth (1.3.6.1.5.5.7.3.2) "
                        + "(von der Richtlinie fest vorgegeben)",
                "Maximale Gültigkeit: 90 Tage",
                "Signatur-Hash: SHA-256, SHA-384, SHA-512 (optional)");
        assertThat(PolicySummary.msg(p(BARE)).render(Locale.GERMAN)).isEqualTo("""
                Schlüssel: beliebiger Typ
                Antragsteller: keine Regeln angegeben
                Erweiterte Schlüsselverwendungen: keine aufgeführt (von der Richtlinie fest vorgegeben)
                Maximale Gültigkeit: 1 Tag""");
        String crafted = PolicySummary.msg(p(CRAFTED)).render(Locale.GERMAN);
        assertThat(crafted).contains("EC 256 oder 384;", "IP-Adressen: 0 bis 2, passend zu \"10.0.0.0/8\"",
                "URIs: mindestens 2", "(wählbar)", "Maximale Gültigkeit: 1 Tag (90061 s)", "(fest vorgegeben)")
                .doesNotContain(" the ", " or ", "not allowed", "ending in", "!core.");
    }
}
