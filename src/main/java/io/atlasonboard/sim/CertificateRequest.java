package io.atlasonboard.sim;

import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Validates a {@code POST /certificates} body against an account's validation policy (ATLAS-API.md 4.1, 4.2) and
 * produces what the CA puts into the certificate. Violations throw {@link ApiException} 422 {@code "<field>: <reason>"};
 * wrong types or unknown field names 400.
 */
final class CertificateRequest {
    X500Name subject;
    final List<String> dnsNames = new ArrayList<>();
    final List<String> emails = new ArrayList<>();
    final List<String> ips = new ArrayList<>();
    final List<String> uris = new ArrayList<>();
    boolean sanCritical;
    int keyUsage;
    List<String> ekus = new ArrayList<>();
    boolean ekuCritical;
    Instant notBefore;
    Instant notAfter;
    SubjectPublicKeyInfo spki;
    String hash;

    /** DN fields in certificate order (ATLAS-API.md 4.1 names). */
    static final Map<String, ASN1ObjectIdentifier> DN_FIELDS = new LinkedHashMap<>();

    static {
        DN_FIELDS.put("country", BCStyle.C);
        DN_FIELDS.put("state", BCStyle.ST);
        DN_FIELDS.put("locality", BCStyle.L);
        DN_FIELDS.put("street_address", BCStyle.STREET);
        DN_FIELDS.put("postal_code", BCStyle.POSTAL_CODE);
        DN_FIELDS.put("organization", BCStyle.O);
        DN_FIELDS.put("organization_identifier", BCStyle.ORGANIZATION_IDENTIFIER);
        DN_FIELDS.put("jurisdiction_of_incorporation_locality_name", BCStyle.JURISDICTION_L);
        DN_FIELDS.put("jurisdiction_of_incorporation_state_or_province_name", BCStyle.JURISDICTION_ST);
        DN_FIELDS.put("jurisdiction_of_incorporation_country_name", BCStyle.JURISDICTION_C);
        DN_FIELDS.put("business_category", BCStyle.BUSINESS_CATEGORY);
        DN_FIELDS.put("serial_number", BCStyle.SERIALNUMBER);
        DN_FIELDS.put("given_name", BCStyle.GIVENNAME);
        DN_FIELDS.put("surname", BCStyle.SURNAME);
        DN_FIELDS.put("pseudonym", BCStyle.PSEUDONYM);
        DN_FIELDS.put("common_name", BCStyle.CN);
        DN_FIELDS.put("email", BCStyle.EmailAddress);
    }

    static final String[] KEY_USAGES = {"digital_signature", "content_commitment", "key_encipherment",
        "data_encipherment", "key_agreement", "key_certificate_sign", "crl_sign", "encipher_only", "decipher_only"};
    static final int[] KEY_USAGE_BITS = {KeyUsage.digitalSignature, KeyUsage.nonRepudiation, KeyUsage.keyEncipherment,
        KeyUsage.dataEncipherment, KeyUsage.keyAgreement, KeyUsage.keyCertSign, KeyUsage.cRLSign, KeyUsage.encipherOnly,
        KeyUsage.decipherOnly};

    private static final Set<String> TOP_LEVEL = Set.of("validity", "subject_dn", "san", "key_usages",
            "extended_key_usages", "subject_da", "qualified_statements", "ms_extension_template", "custom_extensions",
            "signature", "public_key", "public_key_signature");
    private static final Pattern OID = Pattern.compile("^[0-2](\\.(0|[1-9][0-9]*))+$");

    private CertificateRequest() {
    }

