package io.atlasonboard.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundles and the code agree (in the spirit of JabRef's LocalizationConsistencyTest): every bundle has a German
 * twin with the same keys and the same placeholders, no value uses MessageFormat quoting by accident, no key is
 * unused, no key the code names is missing, and UI code holds no user-visible literal. {@code -Di18n.scope=ui/dns}
 * (comma-separated folders under the main sources) narrows the literal scan while a feature is being converted.
 */
class LocalizationConsistencyTest {
    static final Path SOURCES = Path.of("src/main/java/io/atlasonboard");
    static final Path BUNDLES = Path.of("src/main/resources/io/atlasonboard/i18n");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern KEY = Pattern.compile("(?:ui|core)\\.[a-z][\\w-]*\\.[\\w.-]*\\w");
    private static final Pattern KEY_PREFIX = Pattern.compile("(?:ui|core)\\.[a-z][\\w-]*\\.[\\w.-]*\\.");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");
    /** A literal a user would read: a capitalised word, two words with a space, or an ellipsis. */
    private static final Pattern VISIBLE = Pattern.compile(
            "^_?\\p{Lu}\\p{Ll}.*|.*\\p{L}{2,}[ \\u00a0]+\\p{L}{2,}.*|.*\\p{L}.*\u2026.*");
    /** A line that is not shown to the user: logging, style, resource lookup; or one marked so by hand. */
    private static final Pattern NOT_SHOWN = Pattern.compile(
            ".*(\\bLOG\\.|\\blog\\.|\\bLOGGER\\.|getResource|setStyle\\(|getStyleClass|// not user-visible).*");

    @Test
    void everyBundleHasAGermanTwinWithTheSameKeysAndPlaceholders() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Path, Properties> bases = bases();
        assertThat(bases).as("bundles under " + BUNDLES).isNotEmpty();
        for (Map.Entry<Path, Properties> e : bases.entrySet()) {
            Path base = e.getKey();
            Path german = germanOf(base);
            if (!Files.exists(german)) {
                problems.add(base + ": no German twin " + german.getFileName());
                continue;
            }
            Properties en = e.getValue();
            Properties de = load(german);
            String prefix = prefixOf(base);
            for (String k : en.stringPropertyNames()) {
                if (!k.startsWith(prefix)) {
                    problems.add(base + ": key " + k + " does not start with " + prefix);
                }
                if (!de.containsKey(k)) {
                    problems.add(german + ": missing " + k);
                } else if (!placeholders(en.getProperty(k)).equals(placeholders(de.getProperty(k)))) {
                    problems.add(k + ": placeholders differ: " + placeholders(en.getProperty(k)) + " vs "
                            + placeholders(de.getProperty(k)));
                } else if (words(en.getProperty(k)) >= 4 && en.getProperty(k).equals(de.getProperty(k))) {
                    problems.add(k + ": German text is the English one");
                }
            }
            for (String k : de.stringPropertyNames()) {
                if (!en.containsKey(k)) {
                    problems.add(base + ": missing " + k + " (only in German)");
                }
            }
            for (Properties p : List.of(en, de)) {
                for (String k : p.stringPropertyNames()) {
                    String v = p.getProperty(k);
                    if (v.isBlank()) {
                        problems.add(k + ": empty text");
                    }
                    if (v.replace("''", "").contains("'")) {
                        problems.add(k + ": a lone apostrophe (MessageFormat quoting); write '' for one: " + v);
                    }
                    try {
                        new MessageFormat(v);
                    } catch (IllegalArgumentException ex) {
                        problems.add(k + ": not a MessageFormat pattern: " + ex.getMessage());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noKeyIsUnusedAndNoKeyTheCodeNamesIsMissing() throws IOException {
        Set<String> exact = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (Path src : javaFiles(SOURCES)) {
            Matcher m = LITERAL.matcher(stripComments(Files.readString(src)));
            while (m.find()) {
                String s = m.group(1);
                if (KEY.matcher(s).matches()) {
                    exact.add(s);
                } else if (KEY_PREFIX.matcher(s).matches()) {
                    prefixes.add(s);
                }
            }
        }
        Set<String> defined = new TreeSet<>();
        for (Properties p : bases().values()) {
            defined.addAll(p.stringPropertyNames());
        }
        List<String> unused = defined.stream()
                .filter(k -> !exact.contains(k) && prefixes.stream().noneMatch(k::startsWith)).toList();
        List<String> missing = exact.stream().filter(k -> !defined.contains(k)).toList();
        assertThat(unused).as("keys no code uses (a key built at run time needs its prefix as a literal)").isEmpty();
        assertThat(missing).as("keys the code names that no bundle defines").isEmpty();
    }

    @Test
    void uiCodeHoldsNoUserVisibleLiteral() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path dir : scope()) {
            for (Path src : javaFiles(dir)) {
                String raw = Files.readString(src);
                String[] original = raw.split("\n", -1);
                String[] lines = stripComments(raw).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (NOT_SHOWN.matcher(original[Math.min(i, original.length - 1)]).matches()) {
                        continue;
                    }
                    Matcher m = LITERAL.matcher(lines[i]);
                    while (m.find()) {
                        String s = m.group(1);
                        if (!KEY.matcher(s).matches() && !KEY_PREFIX.matcher(s).matches()
                                && VISIBLE.matcher(s).matches()) {
                            found.add(SOURCES.relativize(src) + ":" + (i + 1) + ": \"" + s + "\"");
                        }
                    }
                }
            }
        }
        assertThat(found).as("user-visible literals in UI code (put them in the feature's bundle)").isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    static List<Path> scope() {
        String s = System.getProperty("i18n.scope", "ui");
        List<Path> dirs = new ArrayList<>();
        for (String part : s.split(",")) {
            dirs.add(SOURCES.resolve(part.trim()));
        }
        return dirs;
    }

    static Map<Path, Properties> bases() throws IOException {
        Map<Path, Properties> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(BUNDLES)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".properties")
                    && !f.getFileName().toString().contains("_")).toList()) {
                out.put(p, load(p));
            }
        }
        return out;
    }

    static Path germanOf(Path base) {
        String n = base.getFileName().toString();
        return base.resolveSibling(n.substring(0, n.length() - ".properties".length()) + "_de.properties");
    }

    /** i18n/ui/wizard.properties holds ui.wizard.* */
    static String prefixOf(Path base) {
        Path rel = BUNDLES.relativize(base);
        String n = rel.getFileName().toString();
        return rel.getParent().toString().replace('/', '.') + "." + n.substring(0, n.length() - 11) + ".";
    }

    static Properties load(Path p) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        return props;
    }

    static Set<String> placeholders(String v) {
        Set<String> s = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(v);
        while (m.find()) {
            s.add(m.group(1));
        }
        return s;
    }

    /** Words of two letters or more; placeholders and symbols do not count. */
    static int words(String v) {
        int n = 0;
        for (String w : v.replaceAll("\\{[^}]*}", " ").trim().split("\\s+")) {
            if (w.codePoints().filter(Character::isLetter).count() >= 2) {
                n++;
            }
        }
        return n;
    }

    static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** Drops comments but keeps line breaks, so line numbers stay right; string contents are left alone. */
    static String stripComments(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < src.length() && src.charAt(j) != '"' && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, src.length());
                out.append(src, i, j);
                i = j;
            } else if (c == '\'' && i + 2 < src.length()) {
                int j = src.indexOf('\'', i + (src.charAt(i + 1) == '\\' ? 3 : 2));
                j = j < 0 ? i + 1 : j + 1;
                out.append(src, i, j);
                i = j;
            } else if (src.startsWith("//", i)) {
                while (i < src.length() && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? src.length() : end + 2;
                for (int k = i; k < end; k++) {
                    if (src.charAt(k) == '\n') {
                        out.append('\n');
                    }
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
