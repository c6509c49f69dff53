package io.atlasonboard.sim;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Domain-name rules shared by claims and certificate requests. */
final class Names {
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    private Names() {
    }

    static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Why {@code name} (lower case, no trailing dot, A-labels) is not a host name, or null when it is one. */
    static String hostNameProblem(String name, boolean allowWildcard) {
        if (name.isEmpty()) {
            return "empty name";
        }
        if (name.length() > 253) {
            return "longer than 253 characters";
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return "not a fully qualified domain name";
        }
        for (int i = 0; i < labels.length; i++) {
            String l = labels[i];
            if (l.equals("*")) {
                if (!allowWildcard || i != 0) {
                    return allowWildcard ? "a wildcard is allowed only as the left-most label"
                            : "wildcard labels are not allowed";
                }
                continue;
            }
            if (l.isEmpty()) {
                return "empty label";
            }
            if (l.length() > 63) {
                return "label longer than 63 characters";
            }
            if (!LABEL.matcher(l).matches()) {
                return "label '" + l + "' is not letters, digits and inner hyphens";
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return "top-level label is numeric";
        }
        return null;
    }

    /** Normalises a claim domain (path segment) to lower-case A-labels without trailing dot, or throws 422. */
    static String claimDomain(String raw) {
        String d = stripDot(raw.trim()).toLowerCase(Locale.ROOT);
        if (d.contains("*")) {
            throw new ApiException(422, "Validation error message",
                    Map.of("domain", raw + ": wildcard labels are not allowed in a domain claim"));
        }
        String ascii;
        try {
            ascii = IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, "Validation error message", Map.of("domain", raw + ": not a valid IDNA domain name"));
        }
        String problem = hostNameProblem(ascii, false);
        if (problem != null) {
            throw new ApiException(422, "Validation error message", Map.of("domain", raw + ": " + problem));
        }
        return ascii;
    }

    /** The claimed name and its parents with at least two labels (no public-suffix list: documented simplification). */
    static List<String> authorizationDomains(String domain) {
        List<String> out = new ArrayList<>();
        String d = domain;
        while (d.indexOf('.') > 0) {
            out.add(d + ".");
            d = d.substring(d.indexOf('.') + 1);
        }
        return out;
    }
}