    static CertificateRequest validate(JsonObject req, JsonObject policy, Instant now) {
        CertificateRequest r = new CertificateRequest();
        for (String k : req.keySet()) {
            if (!TOP_LEVEL.contains(k)) {
                throw new ApiException(400, "Bad Request: unknown field " + k);
            }
        }
        r.validity(obj(req, "validity", "validity"), obj(policy, "validity", null), now);
        r.subject(obj(req, "subject_dn", "subject_dn"), obj(policy, "subject_dn", null));
        r.san(obj(req, "san", "san"), obj(policy, "san", null));
        r.keyUsages(obj(req, "key_usages", "key_usages"), obj(policy, "key_usages", null));
        r.ekus(req.get("extended_key_usages"), obj(policy, "extended_key_usages", null));
        for (String unsupported : List.of("subject_da", "qualified_statements", "ms_extension_template",
                "custom_extensions")) {
            if (req.has(unsupported) && !req.get(unsupported).isJsonNull()) {
                if (!policy.has(unsupported) || policy.get(unsupported).isJsonNull()) {
                    throw ApiException.validation(unsupported + ": not allowed by the validation policy");
                }
                throw ApiException.validation(unsupported + ": not supported by the simulator");
            }
        }
        r.signature(obj(req, "signature", "signature"), obj(policy, "signature", null));
        r.publicKey(req, policy);
        return r;
    }

    /**
     * Validates a rekey body ({@code POST /certificates/{serial}/rekey}, ATLAS-API.md 4.5): {@code public_key}
     * required (PEM PUBLIC KEY or CSR per the policy's {@code key_format}), {@code public_key_signature} and
     * {@code signature} as in a certificate request; any other field 400. Only {@link #spki} and {@link #hash} are set.
     */
    static CertificateRequest validateRekey(JsonObject req, JsonObject policy) {
        CertificateRequest r = new CertificateRequest();
        for (String k : req.keySet()) {
            if (!Set.of("public_key", "public_key_signature", "signature").contains(k)) {
                throw new ApiException(400, "Bad Request: unknown field " + k);
            }
        }
        r.signature(obj(req, "signature", "signature"), obj(policy, "signature", null));
        r.publicKey(req, policy);
        return r;
    }

    // ---------------------------------------------------------------- helpers

    private static JsonObject obj(JsonObject o, String key, String pathForErrors) {
        if (o == null || !o.has(key) || o.get(key).isJsonNull()) {
            return null;
        }
        JsonElement e = o.get(key);
        if (!e.isJsonObject()) {
            if (pathForErrors == null) {
                return null;
            }
            throw new ApiException(400, "Bad Request: " + pathForErrors + " must be an object");
        }
        return e.getAsJsonObject();
    }

