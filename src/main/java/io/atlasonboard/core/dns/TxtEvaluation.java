package io.atlasonboard.core.dns;

import io.atlasonboard.core.Msg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/** Turns one server's answer (or its failure) into a {@link ServerResult}: found, missing, near miss, error. */
final class TxtEvaluation {

    private TxtEvaluation() {
    }

    /** An authoritative server's answer to TXT at {@code name} (recursion off). */
    static ServerResult authoritative(String server, String addr, Message r, Name name, String zone,
                                      String expected) {
        int rc = r.getRcode();
        if (rc != Rcode.NOERROR && rc != Rcode.NXDOMAIN) {
            return ServerResult.of(server, addr, ServerKind.AUTHORITATIVE, CheckOutcome.ERROR, List.of(),
                    rc == Rcode.REFUSED ? Msg.of("core.dns.server.refused", Rcode.string(rc), String.valueOf(zone))
                            : Msg.of("core.dns.server.answered", Rcode.string(rc)));
        }
        if (!r.getHeader().getFlag(Flags.AA)) {
            return ServerResult.of(server, addr, ServerKind.AUTHORITATIVE, CheckOutcome.ERROR, List.of(),
                    Msg.of("core.dns.server.lame", String.valueOf(zone)));
        }
        return evaluate(server, addr, ServerKind.AUTHORITATIVE, r, name, expected);
    }

    /** A configured resolver's answer to TXT at {@code name} (recursion on). */
    static ServerResult resolver(String server, String addr, Message r, Name name, String expected) {
        int rc = r.getRcode();
        if (rc != Rcode.NOERROR && rc != Rcode.NXDOMAIN) {
            return ServerResult.of(server, addr, ServerKind.RESOLVER, CheckOutcome.ERROR, List.of(),
                    Msg.of("core.dns.server.answered", Rcode.string(rc)));
        }
        return evaluate(server, addr, ServerKind.RESOLVER, r, name, expected);
    }

    static ServerResult failed(String server, String addr, ServerKind kind, String reason) {
        return new ServerResult(server, addr, kind, CheckOutcome.ERROR, List.of(), reason);
    }

    static ServerResult evaluate(String server, String addr, ServerKind kind, Message r, Name name,
                                         String expected) {
        List<String> values = new ArrayList<>();
        for (Record rec : r.getSection(Section.ANSWER)) {
            if (rec instanceof TXTRecord t) {
                values.add(joined(t));
            }
        }
        if (values.contains(expected)) {
            return new ServerResult(server, addr, kind, CheckOutcome.FOUND, values, "");
        }
        if (r.getRcode() == Rcode.NXDOMAIN) {
            return ServerResult.of(server, addr, kind, CheckOutcome.NOT_FOUND, values,
                    Msg.of("core.dns.server.nxdomain", String.valueOf(name)));
        }
        Msg hint = null;
        boolean related = false;
        for (String v : values) {
            Msg h = nearMiss(v, expected);
            if (h != null) {
                hint = hint == null ? h : hint;
                related = true;
            } else if (related(v, expected)) {
                related = true;
            }
        }
        if (related) {
            return ServerResult.of(server, addr, kind, CheckOutcome.WRONG_VALUE, values,
                    hint != null ? hint : Msg.of("core.dns.server.otherValue"));
        }
        return ServerResult.of(server, addr, kind, CheckOutcome.NOT_FOUND, values,
                Msg.of(values.isEmpty() ? "core.dns.server.noTxt" : "core.dns.server.noTxtValue", String.valueOf(name)));
    }

    /** The strings of one TXT record joined without separator (how a split long value is read back). */
    static String joined(TXTRecord t) {
        StringBuilder sb = new StringBuilder();
        for (byte[] b : t.getStringsAsByteArrays()) {
            sb.append(new String(b, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static Msg nearMiss(String seen, String expected) {
        String s = seen.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
                && s.substring(1, s.length() - 1).strip().equals(expected)) {
            return Msg.of("core.dns.server.quoted");
        }
        if (s.equals(expected) || s.replaceAll("\\s+", "").equals(expected.replaceAll("\\s+", ""))) {
            return Msg.of("core.dns.server.spaces");
        }
        if (s.equalsIgnoreCase(expected)) {
            return Msg.of("core.dns.server.case");
        }
        int eq = expected.indexOf('=');
        if (eq > 0 && s.length() > 0 && expected.endsWith(s) && !s.contains("=")) {
            return Msg.of("core.dns.server.afterEquals", expected.substring(0, eq + 1));
        }
        return null;
    }

    private static boolean related(String seen, String expected) {
        String s = seen.toLowerCase(Locale.ROOT);
        String e = expected.toLowerCase(Locale.ROOT);
        int eq = e.indexOf('=');
        if (eq > 0 && s.startsWith(e.substring(0, eq + 1))) {
            return true;
        }
        if (s.contains("globalsign")) {
            return true;
        }
        if (eq < 0 && e.matches("[0-9a-f]{16,}") && s.replaceAll("[^0-9a-f]", "").length() == e.length()
                && s.matches("[0-9a-f]+")) {
            return true; // bare-hex token (2018 format) replaced by another one
        }
        return s.contains(e) || (!s.isEmpty() && e.contains(s));
    }
}
