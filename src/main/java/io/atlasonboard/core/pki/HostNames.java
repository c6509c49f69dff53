package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what a user pastes as the Common Name (often a URL) into a host name, saying what was changed. */
public final class HostNames {
    /** X.520 upper bound of commonName (ub-common-name). */
    public static final int MAX_CN = 64;

    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)");
    private static final Pattern PORT = Pattern.compile(":(\\d*)$");

    private HostNames() {
    }

    public static Normalized normalizeCommonName(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidInputException(Msg.of("core.pki.cn.empty"));
        }
        List<String> changes = new ArrayList<>();
        String s = input;
        String stripped = s.strip();
        if (!stripped.equals(s)) {
            changes.add("removed spaces around the input");
            s = stripped;
        }
        Matcher m = SCHEME.matcher(s);
        if (m.find()) {
            changes.add("removed the scheme " + m.group(1));
            s = s.substring(m.end());
        }
        int cut = indexOfAny(s, "/?#");
        if (cut >= 0) {
            String rest = s.substring(cut);
            s = s.substring(0, cut);
            changes.add(describeRest(rest));
        }
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            changes.add("removed the user information " + s.substring(0, at + 1));
            s = s.substring(at + 1);
        }
        if (s.startsWith("[")) {
            throw new InvalidInputException(Msg.of("core.pki.cn.ipv6", input.strip()));
        }
        Matcher p = PORT.matcher(s);
        if (p.find()) {
            changes.add("removed the port " + p.group());
            s = s.substring(0, p.start());
        }
        if (s.endsWith(".") && s.length() > 1) {
            changes.add("removed the trailing dot");
        }
        if (s.isEmpty()) {
            throw new InvalidInputException(Msg.of("core.pki.cn.noHost", input.strip()));
        }
        if (s.startsWith("*")) {
            throw new InvalidInputException(Msg.of("core.pki.cn.wildcard", s));
        }
        String before = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        String name;
        try {
            name = DomainNames.normalize(s);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(Msg.of("core.pki.cn.prefix", InvalidInputException.part(e)), e);
        }
        if (!before.chars().allMatch(c -> c < 0x80)) {
            changes.add("converted the international name to its A-label form " + name);
        } else if (!before.equals(name)) {
            changes.add("changed to lower case");
        }
        if (name.length() > MAX_CN) {
            throw new InvalidInputException(Msg.of("core.pki.cn.tooLong", name, name.length(), MAX_CN));
        }
        return new Normalized(name, changes);
    }

    private static String describeRest(String rest) {
        int q = rest.indexOf('?');
        int h = rest.indexOf('#');
        List<String> parts = new ArrayList<>();
        if (rest.startsWith("/")) {
            parts.add("the path");
        }
        if (q >= 0 && (h < 0 || q < h)) {
            parts.add("the query");
        }
        if (h >= 0) {
            parts.add("the fragment");
        }
        return "removed " + String.join(" and ", parts) + " " + rest;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Convenience for display: "changed your input: removed the scheme https://; removed the port :8443". */
    public static String describeChanges(Normalized n) {
        return n.changed() ? "Changed the input: " + String.join("; ", n.changes()) : "";
    }
}
