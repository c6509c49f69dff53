package io.atlasonboard.core.issuance;

import io.atlasonboard.core.claims.DomainsException;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import io.atlasonboard.core.atlas.ValidationPolicy;
import io.atlasonboard.core.pki.DomainNames;
import io.atlasonboard.core.Msg;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.pki.Pem;
import io.atlasonboard.core.store.IntendedUse;

/**
 * Builds the {@code POST /certificates} body (ATLAS-API.md 4.2) from what the user asked for and the account's
 * validation policy (4.1), the way the official clients do: STATIC and FORBIDDEN fields are not sent, REQUIRED ones
 * are enforced before sending (the message names the field), EKUs and key-usage bits are omitted when the policy fixes
 * them, {@code signature.hash_algorithm} is set when REQUIRED, the key matches {@code public_key} (type, length,
 * PKCS8 public key + proof of possession, or PKCS10 CSR), validity starts now and ends within {@code secondsmax}.
 */
public final class RequestBuilder {

    /** The request body plus what was decided on the way. {@code keyPair} is null when a CSR was supplied. */
    public record Built(JsonObject json, KeyPair keyPair, String commonName, List<String> dnsNames,
            List<String> emails, Instant notBefore, Instant notAfter) {

        /**
         * The same request with its validity window moved to start at {@code now}, same length. Key generation on a
         * busy machine can outlast the API's not_before skew (ATLAS-API.md 4.5), so the window is stamped again just
         * before sending.
         */
        public Built startingAt(Instant now) {
            long shift = now.getEpochSecond() - notBefore.getEpochSecond();
            JsonObject v = json.has("validity") ? json.getAsJsonObject("validity") : null;
            if (shift <= 0 || v == null) {
                return this;
            }
            JsonObject copy = json.deepCopy();
            Instant na = notAfter.plusSeconds(shift);
            copy.getAsJsonObject("validity").addProperty("not_before", now.getEpochSecond());
            copy.getAsJsonObject("validity").addProperty("not_after", na.getEpochSecond());
            return new Built(copy, keyPair, commonName, dnsNames, emails, Instant.ofEpochSecond(now.getEpochSecond()),
                    na);
        }
    }

    private RequestBuilder() {
    }

