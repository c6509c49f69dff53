package io.atlasonboard.core.pki;

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
            throw new InvalidInputException("The domain name is empty; expected a name such as www.example.com");
        }
        String s = input.strip();
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException("'" + s + "' contains spaces; expected a single domain name such as www.example.com");
        }
        if (s.contains("://") || s.contains("/") || s.contains(":") || s.contains("@")) {
            throw new InvalidInputException("'" + s + "' looks like a URL or host:port; expected only the domain name, "
                    + "such as www.example.com (no scheme, path or port)");
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.startsWith(".") || s.contains("..")) {
            throw new InvalidInputException("'" + input.strip() + "' has an empty label (two dots in a row or a leading dot); "
                    + "expected labels separated by single dots, such as www.example.com");
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
                throw new InvalidInputException("'" + input.strip() + "': a wildcard is allowed only as the whole left-most label, "
                        + "as in *.example.com (not 'w*', not in the middle)");
            }
            out.add(label(label, input.strip()));
        }
        int real = wildcard ? out.size() - 1 : out.size();
        if (real < 2) {
            throw new InvalidInputException("'" + input.strip() + "' is not a fully qualified domain name; expected at least two labels, "
                    + "such as example.com" + (wildcard ? " (a wildcard needs a domain below it: *.example.com)" : ""));
        }
        String tld = out.get(out.size() - 1);
        if (tld.chars().allMatch(Character::isDigit)) {
            throw new InvalidInputException("'" + input.strip() + "' looks like an IP address; expected a domain name "
                    + "(certificates for this profile carry DNS names)");
        }
        String name = String.join(".", out);
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("'" + input.strip() + "' is " + name.length() + " characters long in A-label form; "
                    + "a domain name may have at most " + MAX_NAME);
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
                throw new InvalidInputException("The label '" + label + "' in '" + whole + "' is not a valid international "
                        + "domain label (" + e.getMessage() + "); expected letters, digits and hyphens", e);
            }
        }
        a = a.toLowerCase(Locale.ROOT);
        if (a.isEmpty() || a.length() > MAX_LABEL) {
            throw new InvalidInputException("The label '" + label + "' in '" + whole + "' is " + a.length()
                    + " characters long" + (ascii ? "" : " as an A-label (" + a + ")") + "; each label must have 1 to "
                    + MAX_LABEL + " characters");
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                throw new InvalidInputException("The label '" + label + "' in '" + whole + "' contains '" + c
                        + "'; a label may contain only letters, digits and hyphens" + (c == '_' ? " (no underscore)" : ""));
            }
        }
        if (a.startsWith("xn--") && IDN.toUnicode(a, IDN.USE_STD3_ASCII_RULES).equals(a)) {
            throw new InvalidInputException("The label '" + label + "' in '" + whole + "' starts with xn-- but is not "
                    + "valid Punycode; type the international name itself or its correct A-label");
        }
        if (a.startsWith("-") || a.endsWith("-")) {
            throw new InvalidInputException("The label '" + label + "' in '" + whole
                    + "' starts or ends with a hyphen; a label must begin and end with a letter or digit");
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
                throw new InvalidInputException("Entry " + pos + ": " + e.getMessage(), e);
            }
            Integer first = seen.putIfAbsent(n, pos);
            if (first != null) {
                throw new InvalidInputException(duplicateMessage(n, first, pos));
            }
        }
        return List.copyOf(seen.keySet());
    }

    /** For an "Add" button: normalises {@code input} and returns a new list with it appended; refuses a duplicate. */
    public static List<String> add(List<String> current, String input) {
        String n = normalize(input);
        int idx = current.indexOf(n);
        if (idx >= 0) {
            throw new InvalidInputException(duplicateMessage(n, idx + 1, current.size() + 1));
        }
        List<String> out = new ArrayList<>(current);
        out.add(n);
        return List.copyOf(out);
    }

    private static String duplicateMessage(String n, int first, int again) {
        return "The domain name " + n + " is listed twice (entries " + first + " and " + again
                + "); each name may appear only once";
    }
}
