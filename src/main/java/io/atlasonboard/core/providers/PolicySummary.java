package io.atlasonboard.core.providers;

import io.atlasonboard.core.atlas.ValidationPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonElement;

/** Describes a validation policy in words: what the account allows. */
public final class PolicySummary {
    private static final Map<String, String> EKU_NAMES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth",
            "1.3.6.1.5.5.7.3.2", "clientAuth",
            "1.3.6.1.5.5.7.3.4", "emailProtection",
            "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.8", "timeStamping");

    private PolicySummary() {
    }

    public static String describe(ValidationPolicy p) {
        List<String> lines = new ArrayList<>();
        ValidationPolicy.PublicKeyRule pk = p.publicKey();
        if (pk != null) {
            StringBuilder s = new StringBuilder("Keys: ").append(pk.keyType() == null ? "any type" : pk.keyType());
            if (pk.allowedLengths() != null && !pk.allowedLengths().isEmpty()) {
                s.append(' ').append(join(pk.allowedLengths().stream().map(String::valueOf).toList(), " or "));
                s.append("RSA".equalsIgnoreCase(pk.keyType()) ? " bits" : "");
            }
            if (pk.keyFormat() != null) {
                s.append("; the public key is sent as ").append(pk.keyFormat().toUpperCase(Locale.ROOT))
                        .append("PKCS10".equalsIgnoreCase(pk.keyFormat()) ? " (a CSR)" : " (a PEM public key)");
            }
            lines.add(s.toString());
        }
        if (p.publicKeySignature() != null) {
            lines.add("Proof of possession (public_key_signature): " + p.publicKeySignature());
        }
        lines.add("Subject: " + subject(p));
        ValidationPolicy.San san = p.san();
        if (san != null) {
            lines.add("DNS names: " + listRule(san.dnsNames(), "ending in"));
            lines.add("E-mail addresses: " + listRule(san.emails(), "ending in"));
            if (san.ipAddresses() != null && san.ipAddresses().allowsAny()) {
                lines.add("IP addresses: " + listRule(san.ipAddresses(), "matching"));
            }
            if (san.uris() != null && san.uris().allowsAny()) {
                lines.add("URIs: " + listRule(san.uris(), "matching"));
            }
        }
        if (p.extendedKeyUsages() != null && p.extendedKeyUsages().ekus() != null) {
            ValidationPolicy.ListRule e = p.extendedKeyUsages().ekus();
            List<String> names = e.list() == null ? List.of()
                    : e.list().stream().map(o -> EKU_NAMES.containsKey(o) ? EKU_NAMES.get(o) + " (" + o + ")" : o)
                            .toList();
            lines.add("Extended key usages: " + (names.isEmpty() ? "none listed" : join(names, ", "))
                    + (Boolean.TRUE.equals(e.isStatic()) ? " (fixed by the policy)" : " (selectable)"));
        }
        if (p.validity() != null && p.validity().secondsmax() != null) {
            long secs = p.validity().secondsmax();
            long days = secs / 86400;
            lines.add("Maximum validity: " + days + (days == 1 ? " day" : " days")
                    + (secs % 86400 != 0 ? " (" + secs + " s)" : ""));
        }
        if (p.signature() != null && p.signature().hashAlgorithm() != null
                && p.signature().hashAlgorithm().list() != null) {
            lines.add("Signature hash: " + join(p.signature().hashAlgorithm().list(), ", ")
                    + presence(p.signature().hashAlgorithm().presence()));
        }
        return String.join("\n", lines);
    }

    private static String subject(ValidationPolicy p) {
        if (p.subjectDn() == null || p.subjectDn().isEmpty()) {
            return "no rules given";
        }
        Map<String, List<String>> byPresence = new TreeMap<>();
        for (var en : p.subjectDn().entrySet()) {
            JsonElement v = en.getValue();
            if (v != null && v.isJsonObject() && v.getAsJsonObject().has("presence")
                    && v.getAsJsonObject().get("presence").isJsonPrimitive()) {
                String pr = v.getAsJsonObject().get("presence").getAsString().toUpperCase(Locale.ROOT);
                String label = en.getKey();
                if (pr.equals("STATIC")) {
                    ValidationPolicy.FieldRule f = p.subjectField(en.getKey());
                    if (f != null && f.format() != null) {
                        label += " = \"" + f.format() + "\"";
                    }
                }
                byPresence.computeIfAbsent(pr, k -> new ArrayList<>()).add(label);
            }
        }
        List<String> parts = new ArrayList<>();
        for (String pr : List.of("REQUIRED", "STATIC", "OPTIONAL")) {
            if (byPresence.containsKey(pr)) {
                parts.add(pr.toLowerCase(Locale.ROOT) + ": " + join(byPresence.get(pr), ", "));
            }
        }
        return parts.isEmpty() ? "no rules given" : String.join("; ", parts);
    }

    private static String listRule(ValidationPolicy.ListRule r, String matchWord) {
        if (r == null || !r.allowsAny()) {
            return "not allowed";
        }
        int min = r.mincount() == null ? 0 : r.mincount();
        StringBuilder s = new StringBuilder();
        s.append(r.maxcount() == null ? "at least " + min : min + " to " + r.maxcount());
        if (r.list() != null && !r.list().isEmpty()) {
            s.append(", ").append(matchWord).append(' ').append(join(r.list().stream()
                    .map(x -> ".".equals(x) ? "\".\" (any name)" : "\"" + x + "\"").toList(), ", "));
        }
        if (Boolean.TRUE.equals(r.isStatic())) {
            s.append(" (fixed by the policy)");
        }
        return s.toString();
    }

    private static String presence(String p) {
        return p == null ? "" : " (" + p.toLowerCase(Locale.ROOT) + ")";
    }

    private static String join(List<String> items, String sep) {
        return String.join(sep, items);
    }
}
