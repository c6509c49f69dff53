package io.atlasonboard.core.onboarding;

import io.atlasonboard.core.Msg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the API credentials file the Atlas portal offers for download. Accepted layouts (comma or semicolon
 * separated, optional UTF-8 BOM, CRLF or LF, RFC 4180 quoting):
 * <ul>
 *   <li>a header row naming a key column ({@code key}, {@code api_key}, {@code API Key}) and a secret column
 *   ({@code secret}, {@code api_secret}, {@code API Secret}), in any order and among other columns, then exactly one
 *   row of values;</li>
 *   <li>two label/value rows: {@code API Key,VALUE} and {@code API Secret,VALUE};</li>
 *   <li>no header: exactly one row {@code KEY,SECRET}.</li>
 * </ul>
 * Anything else is refused with a {@link CredentialsFormatException} that says what was expected. Cell contents are
 * never echoed in messages (any of them might be the secret), only recognised header names.
 */
public final class CredentialsCsv {
    public static final String EXPECTED = "Expected the Atlas portal's credentials CSV: a header row with an API key "
            + "and an API secret column (\"key\"/\"secret\", \"api_key\"/\"api_secret\" or \"API Key\"/\"API Secret\") "
            + "followed by one row of values, or a single row \"KEY,SECRET\"; comma or semicolon separated.";
    /** Larger files are certainly not a credentials CSV. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final Set<String> KEY_NAMES = Set.of("key", "api_key", "apikey", "access_key", "api_access_key");
    private static final Set<String> SECRET_NAMES = Set.of("secret", "api_secret", "apisecret", "secret_key",
            "api_secret_key");

    private CredentialsCsv() {
    }

    /** Parses CSV text. */
    public static ApiCredentials parse(String text) {
        if (text == null) {
            throw bad("core.onboarding.csv.empty");
        }
        char[] chars = text.toCharArray();
        try {
            return parse(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Reads a credentials file (UTF-8 with or without BOM, or UTF-16 with BOM). */
    public static ApiCredentials read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw bad("core.onboarding.csv.tooLarge", String.valueOf(file.getFileName()), size);
        }
        byte[] bytes = Files.readAllBytes(file);
        char[] chars = null;
        try {
            chars = decode(bytes);
            return parse(chars);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null) {
                Arrays.fill(chars, '\0');
            }
        }
    }

    /** Parses CSV text given as characters; the caller's array is not modified. */
    public static ApiCredentials parse(char[] text) {
        int start = 0;
        if (text.length > 0 && text[0] == '\uFEFF') {
            start = 1;
        }
        CredentialsFormatException first = null;
        for (char delimiter : new char[] {',', ';'}) {
            List<List<char[]>> rows = null;
            try {
                rows = tokenize(text, start, delimiter);
                return interpret(rows, delimiter);
            } catch (CredentialsFormatException e) {
                if (first == null) {
                    first = e;
                }
            } finally {
                wipeRows(rows);
            }
        }
        throw first;
    }

    // ---------------------------------------------------------------------------------------------------------