    private static String str(JsonObject o, String key, String path) {
        if (o == null || !o.has(key) || o.get(key).isJsonNull()) {
            return null;
        }
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new ApiException(400, "Bad Request: " + path + " must be a string");
        }
        return e.getAsString();
    }

    private static Long num(JsonObject o, String key, String path) {
        if (o == null || !o.has(key) || o.get(key).isJsonNull()) {
            return null;
        }
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new ApiException(400, "Bad Request: " + path + " must be an integer");
        }
        try {
            return e.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
        } catch (ArithmeticException ex) {
            throw new ApiException(400, "Bad Request: " + path + " must be an integer");
        }
    }

    private static List<String> strings(JsonElement e, String path) {
        List<String> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return out;
        }
        if (!e.isJsonArray()) {
            throw new ApiException(400, "Bad Request: " + path + " must be an array of strings");
        }
        for (JsonElement x : e.getAsJsonArray()) {
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                throw new ApiException(400, "Bad Request: " + path + " must be an array of strings");
            }
            out.add(x.getAsString());
        }
        return out;
    }

    private static String presence(JsonObject fieldPolicy) {
        if (fieldPolicy == null || !fieldPolicy.has("presence")) {
            return "FORBIDDEN";
        }
        return fieldPolicy.get("presence").getAsString().toUpperCase(Locale.ROOT);
    }

    private static boolean regexFind(String regex, String value) {
        try {
            return Pattern.compile(regex).matcher(value).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    interface Matcher {
        boolean matches(String policyEntry, String value);
    }

    /** Suffix match; "." matches any DNS name (live example) and, by analogy (inferred), "@" any e-mail address. */
    static final Matcher SUFFIX = (p, v) -> {
        if (p.equals("@")) {
            return v.contains("@");
        }
        String pp = p.toLowerCase(Locale.ROOT);
        String vv = v.toLowerCase(Locale.ROOT);
        return vv.endsWith(pp) || (vv + ".").endsWith(pp) || (pp.endsWith(".") && (vv + ".").endsWith(pp));
    };
    static final Matcher REGEX = CertificateRequest::regexFind;

    /** Applies a LIST policy ({static, list, mincount, maxcount}); returns the values the CA uses. */
    private static List<String> checkList(String path, JsonObject listPolicy, List<String> values, Matcher m) {
        if (listPolicy == null) {
            if (!values.isEmpty()) {
                throw ApiException.validation(path + ": not allowed by the validation policy");
            }
            return values;
        }
        List<String> allowed = strings(listPolicy.get("list"), path + " (policy)");
        boolean isStatic = listPolicy.has("static") && listPolicy.get("static").getAsBoolean();
        long min = listPolicy.has("mincount") ? listPolicy.get("mincount").getAsLong() : 0;
        long max = listPolicy.has("maxcount") ? listPolicy.get("maxcount").getAsLong() : Long.MAX_VALUE;
        if (isStatic) {
            if (values.isEmpty()) {
                return allowed;
            }
            if (!new LinkedHashSet<>(values).equals(new LinkedHashSet<>(allowed))) {
                throw ApiException.validation(path + ": static in the validation policy, omit it or send exactly "
                        + allowed);
            }
            return allowed;
        }
        if (values.size() < min || values.size() > max) {
            throw ApiException.validation(path + ": has to have between " + min + " and " + max + " items");
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw ApiException.validation(path + ": contains duplicates");
        }
        for (String v : values) {
            if (allowed.stream().noneMatch(a -> m.matches(a, v))) {
                throw ApiException.validation(path + ": " + v + " is not allowed by the validation policy");
            }
        }
        return values;
    }

    // ---------------------------------------------------------------- sections

    private void validity(JsonObject v, JsonObject p, Instant now) {
        if (v == null) {
            throw ApiException.validation("validity: is required");
        }
        for (String k : v.keySet()) {
            if (!k.equals("not_before") && !k.equals("not_after")) {
                throw new ApiException(400, "Bad Request: unknown field validity." + k);
            }
        }
        Long nb = num(v, "not_before", "validity.not_before");
        if (nb == null) {
            throw ApiException.validation("validity.not_before: is required");
        }
        Long na = num(v, "not_after", "validity.not_after");
        long nowS = now.getEpochSecond();
        long neg = p != null && p.has("not_before_negative_skew") ? p.get("not_before_negative_skew").getAsLong() : 0;
        long pos = p != null && p.has("not_before_positive_skew") ? p.get("not_before_positive_skew").getAsLong() : 0;
        long smin = p != null && p.has("secondsmin") ? p.get("secondsmin").getAsLong() : 0;
        long smax = p != null && p.has("secondsmax") ? p.get("secondsmax").getAsLong() : 398L * 86400;
        if (nb < nowS - neg || nb > nowS + pos) {
            throw ApiException.validation("validity.not_before: must be between now - " + neg + " s and now + " + pos
                    + " s (now is " + nowS + ")");
        }
        long after = na == null || na == 0 ? nb + smax : na;
        long dur = after - nb;
        if (dur < smin || dur > smax) {
            throw ApiException.validation("validity.not_after: validity period must be between " + smin + " and "
                    + smax + " seconds");
        }
        if (p != null && p.has("issuer_expiry") && p.get("issuer_expiry").getAsLong() > 0
                && after > p.get("issuer_expiry").getAsLong()) {
            throw ApiException.validation("validity.not_after: beyond the issuing CA's expiry");
        }
        notBefore = Instant.ofEpochSecond(nb);
        notAfter = Instant.ofEpochSecond(after);
    }

    private void subject(JsonObject dn, JsonObject p) {
        JsonObject req = dn == null ? new JsonObject() : dn;
        Map<ASN1ObjectIdentifier, String> values = new LinkedHashMap<>();
        List<String> ous = new ArrayList<>();
        for (String k : req.keySet()) {
            if (k.equals("organizational_unit")) {
                ous = strings(req.get(k), "subject_dn.organizational_unit");
                continue;
            }
            if (k.equals("extra_attributes")) {
                if (!req.get(k).isJsonNull() && !(req.get(k).isJsonArray() && req.get(k).getAsJsonArray().isEmpty())) {
                    throw ApiException.validation("subject_dn.extra_attributes: not supported by the simulator");
                }
                continue;
            }
            if (!DN_FIELDS.containsKey(k)) {
                throw new ApiException(400, "Bad Request: unknown field subject_dn." + k);
            }
        }
        for (Map.Entry<String, ASN1ObjectIdentifier> f : DN_FIELDS.entrySet()) {
            String name = f.getKey();
            String path = "subject_dn." + name;
            String value = str(req, name, path);
            JsonObject fp = obj(p, name, null);
            String pres = presence(fp);
            String format = fp != null && fp.has("format") && !fp.get("format").isJsonNull()
                    ? fp.get("format").getAsString() : "";
            boolean present = value != null && !value.isEmpty();
            switch (pres) {
                case "FORBIDDEN" -> {
                    if (present) {
                        throw ApiException.validation(path + ": forbidden by the validation policy");
                    }
                }
                case "STATIC" -> {
                    if (present && !value.equals(format)) {
                        throw ApiException.validation(path + ": static in the validation policy, omit it or send \""
                                + format + "\"");
                    }
                    values.put(f.getValue(), format);
                }
                case "REQUIRED", "OPTIONAL" -> {
                    if (!present) {
                        if (pres.equals("REQUIRED")) {
                            throw ApiException.validation(path + ": is required");
                        }
                        continue;
                    }
                    if (!format.isEmpty() && !regexFind(format, value)) {
                        throw ApiException.validation(path + ": does not match " + format);
                    }
                    values.put(f.getValue(), value);
                }
                default -> throw new IllegalStateException("policy presence " + pres);
            }
        }
        ous = checkList("subject_dn.organizational_unit", obj(p, "organizational_unit", null), ous, REGEX);
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        for (Map.Entry<ASN1ObjectIdentifier, String> e : values.entrySet()) {
            if (e.getKey().equals(BCStyle.CN)) {
                ous.forEach(ou -> b.addRDN(BCStyle.OU, ou));
            }
            b.addRDN(e.getKey(), e.getValue());
        }
        if (!values.containsKey(BCStyle.CN)) {
            ous.forEach(ou -> b.addRDN(BCStyle.OU, ou));
        }
        subject = b.build();
    }

    private void san(JsonObject san, JsonObject p) {
        JsonObject req = san == null ? new JsonObject() : san;
        for (String k : req.keySet()) {
            if (!Set.of("dns_names", "emails", "ip_addresses", "uris", "other_names").contains(k)) {
                throw new ApiException(400, "Bad Request: unknown field san." + k);
            }
        }
        List<String> dns = strings(req.get("dns_names"), "san.dns_names");
        List<String> normalised = new ArrayList<>();
        for (String d : dns) {
            String n = Names.stripDot(d.toLowerCase(Locale.ROOT));
            String problem = Names.hostNameProblem(n, true);
            if (problem != null) {
                throw ApiException.validation("san.dns_names: " + d + " is not a valid DNS name (" + problem + ")");
            }
            normalised.add(n);
        }
        dnsNames.addAll(checkList("san.dns_names", obj(p, "dns_names", null), normalised, SUFFIX));
        List<String> em = strings(req.get("emails"), "san.emails");
        for (String e : em) {
            if (!e.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
                throw ApiException.validation("san.emails: " + e + " is not a valid e-mail address");
            }
        }
        emails.addAll(checkList("san.emails", obj(p, "emails", null), em, SUFFIX));
        ips.addAll(checkList("san.ip_addresses", obj(p, "ip_addresses", null),
                strings(req.get("ip_addresses"), "san.ip_addresses"), REGEX));
        uris.addAll(checkList("san.uris", obj(p, "uris", null), strings(req.get("uris"), "san.uris"), REGEX));
        JsonElement other = req.get("other_names");
        if (other != null && !other.isJsonNull() && !(other.isJsonArray() && other.getAsJsonArray().isEmpty())) {
            throw ApiException.validation("san.other_names: not supported by the simulator");
        }
        sanCritical = p != null && p.has("critical") && !p.get("critical").isJsonNull() && p.get("critical").getAsBoolean();
    }

    GeneralNames generalNames() {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
        emails.forEach(e -> names.add(new GeneralName(GeneralName.rfc822Name, e)));
        for (String ip : ips) {
            try {
                names.add(new GeneralName(GeneralName.iPAddress, ip));
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("san.ip_addresses: " + ip + " is not an IP address");
            }
        }
        uris.forEach(u -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, u)));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private void keyUsages(JsonObject ku, JsonObject p) {
        JsonObject req = ku == null ? new JsonObject() : ku;
        for (String k : req.keySet()) {
            if (List.of(KEY_USAGES).indexOf(k) < 0) {
                throw new ApiException(400, "Bad Request: unknown field key_usages." + k);
            }
            JsonElement e = req.get(k);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
                throw new ApiException(400, "Bad Request: key_usages." + k + " must be a boolean");
            }
        }
        int bits = 0;
        for (int i = 0; i < KEY_USAGES.length; i++) {
            String k = KEY_USAGES[i];
            Boolean want = req.has(k) ? req.get(k).getAsBoolean() : null;
            String rule = p == null ? "OPTIONAL" : p.has(k) ? p.get(k).getAsString().toUpperCase(Locale.ROOT) : "STATIC_FALSE";
            switch (rule) {
                case "STATIC_TRUE" -> {
                    if (Boolean.FALSE.equals(want)) {
                        throw ApiException.validation("key_usages." + k + ": static true in the validation policy");
                    }
                    bits |= KEY_USAGE_BITS[i];
                }
                case "STATIC_FALSE" -> {
                    if (Boolean.TRUE.equals(want)) {
                        throw ApiException.validation("key_usages." + k + ": not allowed by the validation policy");
                    }
                }
                default -> {
                    if (Boolean.TRUE.equals(want)) {
                        bits |= KEY_USAGE_BITS[i];
                    }
                }
            }
        }
        keyUsage = bits;
    }

    private void ekus(JsonElement reqEkus, JsonObject p) {
        List<String> values = strings(reqEkus, "extended_key_usages");
        for (String o : values) {
            if (!OID.matcher(o).matches()) {
                throw ApiException.validation("extended_key_usages: " + o + " is not an OID");
            }
        }
        ekus = checkList("extended_key_usages", obj(p, "ekus", null), values, REGEX);
        ekuCritical = p != null && p.has("critical") && p.get("critical").getAsBoolean();
    }

    private void signature(JsonObject sig, JsonObject p) {
        JsonObject req = sig == null ? new JsonObject() : sig;
        for (String k : req.keySet()) {
            if (!k.equals("algorithm") && !k.equals("hash_algorithm")) {
                throw new ApiException(400, "Bad Request: unknown field signature." + k);
            }
        }
        for (String k : List.of("algorithm", "hash_algorithm")) {
            String v = str(req, k, "signature." + k);
            JsonObject fp = obj(p, k, null);
            String pres = fp == null ? "OPTIONAL" : presence(fp);
            if (v == null) {
                if (pres.equals("REQUIRED")) {
                    throw ApiException.validation("signature." + k + ": is required");
                }
                continue;
            }
            if (pres.equals("FORBIDDEN")) {
                throw ApiException.validation("signature." + k + ": forbidden by the validation policy");
            }
            if (fp != null && fp.has("list")) {
                List<String> allowed = strings(fp.get("list"), "policy");
                if (allowed.stream().noneMatch(a -> a.equalsIgnoreCase(v))) {
                    throw ApiException.validation("signature." + k + ": " + v + " is not one of " + allowed);
                }
            }
            if (k.equals("hash_algorithm")) {
                hash = v.toUpperCase(Locale.ROOT);
            }
            if (k.equals("algorithm") && !v.equalsIgnoreCase("RSA")) {
                throw ApiException.validation("signature.algorithm: the simulator's issuing CA signs with RSA only");
            }
        }
    }

    private void publicKey(JsonObject req, JsonObject policy) {
        String pem = str(req, "public_key", "public_key");
        if (pem == null || pem.isBlank()) {
            throw ApiException.validation("public_key: is required");
        }
        JsonObject pk = obj(policy, "public_key", null);
        String format = pk != null && pk.has("key_format") ? pk.get("key_format").getAsString().toUpperCase(Locale.ROOT) : "";
        boolean isCsr = pem.contains("CERTIFICATE REQUEST");
        if (format.equals("PKCS10") && !isCsr) {
            throw ApiException.validation("public_key: key_format is PKCS10, send a PEM CERTIFICATE REQUEST");
        }
        if (format.equals("PKCS8") && isCsr) {
            throw ApiException.validation("public_key: key_format is PKCS8, send a PEM PUBLIC KEY");
        }
        if (isCsr) {
            try {
                spki = SimPki.parseCsr(pem).getSubjectPublicKeyInfo();
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("public_key: " + e.getMessage());
            }
        } else {
            Object o;
            try (PEMParser parser = new PEMParser(new StringReader(pem))) {
                o = parser.readObject();
            } catch (IOException | RuntimeException e) {
                throw ApiException.validation("public_key: not a PEM public key");
            }
            if (!(o instanceof SubjectPublicKeyInfo s)) {
                throw ApiException.validation("public_key: not a PEM PUBLIC KEY (SubjectPublicKeyInfo)");
            }
            spki = s;
        }
        PublicKey key;
        try {
            key = SimPki.publicKey(spki);
        } catch (Exception e) {
            throw ApiException.validation("public_key: unsupported key algorithm");
        }
        String type = key instanceof RSAPublicKey ? "RSA" : "ECDSA";
        int length = key instanceof RSAPublicKey r ? r.getModulus().bitLength()
                : ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
        if (pk != null && pk.has("key_type") && !pk.get("key_type").getAsString().equalsIgnoreCase(type)) {
            throw ApiException.validation("public_key: key type " + type + " not allowed, the policy requires "
                    + pk.get("key_type").getAsString());
        }
        if (pk != null && pk.has("allowed_lengths")) {
            JsonArray lens = pk.getAsJsonArray("allowed_lengths");
            boolean ok = false;
            for (JsonElement l : lens) {
                ok |= l.getAsInt() == length;
            }
            if (!ok) {
                throw ApiException.validation("public_key: key length " + length + " not allowed, allowed: " + lens);
            }
        }
        String pks = policy.has("public_key_signature") && policy.get("public_key_signature").isJsonPrimitive()
                ? policy.get("public_key_signature").getAsString().toUpperCase(Locale.ROOT) : "OPTIONAL";
        String sig = str(req, "public_key_signature", "public_key_signature");
        boolean present = sig != null && !sig.isEmpty();
        if (pks.equals("REQUIRED") && !present) {
            throw ApiException.validation("public_key_signature: is required");
        }
        if (pks.equals("FORBIDDEN") && present) {
            throw ApiException.validation("public_key_signature: forbidden by the validation policy");
        }
        if (present) {
            boolean ok;
            try {
                Signature s = Signature.getInstance(key instanceof RSAPublicKey ? "SHA256withRSA" : "SHA256withECDSA");
                s.initVerify(key);
                s.update(spki.getEncoded());
                ok = s.verify(Base64.getDecoder().decode(sig));
            } catch (Exception e) {
                ok = false;
            }
            if (!ok) {
                throw ApiException.validation("public_key_signature: does not verify (SHA-256 over the DER "
                        + "SubjectPublicKeyInfo, " + (key instanceof RSAPublicKey ? "RSA PKCS#1 v1.5" : "ECDSA") + ")");
            }
        }
    }
}