    public static Built build(ValidationPolicy policy, IntendedUse use, IssueRequest req, Instant now) {
        List<Msg> problems = new ArrayList<>();
        JsonObject body = new JsonObject();

        // ---- validity
        long nb = now.getEpochSecond();
        ValidationPolicy.Validity v = policy.validity();
        Long max = v == null ? null : v.secondsmax();
        Long min = v == null ? null : v.secondsmin();
        long seconds;
        if (req.validity() != null) {
            seconds = req.validity().toSeconds();
            if (max != null && seconds > max) {
                problems.add(Msg.of("core.issuance.policy.validityTooLong", String.valueOf(max / 86400),
                        String.valueOf(max), String.valueOf(seconds / 86400)));
            }
        } else {
            seconds = max != null ? max : Duration.ofDays(90).toSeconds();
        }
        if (min != null && seconds < min) {
            problems.add(Msg.of("core.issuance.policy.validityTooShort", String.valueOf(min), String.valueOf(seconds)));
        }
        long na = nb + seconds;
        if (v != null && v.issuerExpiry() != null && v.issuerExpiry() > 0 && na > v.issuerExpiry()) {
            na = v.issuerExpiry(); // never beyond the issuing CA
        }
        JsonObject validity = new JsonObject();
        validity.addProperty("not_before", nb);
        validity.addProperty("not_after", na);
        body.add("validity", validity);

        // ---- subject
        JsonObject subject = new JsonObject();
        String cn = req.commonName() == null || req.commonName().isBlank() ? null : req.commonName().strip();
        ValidationPolicy.FieldRule cnRule = policy.subjectField("common_name");
        String cnPresence = presence(cnRule);
        if (cn != null && (cnPresence.equals("FORBIDDEN") || cnPresence.equals("STATIC"))) {
            cn = cnPresence.equals("STATIC") ? cnRule.format() : null; // the CA puts in what the policy says
        } else {
            field(subject, "common_name", cn, cnRule, problems);
        }
        for (Map.Entry<String, String> e : req.subject().entrySet()) {
            String name = e.getKey().strip().toLowerCase(Locale.ROOT);
            if (name.equals("common_name") || name.equals("organizational_unit")) {
                problems.add(Msg.of("core.issuance.policy.ownOption", name));
                continue;
            }
            ValidationPolicy.FieldRule rule = policy.subjectField(name);
            if (rule == null) {
                problems.add(Msg.of("core.issuance.policy.noSuchField", name));
                continue;
            }
            String p = presence(rule);
            if (p.equals("STATIC")) {
                continue; // the CA fills in the static value
            }
            if (p.equals("FORBIDDEN")) {
                problems.add(Msg.of("core.issuance.policy.forbidden", name));
                continue;
            }
            field(subject, name, e.getValue(), rule, problems);
        }
        // REQUIRED fields nobody gave
        if (policy.subjectDn() != null) {
            for (Map.Entry<String, JsonElement> e : policy.subjectDn().entrySet()) {
                ValidationPolicy.FieldRule rule = policy.subjectField(e.getKey());
                if (rule != null && "REQUIRED".equalsIgnoreCase(rule.presence()) && !subject.has(e.getKey())
                        && !(e.getKey().equals("common_name") && cn != null)) {
                    problems.add(Msg.of(e.getKey().equals("common_name") ? "core.issuance.policy.requiredCommonName"
                            : "core.issuance.policy.requiredField", e.getKey()));
                }
            }
        }
        if (!req.organizationalUnits().isEmpty()) {
            ValidationPolicy.ListRule ou = listRule(policy.subjectDn() == null ? null
                    : policy.subjectDn().get("organizational_unit"));
            JsonArray arr = list("subject_dn.organizational_unit", req.organizationalUnits(), ou, problems);
            if (arr != null) {
                subject.add("organizational_unit", arr);
            }
        }
        body.add("subject_dn", subject);

        // ---- SANs
        JsonObject san = new JsonObject();
        ValidationPolicy.San sanRule = policy.san();
        LinkedHashSet<String> dns = new LinkedHashSet<>();
        for (String d : req.dnsNames()) {
            try {
                dns.add(DomainNames.normalize(d));
            } catch (IllegalArgumentException e) {
                problems.add(Msg.of("core.issuance.policy.dnsName", part(e)));
            }
        }
        ValidationPolicy.ListRule dnsRule = sanRule == null ? null : sanRule.dnsNames();
        if (cn != null && looksLikeHost(cn) && (dnsRule == null || dnsRule.allowsAny())
                && (use == IntendedUse.TLS || !dns.isEmpty())) {
            try {
                String n = DomainNames.normalize(cn);
                if (!dns.contains(n)) {
                    List<String> withCn = new ArrayList<>();
                    withCn.add(n);
                    withCn.addAll(dns);
                    dns.clear();
                    dns.addAll(withCn);
                }
            } catch (IllegalArgumentException ignored) {
                // a CN that is not a host name stays only in the subject
            }
        }
        List<String> emails = new ArrayList<>();
        for (String e : req.emails()) {
            String t = e.strip();
            if (!t.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                problems.add(Msg.of("core.issuance.policy.notEmail", t));
            } else if (!emails.contains(t)) {
                emails.add(t);
            }
        }
        if (use == IntendedUse.TLS && dns.isEmpty()) {
            problems.add(Msg.of("core.issuance.policy.tlsNeedsDns"));
        }
        if (use == IntendedUse.SMIME && emails.isEmpty()) {
            problems.add(Msg.of("core.issuance.policy.smimeNeedsEmail"));
        }
        JsonArray dnsArr = list("san.dns_names", new ArrayList<>(dns), dnsRule, problems);
        if (dnsArr != null) {
            san.add("dns_names", dnsArr);
        }
        JsonArray emailArr = list("san.emails", emails, sanRule == null ? null : sanRule.emails(), problems);
        if (emailArr != null) {
            san.add("emails", emailArr);
        }
        if (san.size() > 0) {
            body.add("san", san);
        }

        // ---- EKUs: omitted when static; when the account requires some and leaves the choice, send the listed OIDs
        ValidationPolicy.Ekus ekus = policy.extendedKeyUsages();
        if (ekus != null && ekus.ekus() != null && !Boolean.TRUE.equals(ekus.ekus().isStatic())
                && ekus.ekus().mincount() != null && ekus.ekus().mincount() > 0) {
            JsonArray arr = new JsonArray();
            for (String oid : ekus.ekus().list() == null ? List.<String>of() : ekus.ekus().list()) {
                if (oid.matches("[0-9]+(\\.[0-9]+)+") && arr.size() < ekus.ekus().mincount()) {
                    arr.add(oid);
                }
            }
            if (arr.size() < ekus.ekus().mincount()) {
                problems.add(Msg.of("core.issuance.policy.ekuUnspecified"));
            } else {
                body.add("extended_key_usages", arr);
            }
        }
        // key_usages: STATIC_TRUE/STATIC_FALSE are omitted, OPTIONAL bits are left to the CA's default

        // ---- custom extensions and other sections this tool cannot fill
        JsonObject raw = policy.raw();
        if (raw != null && raw.has("custom_extensions") && raw.get("custom_extensions").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : raw.getAsJsonObject("custom_extensions").entrySet()) {
                if (e.getValue().isJsonObject() && "REQUIRED".equalsIgnoreCase(str(e.getValue().getAsJsonObject(),
                        "presence"))) {
                    problems.add(Msg.of("core.issuance.policy.customExtension", e.getKey()));
                }
            }
        }

