package io.atlasonboard.core.dns;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads BIND key files as {@code tsig-keygen} (or {@code ddns-confgen}/{@code rndc-confgen}) writes them:
 * <pre>
 * key "name" {
 *     algorithm hmac-sha256;
 *     secret "base64==";
 * };
 * </pre>
 * Comments ({@code #}, {@code //}, {@code /* *&#47;}) are ignored; other statements (inside a key block or at the top
 * level) are skipped. The file is parsed as bytes: the secret never becomes a {@link String}, every buffer that held
 * it is wiped before the call returns (the caller wipes its own input, see {@link #parseAll(byte[])}), and error
 * messages never contain it.
 */
public final class TsigKeyFile {
    /** Key files are a few hundred bytes; anything larger is not one. */
    public static final int MAX_BYTES = 64 * 1024;

    private TsigKeyFile() {
    }

    /** The only (or first) key in the file's bytes (UTF-8; the syntax is ASCII). */
    public static TsigKey parse(byte[] file) {
        return parseAll(file).get(0);
    }

    /** The key with that name. */
    public static TsigKey parse(byte[] file, String keyName) {
        for (TsigKey k : parseAll(file)) {
            if (k.name().equals(keyName)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no TSIG key named '" + keyName + "' in the key file");
    }

    /** For text already in memory (tests, tools' output): as {@link #parse(byte[])}. */
    public static TsigKey parse(String text) {
        return parse(bytes(text));
    }

    public static TsigKey parse(String text, String keyName) {
        return parse(bytes(text), keyName);
    }

    public static List<TsigKey> parseAll(String text) {
        return parseAll(bytes(text));
    }

    /** Every key of the file. Does not change {@code file}; the caller wipes it when done. */
    public static List<TsigKey> parseAll(byte[] file) {
        if (file == null || isBlank(file)) {
            throw new IllegalArgumentException("the TSIG key file is empty");
        }
        if (file.length > MAX_BYTES) {
            throw new IllegalArgumentException("the TSIG key file has " + file.length + " bytes; a key file has a few "
                    + "hundred (at most " + MAX_BYTES + " are read)");
        }
        return new Parser(file).keys();
    }

    /** Reads a regular file of at most {@link #MAX_BYTES}, parses it and wipes the bytes read. */
    public static TsigKey read(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file");
        }
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(MAX_BYTES + 1);
        }
        try {
            return parse(b);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (!space(x)) {
                return false;
            }
        }
        return true;
    }

    private static boolean space(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static boolean wordChar(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == '-';
    }

    /** A tokenizer over the bytes: words, quoted strings (as positions, never copied), and { } ; */
    private static final class Parser {
        private static final int EOF = -1;
        private static final int WORD = 1;
        private static final int QUOTED = 2;
        private static final int OPEN = 3;
        private static final int CLOSE = 4;
        private static final int SEMI = 5;
        private static final int OTHER = 6;

        private final byte[] b;
        private int pos;
        private int type;
        private int start;
        private int end;

        Parser(byte[] b) {
            this.b = b;
        }

        List<TsigKey> keys() {
            List<TsigKey> out = new ArrayList<>();
            next();
            while (type != EOF) {
                if (type == WORD && is("key")) {
                    next();
                    String name = type == QUOTED || type == WORD ? text() : null;
                    if (name == null || name.isEmpty()) {
                        skipStatement();
                        continue;
                    }
                    next();
                    if (type != OPEN) {
                        skipStatement();
                        continue;
                    }
                    TsigKey k = keyBody(name);
                    if (k != null) {
                        out.add(k);
                    }
                } else {
                    skipStatement();
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no TSIG key found: expected BIND's format as tsig-keygen writes "
                        + "it, key \"NAME\" { algorithm hmac-sha256; secret \"BASE64\"; };");
            }
            return out;
        }

        /** After the '{' of a key: its statements up to the matching '}' (and an optional ';'). */
        private TsigKey keyBody(String name) {
            String algorithm = null;
            int secretStart = -1;
            int secretEnd = -1;
            next();
            while (type != CLOSE) {
                if (type == EOF) {
                    return null; // an unfinished block is no key
                }
                if (type == WORD && is("algorithm")) {
                    next();
                    if (type == WORD || type == QUOTED) {
                        algorithm = text();
                        next();
                    }
                    if (type == SEMI) {
                        next();
                    }
                } else if (type == WORD && is("secret")) {
                    next();
                    if (type == QUOTED) {
                        secretStart = start;
                        secretEnd = end;
                        next();
                    }
                    if (type == SEMI) {
                        next();
                    }
                } else if (type == OPEN) {
                    skipBlock();
                } else {
                    next();
                }
            }
            next();
            if (type == SEMI) {
                next();
            }
            if (algorithm == null) {
                throw new IllegalArgumentException("TSIG key '" + name + "' has no 'algorithm ...;' line");
            }
            if (secretStart < 0) {
                throw new IllegalArgumentException("TSIG key '" + name + "' has no 'secret \"...\";' line");
            }
            byte[] secret = decode(secretStart, secretEnd, name);
            try {
                return new TsigKey(name, algorithm, secret);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }

        /** Base64 between the quotes, whitespace dropped, decoded; every intermediate buffer wiped. */
        private byte[] decode(int from, int to, String name) {
            byte[] compact = new byte[to - from];
            int n = 0;
            for (int i = from; i < to; i++) {
                if (!space(b[i])) {
                    compact[n++] = b[i];
                }
            }
            byte[] exact = Arrays.copyOf(compact, n);
            Arrays.fill(compact, (byte) 0);
            try {
                return Base64.getDecoder().decode(exact);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the secret of TSIG key '" + name + "' is not valid base64");
            } finally {
                Arrays.fill(exact, (byte) 0);
            }
        }

        private void skipStatement() {
            while (type != EOF && type != SEMI) {
                if (type == OPEN) {
                    skipBlock();
                    continue;
                }
                next();
            }
            if (type == SEMI) {
                next();
            }
        }

        /** At an '{': past its matching '}'. */
        private void skipBlock() {
            int depth = 0;
            do {
                if (type == OPEN) {
                    depth++;
                } else if (type == CLOSE) {
                    depth--;
                }
                next();
            } while (depth > 0 && type != EOF);
        }

        private boolean is(String word) {
            if (end - start != word.length()) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                int c = b[start + i] | 0x20;
                if (c != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** A name or algorithm token (never called for the secret). */
        private String text() {
            return new String(b, start, end - start, StandardCharsets.UTF_8);
        }

        private void next() {
            while (pos < b.length) {
                int c = b[pos] & 0xff;
                if (space(c)) {
                    pos++;
                } else if (c == '#' || c == '/' && pos + 1 < b.length && b[pos + 1] == '/') {
                    while (pos < b.length && b[pos] != '\n') {
                        pos++;
                    }
                } else if (c == '/' && pos + 1 < b.length && b[pos + 1] == '*') {
                    int i = pos + 2;
                    while (i + 1 < b.length && !(b[i] == '*' && b[i + 1] == '/')) {
                        i++;
                    }
                    pos = i + 1 < b.length ? i + 2 : b.length;
                } else {
                    break;
                }
            }
            if (pos >= b.length) {
                type = EOF;
                start = end = pos;
                return;
            }
            int c = b[pos] & 0xff;
            start = pos;
            if (c == '"') {
                int i = pos + 1;
                while (i < b.length && b[i] != '"') {
                    i++;
                }
                if (i >= b.length) {
                    type = EOF; // an unterminated string ends the file
                    start = end = pos = b.length;
                    return;
                }
                type = QUOTED;
                start = pos + 1;
                end = i;
                pos = i + 1;
            } else if (c == '{' || c == '}' || c == ';') {
                type = c == '{' ? OPEN : c == '}' ? CLOSE : SEMI;
                end = ++pos;
            } else if (wordChar(c)) {
                while (pos < b.length && wordChar(b[pos] & 0xff)) {
                    pos++;
                }
                type = WORD;
                end = pos;
            } else {
                type = OTHER;
                end = ++pos;
            }
        }
    }
}
