package io.atlasonboard.core.providers;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.atlas.ValidationPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonElement;

/**
 * Describes a validation policy in words: what the account allows. {@link #msg} gives the description as a
 * {@link Msg} (one line per rule, keys under {@code core.providers.policy.}) for the UI; {@link #describe} is its
 * English text for the command line. Policy tokens (field names, OIDs, algorithm names, formats) stay as the API
 * writes them; numbers are written without grouping in every language.
 */
public final class PolicySummary {
    private static final String P = "core.providers.policy.";
    private static final Map<String, String> EKU_NAMES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth",
            "1.3.6.1.5.5.7.3.2", "clientAuth",
            "1.3.6.1.5.5.7.3.4", "emailProtection",
            "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.8", "timeStamping");

    private PolicySummary() {
    }

    /** The English description (the command line's "Validation policy:" block). */
    public static String describe(ValidationPolicy p) {
        return msg(p).english();
    }

    /** The description as a {@link Msg}: its lines joined by line breaks, rendered in the reader's language. */
    public static Msg msg(ValidationPolicy p) {
        List<Object> lines = new ArrayList<>();
        ValidationPolicy.PublicKeyRule pk = p.publicKey();
        if (pk != null) {
            Object type = pk.keyType() == null ? Msg.of(P + "anyType") : pk.keyType();
            Object keys = type;
            if (pk.allowedLengths() != null && !pk.allowedLengths().isEmpty()) {
                Object lengths = chain("or", pk.allowedLengths().stream().map(n -> (Object) String.valueOf(n)).toList());
                keys = Msg.of(P + ("RSA".equalsIgnoreCase(pk.keyType()) ? "typeBits" : "typeLengths"), type, lengths);
            }
            if (pk.keyFormat() == null) {
                lines.add(Msg.of(P + "keys", keys));
            } else {
                lines.add(Msg.of(P + ("PKCS10".equalsIgnoreCase(pk.keyFormat()) ? "keysCsr" : "keysPem"), keys,
                        pk.keyFormat().toUpperCase(Locale.ROOT)));
            }
        }
        if (p.publicKeySignature() != null) {
            lines.add(Msg.of(P + "pop", p.publicKeySignature()));
        }
        lines.add(Msg.of(P + "subject", subject(p)));
        ValidationPolicy.San san = p.san();
        if (san != null) {
            lines.add(Msg.of(P + "dns", listRule(san.dnsNames(), "endingIn")));
            lines.add(Msg.of(P + "emails", listRule(san.emails(), "endingIn")));
            if (san.ipAddresses() != null && san.ipAddresses().allowsAny()) {
                lines.add(Msg.of(P + "ips", listRule(san.ipAddresses(), "matching")));
            }
            if (san.uris() != null && san.uris().allowsAny()) {
                lines.add(Msg.of(P + "uris", listRule(san.uris(), "matching")));
            }
        }
        if (p.extendedKeyUsages() != null && p.extendedKeyUsages().ekus() != null) {
            ValidationPolicy.ListRule e = p.extendedKeyUsages().ekus();
            List<Object> names = e.list() == null ? List.of()
                    : e.list().stream().map(o -> (Object) (EKU_NAMES.containsKey(o) ? EKU_NAMES.get(o) + " (" + o + ")"
                            : o)).toList();
            lines.add(Msg.of(P + (Boolean.TRUE.equals(e.isStatic()) ? "ekusFixed" : "ekusSelectable"),
                    names.isEmpty() ? Msg.of(P + "noneListed") : chain("comma", names)));
        }
        if (p.validity() != null && p.validity().secondsmax() != null) {
            long secs = p.validity().secondsmax();
            long days = secs / 86400;
            String unit = days == 1 ? "validityDay" : "validityDays";
            lines.add(secs % 86400 != 0 ? Msg.of(P + unit + "Seconds", String.valueOf(days), String.valueOf(secs))
                    : Msg.of(P + unit, String.valueOf(days)));
        }
        if (p.signature() != null && p.signature().hashAlgorithm() != null
                && p.signature().hashAlgorithm().list() != null) {
            Object hashes = chain("comma", new ArrayList<>(p.signature().hashAlgorithm().list()));
            String presence = p.signature().hashAlgorithm().presence();
            lines.add(presence == null ? Msg.of(P + "hash", hashes)
                    : Msg.of(P + "hashPresence", hashes, presenceWord(presence)));
        }
        return (Msg) chain("lines", lines); // the subject line is always there
    }

    private static Object subject(ValidationPolicy p) {
        if (p.subjectDn() == null || p.subjectDn().isEmpty()) {
            return Msg.of(P + "noRules");
        }
        Map<String, List<Object>> byPresence = new TreeMap<>();
        for (var en : p.subjectDn().entrySet()) {
            JsonElement v = en.getValue();
            if (v != null && v.isJsonObject() && v.getAsJsonObject().has("presence")
                    && v.getAsJsonObject().get("presence").isJsonPrimitive()) {
                String pr = v.getAsJsonObject().get("presence").getAsString().toUpperCase(Locale.ROOT);
                String label = en.getKey();
                if (pr.equals("STATIC")) {
                    ValidationPolicy.FieldRule f = p.subjectField(en.getKey());
                    if (f != null && f.format() != null) {
                        label += " = \"" + f.format() + "\""; // not user-visible (a field and its value, as in the policy)
                    }
                }
                byPresence.computeIfAbsent(pr, k -> new ArrayList<>()).add(label);
            }
        }
        List<Object> parts = new ArrayList<>();
        for (String pr : List.of("REQUIRED", "STATIC", "OPTIONAL")) {
            if (byPresence.containsKey(pr)) {
                parts.add(Msg.of(P + "fields." + pr, chain("comma", byPresence.get(pr))));
            }
        }
        return parts.isEmpty() ? Msg.of(P + "noRules") : chain("semicolon", parts);
    }

    private static Object listRule(ValidationPolicy.ListRule r, String matchKey) {
        if (r == null || !r.allowsAny()) {
            return Msg.of(P + "notAllowed");
        }
        int min = r.mincount() == null ? 0 : r.mincount();
        Object s = r.maxcount() == null ? Msg.of(P + "atLeast", String.valueOf(min))
                : Msg.of(P + "range", String.valueOf(min), String.valueOf(r.maxcount()));
        if (r.list() != null && !r.list().isEmpty()) {
            s = Msg.of(P + matchKey, s, chain("comma", r.list().stream()
                    .map(x -> ".".equals(x) ? (Object) Msg.of(P + "anyName") : "\"" + x + "\"").toList()));
        }
        if (Boolean.TRUE.equals(r.isStatic())) {
            s = Msg.of(P + "fixed", s);
        }
        return s;
    }

    /** A presence token of the policy ("OPTIONAL") as a word; unknown tokens lower-cased as they are. */
    private static Object presenceWord(String p) {
        String up = p.toUpperCase(Locale.ROOT);
        return switch (up) {
            case "REQUIRED", "OPTIONAL", "STATIC", "FORBIDDEN" -> Msg.of(P + "presence." + up);
            default -> p.toLowerCase(Locale.ROOT);
        };
    }

    /** The items joined by a pattern of two ({@code core.providers.policy.comma} = "{0}, {1}"), nested right. */
    private static Object chain(String joinKey, List<?> items) {
        if (items.isEmpty()) {
            return "";
        }
        Object out = items.get(items.size() - 1);
        for (int i = items.size() - 2; i >= 0; i--) {
            out = Msg.of(P + "join." + joinKey, items.get(i), out);
        }
        return out;
    }
}
