package io.atlasonboard.core.claims;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.atlasonboard.core.dns.TxtRecordPresentation;

/**
 * The sheet for the DNS team (issue 9): every TXT record to create (name, type, value, TTL, deadline), the CAA line
 * when GlobalSign is not allowed yet, one {@code dig} command per authoritative server to check their own work, and
 * what to answer back. As a printable, light XHTML page (well-formed, every value escaped) and as plain text for a
 * ticket. Build it with {@link HandoffSheets}.
 */
public final class HandoffSheet {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One record to create and how to check it. {@code claimedDomain} is what it proves; {@code caaLine} may be null. */
    public record Entry(String claimedDomain, TxtRecordPresentation record, List<String> digCommands,
            String caaLine, List<String> notes) {
        public Entry {
            Objects.requireNonNull(claimedDomain);
            Objects.requireNonNull(record);
            digCommands = List.copyOf(digCommands);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }
    }

    private final String provider;
    private final Instant created;
    private final List<Entry> entries;

    public HandoffSheet(String provider, Instant created, List<Entry> entries) {
        this.provider = Objects.requireNonNull(provider);
        this.created = Objects.requireNonNull(created);
        this.entries = List.copyOf(entries);
        if (this.entries.isEmpty()) {
            throw new IllegalArgumentException("a hand-off sheet needs at least one record");
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The earliest assert-by deadline of the records (null when none has one). */
    public Instant deadline() {
        Instant d = null;
        for (Entry e : entries) {
            Instant a = e.record().assertBy();
            if (a != null && (d == null || a.isBefore(d))) {
                d = a;
            }
        }
        return d;
    }

    static List<String> answerBack() {
        return List.of("that every record above was created (or the date it will be),",
                "the output of each dig command (each must print the value, in quotes),",
                "whether the CAA line was added, where one is listed.");
    }

    // ------------------------------------------------------------------------------------------------ text

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("DNS records for GlobalSign domain validation\n");
        sb.append("Requested for provider: ").append(provider).append('\n');
        sb.append("Prepared: ").append(UTC.format(created)).append('\n');
        Instant d = deadline();
        sb.append("Deadline: ").append(d == null ? "none" : UTC.format(d)
                + " (GlobalSign must see the records before then)").append("\n\n");
        int i = 1;
        for (Entry e : entries) {
            TxtRecordPresentation r = e.record();
            sb.append(i++).append(". ").append(e.claimedDomain()).append('\n');
            sb.append("   Name:  ").append(r.host()).append('\n');
            sb.append("   Type:  TXT\n");
            sb.append("   Value: ").append(r.value()).append('\n');
            sb.append("   TTL:   ").append(r.suggestedTtl().toSeconds()).append('\n');
            sb.append("   Deadline: ").append(r.assertBy() == null ? "none" : UTC.format(r.assertBy())).append('\n');
            sb.append("   Zone file line: ").append(r.zoneFileLine()).append('\n');
            if (e.caaLine() != null) {
                sb.append("   CAA record to add (GlobalSign is not allowed yet): ").append(e.caaLine()).append('\n');
            }
            for (String n : e.notes()) {
                sb.append("   Note: ").append(n).append('\n');
            }
            sb.append("   Check on every authoritative server:\n");
            for (String dig : e.digCommands()) {
                sb.append("     ").append(dig).append('\n');
            }
            sb.append('\n');
        }
        sb.append("Please answer with:\n");
        for (String a : answerBack()) {
            sb.append("  - ").append(a).append('\n');
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ HTML

    /** A printable page (XHTML, so any XML parser reads it); light colours, fits A4 and Letter. */
    public String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>DNS records for GlobalSign domain validation</title>\n")
                .append("<style>\n")
                .append("@page { margin: 15mm; }\n")
                .append("body { font-family: sans-serif; color: #111; background: #fff; max-width: 180mm; "
                        + "margin: 0 auto; font-size: 11pt; }\n")
                .append("h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 1.2em; }\n")
                .append("table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; "
                        + "padding: 3pt 5pt; text-align: left; vertical-align: top; }\n")
                .append("th { background: #eee; width: 22%; } code, pre { font-family: monospace; "
                        + "word-break: break-all; white-space: pre-wrap; }\n")
                .append(".caa { border: 2px solid #b00; padding: 4pt; } section { break-inside: avoid; }\n")
                .append("</style>\n</head>\n<body>\n");
        sb.append("<h1>DNS records for GlobalSign domain validation</h1>\n");
        sb.append("<p>Requested for provider <strong>").append(esc(provider)).append("</strong>, prepared ")
                .append(esc(UTC.format(created))).append(".</p>\n");
        Instant d = deadline();
        sb.append("<p id=\"deadline\">Deadline: <strong>").append(d == null ? "none" : esc(UTC.format(d)))
                .append("</strong>").append(d == null ? "" : " (GlobalSign must see the records before then)")
                .append("</p>\n");
        int i = 1;
        for (Entry e : entries) {
            TxtRecordPresentation r = e.record();
            sb.append("<section class=\"record\">\n<h2>").append(i++).append(". ").append(esc(e.claimedDomain()))
                    .append("</h2>\n<table>\n");
            row(sb, "Name", "name", r.host());
            row(sb, "Type", "type", "TXT");
            row(sb, "Value", "value", r.value());
            row(sb, "TTL", "ttl", Long.toString(r.suggestedTtl().toSeconds()));
            row(sb, "Deadline", "record-deadline", r.assertBy() == null ? "none" : UTC.format(r.assertBy()));
            row(sb, "Zone file line", "zone-line", r.zoneFileLine());
            sb.append("</table>\n");
            if (e.caaLine() != null) {
                sb.append("<p class=\"caa\">GlobalSign is not allowed to issue yet. Add this CAA record: <code "
                        + "class=\"caa-line\">").append(esc(e.caaLine())).append("</code></p>\n");
            }
            for (String n : e.notes()) {
                sb.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
            }
            sb.append("<p>Check on every authoritative server (each must print the value):</p>\n<pre class=\"dig\">");
            for (int k = 0; k < e.digCommands().size(); k++) {
                sb.append(k == 0 ? "" : "\n").append(esc(e.digCommands().get(k)));
            }
            sb.append("</pre>\n</section>\n");
        }
        sb.append("<h2>Please answer with</h2>\n<ul id=\"answer\">\n");
        for (String a : answerBack()) {
            sb.append("<li>").append(esc(a)).append("</li>\n");
        }
        sb.append("</ul>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, String cls, String value) {
        sb.append("<tr><th>").append(esc(label)).append("</th><td><code class=\"").append(cls).append("\">")
                .append(esc(value)).append("</code></td></tr>\n");
    }

    /** Escapes text for HTML/XML content and attribute values. */
    public static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append('?'); // control characters are not allowed in XML
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