        // ---- key
        ValidationPolicy.PublicKeyRule pk = policy.publicKey();
        String keyType = pk == null || pk.keyType() == null ? "RSA" : pk.keyType().toUpperCase(Locale.ROOT);
        String format = pk == null || pk.keyFormat() == null ? "PKCS10" : pk.keyFormat().toUpperCase(Locale.ROOT);
        List<Integer> lengths = pk == null || pk.allowedLengths() == null ? List.of() : pk.allowedLengths();
        String pks = policy.publicKeySignature() == null ? "FORBIDDEN"
                : policy.publicKeySignature().toUpperCase(Locale.ROOT);
        String hash = chooseHash(policy);

        if (!problems.isEmpty()) {
            throw new InvalidInputException(Msg.of("core.issuance.policy.refused", joined(problems, 0)));
        }

        KeyPair generated = null;
        PublicKey publicKey;
        PKCS10CertificationRequest csr = null;
        if (req.csrPem() != null) {
            csr = parseCsr(req.csrPem());
            try {
                publicKey = new JcaPKCS10CertificationRequest(csr).getPublicKey();
            } catch (GeneralSecurityException e) {
                throw new InvalidInputException(Msg.of("core.issuance.csr.keyUnreadable", e.getMessage()), e);
            }
            checkKey(publicKey, keyType, lengths);
            if (format.equals("PKCS8") && pks.equals("REQUIRED")) {
                throw new InvalidInputException(Msg.of("core.issuance.policy.proofOfPossession"));
            }
        } else {
            generated = generate(keyType, lengths, req.keyBits());
            publicKey = generated.getPublic();
            if (format.equals("PKCS10")) {
                csr = makeCsr(generated, cn, hash);
            }
        }
        if (format.equals("PKCS10")) {
            body.addProperty("public_key", Pem.write(csr));
        } else {
            body.addProperty("public_key", Pem.write(publicKey));
            if (pks.equals("REQUIRED")) {
                body.addProperty("public_key_signature", proofOfPossession(generated));
            }
        }

        // ---- signature
        JsonObject sig = new JsonObject();
        ValidationPolicy.SignatureRule sr = policy.signature();
        if (sr != null && sr.algorithm() != null && "REQUIRED".equalsIgnoreCase(sr.algorithm().presence())) {
            String alg = keyType.equals("ECDSA") ? "ECDSA" : "RSA";
            List<String> allowed = sr.algorithm().list() == null ? List.of() : sr.algorithm().list();
            if (!allowed.isEmpty() && allowed.stream().noneMatch(a -> a.equalsIgnoreCase(alg))) {
                throw new InvalidInputException(Msg.of("core.issuance.policy.signatureAlgorithm", allowed.toString(),
                        keyType));
            }
            sig.addProperty("algorithm", alg);
        }
        if (sr != null && sr.hashAlgorithm() != null && "REQUIRED".equalsIgnoreCase(sr.hashAlgorithm().presence())) {
            sig.addProperty("hash_algorithm", hash);
        }
        if (sig.size() > 0) {
            body.add("signature", sig);
        }
        return new Built(body, generated, cn, new ArrayList<>(dns), emails, Instant.ofEpochSecond(nb),
                Instant.ofEpochSecond(na));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String presence(ValidationPolicy.FieldRule r) {
        return r == null || r.presence() == null ? "OPTIONAL" : r.presence().toUpperCase(Locale.ROOT);
    }

