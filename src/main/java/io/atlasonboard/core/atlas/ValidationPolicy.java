package io.atlasonboard.core.atlas;

import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;

/**
 * The account's validation policy ({@code GET /validationpolicy}, ATLAS-API.md 4.1), typed where this product uses
 * it. Parsing is tolerant: unknown fields are ignored, missing ones are null, and {@link #raw()} keeps the whole
 * document for parts not modelled here.
 */
public record ValidationPolicy(
        Validity validity,
        @SerializedName("subject_dn") Map<String, JsonElement> subjectDn,
        San san,
        @SerializedName("key_usages") Map<String, String> keyUsages,
        @SerializedName("extended_key_usages") Ekus extendedKeyUsages,
        @SerializedName("public_key") PublicKeyRule publicKey,
        @SerializedName("public_key_signature") String publicKeySignature,
        SignatureRule signature,
        JsonObject raw) {

    public record Validity(Long secondsmin, Long secondsmax,
            @SerializedName("not_before_negative_skew") Long notBeforeNegativeSkew,
            @SerializedName("not_before_positive_skew") Long notBeforePositiveSkew,
            @SerializedName("issuer_expiry") Long issuerExpiry) {
    }

    /** {@code LIST}: {static, list, mincount, maxcount}. */
    public record ListRule(@SerializedName("static") Boolean isStatic, List<String> list, Integer mincount,
            Integer maxcount) {
        public boolean allowsAny() {
            return maxcount == null || maxcount > 0;
        }
    }

    public record San(Boolean critical, @SerializedName("dns_names") ListRule dnsNames, ListRule emails,
            @SerializedName("ip_addresses") ListRule ipAddresses, ListRule uris) {
    }

    public record Ekus(ListRule ekus, Boolean critical) {
    }

    public record PublicKeyRule(@SerializedName("key_type") String keyType,
            @SerializedName("allowed_lengths") List<Integer> allowedLengths,
            @SerializedName("key_format") String keyFormat) {
    }

    public record AlgorithmRule(String presence, List<String> list) {
    }

    public record SignatureRule(AlgorithmRule algorithm, @SerializedName("hash_algorithm") AlgorithmRule hashAlgorithm) {
    }

    /** A string field rule of {@code subject_dn}: {presence, format}. Null when absent or not of that shape. */
    public record FieldRule(String presence, String format) {
    }

    public FieldRule subjectField(String name) {
        if (subjectDn == null) {
            return null;
        }
        JsonElement e = subjectDn.get(name);
        if (e == null || !e.isJsonObject()) {
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        String presence = o.has("presence") && o.get("presence").isJsonPrimitive() ? o.get("presence").getAsString() : null;
        String format = o.has("format") && o.get("format").isJsonPrimitive() ? o.get("format").getAsString() : null;
        return new FieldRule(presence, format);
    }

    ValidationPolicy withRaw(JsonObject rawJson) {
        return new ValidationPolicy(validity, subjectDn, san, keyUsages, extendedKeyUsages, publicKey,
                publicKeySignature, signature, rawJson);
    }
}
