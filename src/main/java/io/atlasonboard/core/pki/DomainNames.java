package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;
import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DNS names for certificates: RFC 1035 label rules (1-63 characters of letters, digits and hyphen, no leading or
 * trailing hyphen, at most 253 characters in all), international names converted to A-labels (java.net.IDN,
 * IDNA 2003 rules as the JDK implements them), a wildcard only as the whole left-most label ({@code *.example.com}).
 */
public final class DomainNames {
    public static final int MAX_LABEL = 63;
    public static final int MAX_NAME = 253;

    private DomainNames() {
    }

    /** Returns the name in lower-case A-label form; a single trailing dot is dropped. */
    public static String normalize(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidInputException(Msg.of("core.pki.domain.empty"));
        }
        String s = input.strip();
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException(Msg.of("core.pki.domain.spaces", s));
        }
        if (s.contains("://") || s.contains("/") || s.contains(":") || s.contains("@")) {
            throw new InvalidInputException(Msg.of("core.pki.domain.url", s));
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.startsWith(".") || s.contains("..")) {
            throw new InvalidInputException(Msg.of("core.pki.domain.emptyLabel", input.strip()));
        }
        String[] labels = s.split("\\.", -1);
        boolean wildcard = false;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (label.contains("*")) {
                if (i == 0 && label.equals("*")) {
                    wildcard = true;
                    out.add("*");
                    continue;
                }
                throw new InvalidInputException(Msg.of("core.pki.domain.wildcardPlace", input.strip()));
            }
            out.add(label(label, input.strip()));
        }
        int real = wildcard ? out.size() - 1 : out.size();
        if (real < 2) {
            throw new InvalidInputException(Msg.of(wildcard ? "core.pki.domain.notFqdnWildcard" : "core.pki.domain.notFqdn", input.strip()));
        }
        String tld = out.get(out.size() - 1);
        if (tld.chars().allMatch(Character::isDigit)) {
            throw new InvalidInputException(Msg.of("core.pki.domain.ip", input.strip()));
        }
        String name = String.join(".", out);
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException(Msg.of("core.pki.domain.tooLong", input.strip(), name.length(), MAX_NAME));
        }
        return name;
    }

    private static String label(String label, String whole) {
        String a = label;
        boolean ascii = label.chars().allMatch(c -> c < 0x80);
        if (!ascii) {
            try {
                a = IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(Msg.of("core.pki.label.idn", label, whole, e.getMessage()), e);
            }
        }
        a = a.toLowerCase(Locale.ROOT);
        if (a.isEmpty() || a.length() > MAX_LABEL) {
            throw new InvalidInputException(ascii ? Msg.of("core.pki.label.length", label, whole, a.length(), MAX_LABEL)
                    : Msg.of("core.pki.label.lengthAlabel", label, whole, a.length(), a, MAX_LABEL));
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                throw new InvalidInputException(Msg.of(c == '_' ? "core.pki.label.underscore" : "core.pki.label.char", label, whole, String.valueOf(c)));
            }
        }
        if (a.startsWith("xn--") && IDN.toUnicode(a, IDN.USE_STD3_ASCII_RULES).equals(a)) {
            throw new InvalidInputException(Msg.of("core.pki.label.punycode", label, whole));
        }
        if (a.startsWith("-") || a.endsWith("-")) {
            throw new InvalidInputException(Msg.of("core.pki.label.hyphen", label, whole));
        }
        return a;
    }

    /**
     * Normalises every entry (blank entries are skipped) and refuses duplicates, naming them and their positions.
     * Order is kept.
     */
    public static List<String> normalizeList(List<String> inputs) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        int pos = 0;
        for (String in : inputs) {
            pos++;
            if (in == null || in.isBlank()) {
                continue;
            }
            String n;
            try {
                n = normalize(in);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(Msg.of("core.pki.domain.entry", pos, InvalidInputException.part(e)), e);
            }
            Integer first = seen.putIfAbsent(n, pos);
            if (first != null) {
                throw new InvalidInputException(Msg.of("core.pki.domain.duplicate", n, first, pos));
            }
        }
        return List.copyOf(seen.keySet());
    }

    /** For an "Add" button: normalises {@code input} and returns a new list with it appended; refuses a duplicate. */
    public static List<String> add(List<String> current, String input) {
        String n = normalize(input);
        int idx = current.indexOf(n);
        if (idx >= 0) {
            throw new InvalidInputException(Msg.of("core.pki.domain.duplicate", n, idx + 1, current.size() + 1));
        }
        List<String> out = new ArrayList<>(current);
        out.add(n);
        return List.copyOf(out);
    }

}