    private static void field(JsonObject subject, String name, String value, ValidationPolicy.FieldRule rule,
            List<Msg> problems) {
        String p = presence(rule);
        if (value == null || value.isBlank()) {
            return; // REQUIRED ones are reported together afterwards
        }
        if (p.equals("FORBIDDEN") || p.equals("STATIC")) {
            return;
        }
        String f = rule == null ? null : rule.format();
        if (f != null && !f.isEmpty()) {
            try {
                if (!Pattern.compile(f).matcher(value).find()) {
                    problems.add(Msg.of("core.issuance.policy.format", name, value, f));
                    return;
                }
            } catch (PatternSyntaxException ignored) {
                // a pattern Java cannot read: let the server judge
            }
        }
        subject.addProperty(name, value);
    }

    private static ValidationPolicy.ListRule listRule(JsonElement e) {
        if (e == null || !e.isJsonObject()) {
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        List<String> l = new ArrayList<>();
        if (o.has("list") && o.get("list").isJsonArray()) {
            o.getAsJsonArray("list").forEach(x -> l.add(x.getAsString()));
        }
        Boolean st = o.has("static") && o.get("static").isJsonPrimitive() ? o.get("static").getAsBoolean() : null;
        Integer min = o.has("mincount") && o.get("mincount").isJsonPrimitive() ? o.get("mincount").getAsInt() : null;
        Integer max = o.has("maxcount") && o.get("maxcount").isJsonPrimitive() ? o.get("maxcount").getAsInt() : null;
        return new ValidationPolicy.ListRule(st, l, min, max);
    }

    /** The values as a JSON array, or null when nothing is to be sent (none given, or the list is static). */
    private static JsonArray list(String field, List<String> values, ValidationPolicy.ListRule rule,
            List<Msg> problems) {
        if (rule != null && Boolean.TRUE.equals(rule.isStatic())) {
            return null; // the CA puts in the policy's values
        }
        int n = values.size();
        if (rule != null) {
            if (rule.maxcount() != null && rule.maxcount() == 0 && n > 0) {
                problems.add(Msg.of("core.issuance.policy.none", field));
                return null;
            }
            int min = rule.mincount() == null ? 0 : rule.mincount();
            int max = rule.maxcount() == null ? Integer.MAX_VALUE : rule.maxcount();
            if (n < min || n > max) {
                problems.add(max == Integer.MAX_VALUE
                        ? Msg.of("core.issuance.policy.countAtLeast", field, String.valueOf(min), String.valueOf(n))
                        : Msg.of("core.issuance.policy.countBetween", field, String.valueOf(min), String.valueOf(max),
                                String.valueOf(n)));
                return null;
            }
        }
        if (n == 0) {
            return null;
        }
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    private static boolean looksLikeHost(String cn) {
        return cn.contains(".") && !cn.contains(" ") && !cn.contains("@");
    }

    private static String chooseHash(ValidationPolicy policy) {
        ValidationPolicy.SignatureRule sr = policy.signature();
        if (sr != null && sr.hashAlgorithm() != null && sr.hashAlgorithm().list() != null
                && !sr.hashAlgorithm().list().isEmpty()) {
            List<String> l = sr.hashAlgorithm().list();
            return l.stream().filter(h -> h.equalsIgnoreCase("SHA-256")).findFirst().orElse(l.get(0));
        }
        return "SHA-256";
    }

    /** The problems from {@code i} on as one message, "a; b; c", each rendered in the reader's language. */
    private static Msg joined(List<Msg> problems, int i) {
        return i == problems.size() - 1 ? problems.get(i)
                : Msg.of("core.issuance.policy.list", problems.get(i), joined(problems, i + 1));
    }

    /** The message of {@code e} as an argument: its {@link Msg} when it has one. */
    private static Object part(Throwable e) {
        return e instanceof io.atlasonboard.core.Localized l && l.msg() != null ? l.msg() : e.getMessage();
    }

    private static String str(JsonObject o, String k) {
        return o.has(k) && o.get(k).isJsonPrimitive() ? o.get(k).getAsString() : null;
    }

    static PKCS10CertificationRequest parseCsr(String pem) {
        List<Object> objs = Pem.readAll(pem);
        for (Object o : objs) {
            if (o instanceof PKCS10CertificationRequest c) {
                try {
                    if (!c.isSignatureValid(new JcaContentVerifierProviderBuilder()
                            .build(c.getSubjectPublicKeyInfo()))) {
                        throw new InvalidInputException(Msg.of("core.issuance.csr.badSignature"));
                    }
                } catch (OperatorCreationException | PKCSException e) {
                    throw new InvalidInputException(Msg.of("core.issuance.csr.signatureUnchecked", e.getMessage()), e);
                }
                return c;
            }
        }
        throw new InvalidInputException(Msg.of("core.issuance.csr.none"));
    }

    private static void checkKey(PublicKey key, String keyType, List<Integer> lengths) {
        String type;
        int len;
        if (key instanceof RSAPublicKey r) {
            type = "RSA";
            len = r.getModulus().bitLength();
        } else if (key instanceof ECPublicKey ec) {
            type = "ECDSA";
            len = ec.getParams().getCurve().getField().getFieldSize();
        } else {
            throw new InvalidInputException(Msg.of("core.issuance.key.unsupportedAlgorithm", key.getAlgorithm()));
        }
        if (!type.equals(keyType)) {
            throw new InvalidInputException(Msg.of("core.issuance.key.wrongType", keyType, type));
        }
        if (!lengths.isEmpty() && !lengths.contains(len)) {
            throw new InvalidInputException(Msg.of("core.issuance.key.lengthNotAllowed", String.valueOf(len),
                    lengths.toString()));
        }
    }

    private static KeyPair generate(String keyType, List<Integer> lengths, Integer wanted) {
        try {
            if (keyType.equals("ECDSA")) {
                int bits = wanted != null ? wanted : lengths.isEmpty() ? 256 : lengths.stream().min(Integer::compare)
                        .orElse(256);
                if (!lengths.isEmpty() && !lengths.contains(bits)) {
                    throw new InvalidInputException(Msg.of("core.issuance.key.lengthNotAllowedShort",
                            String.valueOf(bits), lengths.toString()));
                }
                String curve = switch (bits) {
                    case 256 -> "secp256r1";
                    case 384 -> "secp384r1";
                    case 521 -> "secp521r1";
                    default -> throw new InvalidInputException(Msg.of("core.issuance.key.noCurve", String.valueOf(bits)));
                };
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(curve), new SecureRandom());
                return g.generateKeyPair();
            }
            if (!keyType.equals("RSA")) {
                throw new InvalidInputException(Msg.of("core.issuance.key.typeUnsupported", keyType));
            }
            int bits;
            if (wanted != null) {
                bits = wanted;
            } else {
                bits = lengths.stream().filter(l -> l >= 2048).min(Integer::compare).orElse(2048);
            }
            if (!lengths.isEmpty() && !lengths.contains(bits)) {
                throw new InvalidInputException(Msg.of("core.issuance.key.lengthNotAllowed", String.valueOf(bits),
                        lengths.toString()));
            }
            if (bits < 2048) {
                throw new InvalidInputException(Msg.of("core.issuance.key.rsaTooShort"));
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new DomainsException("Key generation failed: " + e.getMessage(), e);
        }
    }

    private static PKCS10CertificationRequest makeCsr(KeyPair kp, String cn, String hash) {
        X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
        if (cn != null) {
            nb.addRDN(BCStyle.CN, cn);
        }
        X500Name subject = nb.build();
        String h = hash.replace("-", "").toUpperCase(Locale.ROOT);
        String alg = h + "with" + (kp.getPublic() instanceof ECPublicKey ? "ECDSA" : "RSA");
        try {
            ContentSigner signer = new JcaContentSignerBuilder(alg).build(kp.getPrivate());
            return new JcaPKCS10CertificationRequestBuilder(subject, kp.getPublic()).build(signer);
        } catch (OperatorCreationException e) {
            throw new DomainsException("Could not sign the certificate request: " + e.getMessage(), e);
        }
    }

    /** Base64 signature over the DER SubjectPublicKeyInfo, SHA-256, RSA PKCS#1 v1.5 or ECDSA (DER). */
    static String proofOfPossession(KeyPair kp) {
        PrivateKey key = kp.getPrivate();
        try {
            Signature s = Signature.getInstance(kp.getPublic() instanceof ECPublicKey ? "SHA256withECDSA"
                    : "SHA256withRSA");
            s.initSign(key);
            s.update(kp.getPublic().getEncoded());
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new DomainsException("Could not sign the public key: " + e.getMessage(), e);
        }
    }
}
