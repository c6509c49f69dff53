package io.atlasonboard.sim;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Default validation policies for simulated accounts, shaped like the live examples in ATLAS-API.md 4.1.
 * Each call returns a fresh copy that the caller may modify before {@link AtlasSimulator#createAccount}.
 */
public final class ValidationPolicies {
    /** Organisation name the sandbox puts into every certificate (a STATIC field, as a real identity would). */
    public static final String SANDBOX_ORGANIZATION = "Atlas Onboard Sandbox Org";

    private static final String CN_HOST = "^(\\\\*\\\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$";

    private ValidationPolicies() {
    }

    /**
     * TLS: CN required (host-name regex), organization and country STATIC, OU optional 0-3, state/locality optional,
     * other DN fields FORBIDDEN; 1-100 dns_names (list ".": any name, but each must be covered by a verified claim);
     * no e-mails/IPs/URIs; EKU static serverAuth + clientAuth; key usage static digitalSignature + keyEncipherment;
     * RSA 2048/4096 as a PKCS#10 CSR; public_key_signature FORBIDDEN; validity 1 hour to 90 days, skew 300 s.
     */
    public static JsonObject tls() {
        return JsonParser.parseString(TLS.replace("$KEYFORMAT", "PKCS10").replace("$PKS", "FORBIDDEN")).getAsJsonObject();
    }

    /** As {@link #tls()}, but the key is sent as a PKCS#8 PUBLIC KEY with a REQUIRED public_key_signature. */
    public static JsonObject tlsPkcs8() {
        return JsonParser.parseString(TLS.replace("$KEYFORMAT", "PKCS8").replace("$PKS", "REQUIRED")).getAsJsonObject();
    }

    /**
     * S/MIME (mailbox-validated style): CN optional, 1-5 san.emails (any domain, list "@"), no dns_names; EKU static
     * emailProtection; digitalSignature static, keyEncipherment optional; RSA 2048/4096 PKCS#10; validity up to 734 days.
     */
    public static JsonObject smime() {
        return JsonParser.parseString(SMIME).getAsJsonObject();
    }

    private static final String TLS = """
        {
          "validity": {"secondsmin": 3600, "secondsmax": 7776000,
                       "not_before_negative_skew": 300, "not_before_positive_skew": 300},
          "subject_dn": {
            "common_name": {"presence": "REQUIRED", "format": "%s"},
            "organization": {"presence": "STATIC", "format": "%s"},
            "organizational_unit": {"static": false, "list": [".*"], "mincount": 0, "maxcount": 3},
            "country": {"presence": "STATIC", "format": "DE"},
            "state": {"presence": "OPTIONAL", "format": "^[A-Za-z][A-Za-z .'-]*$"},
            "locality": {"presence": "OPTIONAL", "format": "^[A-Za-z][A-Za-z .'-]*$"},
            "street_address": {"presence": "FORBIDDEN", "format": ""},
            "postal_code": {"presence": "FORBIDDEN", "format": ""},
            "email": {"presence": "FORBIDDEN", "format": ""},
            "serial_number": {"presence": "FORBIDDEN", "format": ""},
            "given_name": {"presence": "FORBIDDEN", "format": ""},
            "surname": {"presence": "FORBIDDEN", "format": ""},
            "pseudonym": {"presence": "FORBIDDEN", "format": ""},
            "organization_identifier": {"presence": "FORBIDDEN", "format": ""},
            "business_category": {"presence": "FORBIDDEN", "format": ""},
            "jurisdiction_of_incorporation_locality_name": {"presence": "FORBIDDEN", "format": ""},
            "jurisdiction_of_incorporation_state_or_province_name": {"presence": "FORBIDDEN", "format": ""},
            "jurisdiction_of_incorporation_country_name": {"presence": "FORBIDDEN", "format": ""}
          },
          "san": {
            "dns_names": {"static": false, "list": ["."], "mincount": 1, "maxcount": 100},
            "emails": {"static": false, "list": [], "mincount": 0, "maxcount": 0},
            "ip_addresses": {"static": false, "list": [], "mincount": 0, "maxcount": 0},
            "uris": {"static": false, "list": [], "mincount": 0, "maxcount": 0},
            "other_names": null
          },
          "key_usages": {"digital_signature": "STATIC_TRUE", "content_commitment": "STATIC_FALSE",
                         "key_encipherment": "STATIC_TRUE", "data_encipherment": "STATIC_FALSE",
                         "key_agreement": "STATIC_FALSE", "key_certificate_sign": "STATIC_FALSE",
                         "crl_sign": "STATIC_FALSE", "encipher_only": "STATIC_FALSE", "decipher_only": "STATIC_FALSE"},
          "extended_key_usages": {"ekus": {"static": true, "list": ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"],
                                           "mincount": 2, "maxcount": 2}, "critical": false},
          "signature": {"algorithm": {"presence": "OPTIONAL", "list": ["RSA"]},
                        "hash_algorithm": {"presence": "OPTIONAL", "list": ["SHA-256", "SHA-384", "SHA-512"]}},
          "public_key": {"key_type": "RSA", "allowed_lengths": [2048, 4096], "key_format": "$KEYFORMAT"},
          "public_key_signature": "$PKS"
        }
        """.formatted(CN_HOST, SANDBOX_ORGANIZATION);

    private static final String SMIME = """
        {
          "validity": {"secondsmin": 3600, "secondsmax": 63417600,
                       "not_before_negative_skew": 300, "not_before_positive_skew": 300},
          "subject_dn": {
            "common_name": {"presence": "OPTIONAL", "format": "^.{1,64}$"},
            "organization": {"presence": "FORBIDDEN", "format": ""},
            "country": {"presence": "FORBIDDEN", "format": ""},
            "email": {"presence": "OPTIONAL", "format": "^[^@\\\\s]+@[^@\\\\s]+$"}
          },
          "san": {
            "dns_names": {"static": false, "list": [], "mincount": 0, "maxcount": 0},
            "emails": {"static": false, "list": ["@"], "mincount": 1, "maxcount": 5},
            "ip_addresses": {"static": false, "list": [], "mincount": 0, "maxcount": 0},
            "uris": {"static": false, "list": [], "mincount": 0, "maxcount": 0},
            "other_names": null
          },
          "key_usages": {"digital_signature": "STATIC_TRUE", "content_commitment": "STATIC_FALSE",
                         "key_encipherment": "OPTIONAL", "data_encipherment": "STATIC_FALSE",
                         "key_agreement": "STATIC_FALSE", "key_certificate_sign": "STATIC_FALSE",
                         "crl_sign": "STATIC_FALSE", "encipher_only": "STATIC_FALSE", "decipher_only": "STATIC_FALSE"},
          "extended_key_usages": {"ekus": {"static": true, "list": ["1.3.6.1.5.5.7.3.4"], "mincount": 1, "maxcount": 1},
                                  "critical": false},
          "public_key": {"key_type": "RSA", "allowed_lengths": [2048, 4096], "key_format": "PKCS10"},
          "public_key_signature": "FORBIDDEN"
        }
        """;
}
