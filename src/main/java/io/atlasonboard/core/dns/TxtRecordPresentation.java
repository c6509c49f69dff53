package io.atlasonboard.core.dns;

import io.atlasonboard.core.Texts;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The TXT record a DNS admin has to publish for a GlobalSign Atlas domain claim (ATLAS-API.md section 5): the record
 * lives at the claimed name itself and its value is the token exactly as GlobalSign returned it.
 */
public final class TxtRecordPresentation {

    /** Longest character-string in a TXT record (RFC 1035 3.3). */
    public static final int MAX_STRING_BYTES = 255;

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String host;
    private final String value;
    private final Instant assertBy;
    private final Duration suggestedTtl;

    private TxtRecordPresentation(String host, String value, Instant assertBy, Duration suggestedTtl) {
        this.host = host;
        this.value = value;
        this.assertBy = assertBy;
        this.suggestedTtl = suggestedTtl;
    }

    /**
     * @param claimedDomain FQDN with or without trailing dot (U-labels are converted to A-labels)
     * @param token         the claim token exactly as returned (e.g. {@code globalsign-domain-verification=2044...})
     * @param assertBy      the claim's deadline, or null when unknown/none
     * @param suggestedTtl  TTL to suggest; null means 300 s
     */
    public static TxtRecordPresentation of(String claimedDomain, String token, Instant assertBy, Duration suggestedTtl) {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the claim token is empty");
        }
        Duration ttl = suggestedTtl == null ? Duration.ofSeconds(300) : suggestedTtl;
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("TTL must be positive");
        }
        return new TxtRecordPresentation(fqdn(claimedDomain), token, assertBy, ttl);
    }

    /** Normalises a domain to an absolute, lower-case A-label FQDN with trailing dot. */
    public static String fqdn(String domain) {
        Objects.requireNonNull(domain, "domain");
        String d = domain.trim();
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty()) {
            throw new IllegalArgumentException("domain name is empty");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid domain name: " + domain);
        }
        return ascii.toLowerCase(Locale.ROOT) + ".";
    }

    /** Owner name, absolute with trailing dot, e.g. {@code www.example.com.}. */
    public String host() {
        return host;
    }

    /** The value exactly as GlobalSign returned it (no quotes added). */
    public String value() {
        return value;
    }

    public Instant assertBy() {
        return assertBy;
    }

    public Duration suggestedTtl() {
        return suggestedTtl;
    }

    /** The value as DNS character-strings of at most 255 bytes each (one string for normal tokens). */
    public List<String> strings() {
        return splitStrings(value);
    }

    /** A BIND zone file line, e.g. {@code example.com. 300 IN TXT "globalsign-domain-verification=..."}. */
    public String zoneFileLine() {
        StringBuilder sb = new StringBuilder();
        sb.append(host).append(' ').append(suggestedTtl.getSeconds()).append(" IN TXT");
        for (String s : strings()) {
            sb.append(' ').append(quoteForZoneFile(s));
        }
        return sb.toString();
    }

    /**
     * The name to type into consoles that append the zone themselves: {@code @} for the apex, {@code www} for
     * {@code www.example.com.} in zone {@code example.com}.
     *
     * @throws IllegalArgumentException when the host is not inside that zone
     */
    public String relativeName(String zone) {
        String z = fqdn(zone);
        if (host.equals(z)) {
            return "@";
        }
        if (!host.endsWith("." + z)) {
            throw new IllegalArgumentException(host + " is not inside the zone " + z);
        }
        return host.substring(0, host.length() - z.length() - 1);
    }

    /** A plain-text block to hand to whoever runs DNS, in English. */
    public String copyAllBlock() {
        return copyAllBlock(Locale.ENGLISH);
    }

    /** The block in {@code locale} (the labels; values, the zone-file line and the UTC time stay as they are). */
    public String copyAllBlock(Locale locale) {
        StringBuilder sb = new StringBuilder();
        sb.append(Texts.render(locale, "core.dns.block.name", host)).append('\n');
        sb.append(Texts.render(locale, "core.dns.block.type")).append('\n');
        sb.append(Texts.render(locale, "core.dns.block.value", value)).append('\n');
        sb.append(Texts.render(locale, "core.dns.block.ttl", String.valueOf(suggestedTtl.getSeconds()))).append('\n');
        if (assertBy != null && assertBy.getEpochSecond() > 0) {
            sb.append(Texts.render(locale, "core.dns.block.before", UTC.format(assertBy))).append('\n');
        }
        sb.append(Texts.render(locale, "core.dns.block.zoneLine", zoneFileLine())).append('\n');
        return sb.toString();
    }

    /** What to say about quotes, in English. */
    public String quotingNote() {
        return quotingNoteMsg().english();
    }

    /** What to say about quotes, to be shown in the reader's language. */
    public io.atlasonboard.core.Msg quotingNoteMsg() {
        return strings().size() > 1
                ? io.atlasonboard.core.Msg.of("core.dns.quoting.split", String.valueOf(strings().size()))
                : io.atlasonboard.core.Msg.of("core.dns.quoting.single");
    }

    /**
     * Splits a value into character-strings of at most 255 UTF-8 bytes, never inside a character.
     */
    public static List<String> splitStrings(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int curBytes = 0;
        int i = 0;
        while (i < value.length()) {
            int cp = value.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int n = ch.getBytes(StandardCharsets.UTF_8).length;
            if (curBytes + n > MAX_STRING_BYTES) {
                out.add(cur.toString());
                cur.setLength(0);
                curBytes = 0;
            }
            cur.append(ch);
            curBytes += n;
            i += Character.charCount(cp);
        }
        if (cur.length() > 0 || out.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Double-quoted zone-file string; quotes and backslashes escaped. */
    static String quoteForZoneFile(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String toString() {
        return zoneFileLine();
    }
}
