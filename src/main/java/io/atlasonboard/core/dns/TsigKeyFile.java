package io.atlasonboard.core.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads BIND key files as {@code tsig-keygen} (or {@code ddns-confgen}/{@code rndc-confgen}) writes them:
 * <pre>
 * key "name" {
 *     algorithm hmac-sha256;
 *     secret "base64==";
 * };
 * </pre>
 * Comments ({@code #}, {@code //}, {@code /* *&#47;}) are ignored. Error messages never contain the secret.
 */
public final class TsigKeyFile {

    private static final Pattern KEY = Pattern.compile(
            "key\\s+(\"([^\"]+)\"|([A-Za-z0-9._\\-]+))\\s*\\{(.*?)\\}\\s*;", Pattern.DOTALL);
    private static final Pattern ALG = Pattern.compile("algorithm\\s+\"?([A-Za-z0-9.\\-]+)\"?\\s*;");
    private static final Pattern SECRET = Pattern.compile("secret\\s+\"([^\"]*)\"\\s*;");

    private TsigKeyFile() {
    }

    /** The only (or first) key in the text. */
    public static TsigKey parse(String text) {
        List<TsigKey> keys = parseAll(text);
        return keys.get(0);
    }

    /** The key with that name. */
    public static TsigKey parse(String text, String keyName) {
        for (TsigKey k : parseAll(text)) {
            if (k.name().equals(keyName)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no TSIG key named '" + keyName + "' in the key file");
    }

    public static List<TsigKey> parseAll(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the TSIG key file is empty");
        }
        String clean = stripComments(text);
        Matcher m = KEY.matcher(clean);
        List<TsigKey> out = new ArrayList<>();
        while (m.find()) {
            String name = m.group(2) != null ? m.group(2) : m.group(3);
            String body = m.group(4);
            Matcher a = ALG.matcher(body);
            if (!a.find()) {
                throw new IllegalArgumentException("TSIG key '" + name + "' has no 'algorithm ...;' line");
            }
            Matcher s = SECRET.matcher(body);
            if (!s.find()) {
                throw new IllegalArgumentException("TSIG key '" + name + "' has no 'secret \"...\";' line");
            }
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(s.group(1).replaceAll("\\s+", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the secret of TSIG key '" + name + "' is not valid base64");
            }
            out.add(new TsigKey(name, a.group(1), secret));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no TSIG key found: expected BIND's format as tsig-keygen writes it, "
                    + "key \"NAME\" { algorithm hmac-sha256; secret \"BASE64\"; };");
        }
        return out;
    }

    public static TsigKey read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static String stripComments(String t) {
        StringBuilder sb = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (inString) {
                sb.append(c);
                if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                sb.append(c);
            } else if (c == '#' || (c == '/' && i + 1 < t.length() && t.charAt(i + 1) == '/')) {
                while (i < t.length() && t.charAt(i) != '\n') {
                    i++;
                }
                sb.append('\n');
            } else if (c == '/' && i + 1 < t.length() && t.charAt(i + 1) == '*') {
                int end = t.indexOf("*/", i + 2);
                i = end < 0 ? t.length() : end + 1;
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