    private static ApiCredentials interpret(List<List<char[]>> rows, char delimiter) {
        rows.removeIf(CredentialsCsv::blankRow);
        if (rows.isEmpty()) {
            throw bad("core.onboarding.csv.empty");
        }
        // 1. header row with key and secret columns
        List<char[]> head = rows.get(0);
        int keyCol = -1;
        int secretCol = -1;
        for (int i = 0; i < head.size(); i++) {
            String name = normalise(head.get(i));
            if (name == null) {
                continue;
            }
            if (KEY_NAMES.contains(name) && keyCol < 0) {
                keyCol = i;
            } else if (SECRET_NAMES.contains(name) && secretCol < 0) {
                secretCol = i;
            }
        }
        if (keyCol >= 0 && secretCol >= 0 && !isLabelValueLayout(rows)) {
            int dataRows = rows.size() - 1;
            if (dataRows == 0) {
                throw bad("core.onboarding.csv.headerOnly");
            }
            if (dataRows > 1) {
                throw bad("core.onboarding.csv.manyRows", dataRows);
            }
            List<char[]> row = rows.get(1);
            int need = Math.max(keyCol, secretCol) + 1;
            if (row.size() < need) {
                throw bad("core.onboarding.csv.columnCount", row.size(), head.size());
            }
            return build(row.get(keyCol), row.get(secretCol),
                    Msg.of("core.onboarding.csv.where.named", new String(head.get(keyCol)).strip()),
                    Msg.of("core.onboarding.csv.where.named", new String(head.get(secretCol)).strip()));
        }
        if (keyCol >= 0 ^ secretCol >= 0 && rows.get(0).size() > 2) {
            String found = new String(head.get(keyCol >= 0 ? keyCol : secretCol)).strip();
            throw bad(keyCol >= 0 ? "core.onboarding.csv.noSecretColumn"
                    : "core.onboarding.csv.noKeyColumn", found);
        }
        // 2. label/value rows
        if (isLabelValueLayout(rows)) {
            char[] key = null;
            char[] secret = null;
            for (List<char[]> r : rows) {
                String label = normalise(r.get(0));
                if (KEY_NAMES.contains(label)) {
                    key = r.get(1);
                } else {
                    secret = r.get(1);
                }
            }
            return build(key, secret, Msg.of("core.onboarding.csv.where.keyRow"), Msg.of("core.onboarding.csv.where.secretRow"));
        }
        // 3. one row, two values, no header
        if (rows.size() == 1) {
            List<char[]> row = rows.get(0);
            if (row.size() == 2) {
                return build(row.get(0), row.get(1), Msg.of("core.onboarding.csv.where.first"),
                        Msg.of("core.onboarding.csv.where.second"));
            }
            throw bad("core.onboarding.csv.oneRowNoHeader", row.size());
        }
        throw bad("core.onboarding.csv.rowsNoHeader", rows.size());
    }

    private static boolean isLabelValueLayout(List<List<char[]>> rows) {
        if (rows.size() != 2 || rows.get(0).size() != 2 || rows.get(1).size() != 2) {
            return false;
        }
        String a = normalise(rows.get(0).get(0));
        String b = normalise(rows.get(1).get(0));
        return a != null && b != null && (KEY_NAMES.contains(a) && SECRET_NAMES.contains(b)
                || SECRET_NAMES.contains(a) && KEY_NAMES.contains(b));
    }

