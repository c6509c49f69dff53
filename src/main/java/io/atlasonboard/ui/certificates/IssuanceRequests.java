package io.atlasonboard.ui.certificates;

import java.io.IOException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.atlasonboard.core.atlas.ValidationPolicy;
import io.atlasonboard.core.pki.Pem;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Builds the {@code POST /certificates} body (ATLAS-API.md 4.2) from the form and the account's validation policy:
 * STATIC and FORBIDDEN subject fields are not sent, static EKUs and key usages are left to the CA, the public key goes
 * as a CSR or a PEM public key with proof of possession as {@code key_format} says. No JavaFX: runs on workers.
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
            return tls ? "DNS names" : "E-mail addresses";
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
            out.add("The account's policy REQUIRES a Common Name.");
        }
        if (hasCn && !v.cnSent()) {
            out.add("The account's policy does not allow a Common Name (" + v.cnPresence() + "); leave it empty.");
        }
        if (names.size() < v.minNames()) {
            out.add("The policy requires at least " + v.minNames() + " " + v.namesLabel().toLowerCase(Locale.ROOT) + ".");
        }
        if (names.size() > v.maxNames()) {
            out.add("The policy allows at most " + v.maxNames() + " " + v.namesLabel().toLowerCase(Locale.ROOT) + ".");
        }
        if (validitySeconds > v.maxValiditySeconds()) {
            out.add("The policy allows at most " + v.maxValiditySeconds() / 86400 + " days of validity.");
        }
        if (validitySeconds < 3600) {
            out.add("The validity must be at least one hour.");
        }
        return out;
    }

    /** A PKCS#10 request for the key (subject CN only; the API takes subject and SANs from the JSON). */
    public static String csrPem(KeyPair key, String commonName) {
        X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
        nb.addRDN(BCStyle.CN, commonName == null || commonName.isBlank() ? "Atlas Onboard request" : commonName);
        try {
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(nb.build(), key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
            return Pem.write(csr);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the request: " + e.getMessage(), e);
        }
    }

    /**
     * The request body. {@code publicKeyPem} is a CSR (PKCS10 accounts) or a PUBLIC KEY PEM (PKCS8 accounts);
     * {@code pop} is the base64 proof of possession or null.
     */
    public static JsonObject body(PolicyView v, String commonName, List<String> names, Instant notBefore,
            long validitySeconds, String publicKeyPem, String pop) {
        JsonObject o = new JsonObject();
        JsonObject validity = new JsonObject();
        validity.addProperty("not_before", notBefore.getEpochSecond());
        validity.addProperty("not_after", notBefore.getEpochSecond() + validitySeconds);
        o.add("validity", validity);
        JsonObject dn = new JsonObject();
        if (v.cnSent() && commonName != null && !commonName.isBlank()) {
            dn.addProperty("common_name", commonName.strip());
        }
        o.add("subject_dn", dn);
        JsonObject san = new JsonObject();
        JsonArray a = new JsonArray();
        names.forEach(a::add);
        san.add(v.tls() ? "dns_names" : "emails", a);
        o.add("san", san);
        o.addProperty("public_key", publicKeyPem);
        if (pop != null) {
            o.addProperty("public_key_signature", pop);
        }
        return o;
    }

    /** Proof of possession: SHA256withRSA over the DER SubjectPublicKeyInfo (ATLAS-API.md 4.2). */
    public static String proofOfPossession(KeyPair key) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key.getPrivate());
            s.update(key.getPublic().getEncoded());
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the public key: " + e.getMessage(), e);
        }
    }

    /** The public key of a supplied CSR as PEM (for PKCS8 accounts given a CSR). */
    public static String publicKeyPemOf(PKCS10CertificationRequest csr) throws IOException {
        return Pem.write(csr.getSubjectPublicKeyInfo());
    }
}