    private static ApiCredentials build(char[] key, char[] secret, Msg keyWhere, Msg secretWhere) {
        String k = new String(key).strip();
        if (k.isEmpty()) {
            throw bad("core.onboarding.csv.keyEmpty", keyWhere);
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c <= ' ' || c == 0x7f || c == ',' || c == ';' || c == '"') {
                throw bad("core.onboarding.csv.keyChars", keyWhere);
            }
        }
        if (k.length() > 256) {
            throw bad("core.onboarding.csv.keyLong", keyWhere);
        }
        if (secret.length == 0) {
            throw bad("core.onboarding.csv.secretEmpty", secretWhere);
        }
        for (char c : secret) {
            if (c < ' ' || c == 0x7f) {
                throw bad("core.onboarding.csv.secretChars", secretWhere);
            }
        }
        return new ApiCredentials(k, secret.clone());
    }

    /** Header name in canonical form, or null if the cell cannot be a header name. */
    private static String normalise(char[] cell) {
        if (cell.length == 0 || cell.length > 40) {
            return null;
        }
        String s = new String(cell).strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "_");
        return s;
    }

    private static boolean blankRow(List<char[]> row) {
        for (char[] c : row) {
            if (c.length > 0) {
                return false;
            }
        }
        return true;
    }

    private static void wipeRows(List<List<char[]>> rows) {
        if (rows != null) {
            for (List<char[]> r : rows) {
                for (char[] c : r) {
                    Arrays.fill(c, '\0');
                }
            }
        }
    }

    /** RFC 4180 tokenizer over characters (no String copies of cells). */
    private static List<List<char[]>> tokenize(char[] text, int start, char delimiter) {
        List<List<char[]>> rows = new ArrayList<>();
        List<char[]> row = new ArrayList<>();
        CharBuf field = new CharBuf();
        boolean inQuotes = false;
        boolean quoted = false;
        boolean afterQuote = false;
        try {
            for (int i = start; i < text.length; i++) {
                char c = text[i];
                if (inQuotes) {
                    if (c == '"') {
                        if (i + 1 < text.length && text[i + 1] == '"') {
                            field.append('"');
                            i++;
                        } else {
                            inQuotes = false;
                            afterQuote = true;
                        }
                    } else {
                        field.append(c);
                    }
                    continue;
                }
                if (c == delimiter || c == '\n' || c == '\r') {
                    row.add(field.take(!quoted));
                    quoted = false;
                    afterQuote = false;
                    if (c != delimiter) {
                        if (c == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                            i++;
                        }
                        rows.add(row);
                        row = new ArrayList<>();
                    }
                    continue;
                }
                if (afterQuote) {
                    if (c == ' ' || c == '\t') {
                        continue;
                    }
                    throw bad("core.onboarding.csv.afterQuote");
                }
                if (c == '"' && field.isBlank()) {
                    field.clear();
                    inQuotes = true;
                    quoted = true;
                    continue;
                }
                field.append(c);
            }
            if (inQuotes) {
                throw bad("core.onboarding.csv.openQuote");
            }
            if (field.length() > 0 || quoted || !row.isEmpty()) {
                row.add(field.take(!quoted));
                rows.add(row);
            }
            return rows;
        } catch (RuntimeException e) {
            wipeRows(rows);
            for (char[] c : row) {
                Arrays.fill(c, '\0');
            }
            throw e;
        } finally {
            field.clear();
        }
    }

    private static char[] decode(byte[] bytes) {
        Charset cs = StandardCharsets.UTF_8;
        int off = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            off = 3;
        } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            off = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            off = 2;
        }
        CharBuffer out = null;
        try {
            out = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, bytes.length - off));
            return Arrays.copyOfRange(out.array(), out.position(), out.limit());
        } catch (CharacterCodingException e) {
            throw bad("core.onboarding.csv.encoding");
        } finally {
            if (out != null && out.hasArray()) {
                Arrays.fill(out.array(), '\0');
            }
        }
    }

    /** Growable char buffer that wipes what it drops. */
    private static final class CharBuf {
        private char[] buf = new char[64];
        private int len;

        void append(char c) {
            if (len == buf.length) {
                char[] bigger = Arrays.copyOf(buf, buf.length * 2);
                Arrays.fill(buf, '\0');
                buf = bigger;
            }
            buf[len++] = c;
        }

        int length() {
            return len;
        }

        boolean isBlank() {
            for (int i = 0; i < len; i++) {
                if (buf[i] != ' ' && buf[i] != '\t') {
                    return false;
                }
            }
            return true;
        }

        char[] take(boolean trim) {
            int from = 0;
            int to = len;
            if (trim) {
                while (from < to && (buf[from] == ' ' || buf[from] == '\t')) {
                    from++;
                }
                while (to > from && (buf[to - 1] == ' ' || buf[to - 1] == '\t')) {
                    to--;
                }
            }
            char[] out = Arrays.copyOfRange(buf, from, to);
            clear();
            return out;
        }

        void clear() {
            Arrays.fill(buf, 0, len, '\0');
            len = 0;
        }
    }

    /** A format error: the message of {@code key} with {@code args}, followed by {@link #EXPECTED} as last argument. */
    private static CredentialsFormatException bad(String key, Object... args) {
        Object[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = Msg.of("core.onboarding.csv.expected");
        return new CredentialsFormatException(Msg.of(key, all));
    }
}
