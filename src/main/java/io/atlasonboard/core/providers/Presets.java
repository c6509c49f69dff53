package io.atlasonboard.core.providers;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.store.IntendedUse;

/**
 * The administrator's presets for new providers: {@code /etc/atlas-onboard/presets.properties}, or the file named by
 * {@code ATLAS_ONBOARD_PRESETS}. Lines are {@code key=value}; {@code #} and {@code !} start comments. Keys:
 * {@code api.url}, {@code proxy.host}, {@code proxy.port}, {@code intended.use} (TLS or SMIME) and
 * {@code lock.api.url} (true makes the preset API URL read-only in the provider form).
 *
 * <p>A file that breaks any rule is ignored as a whole (built-in defaults apply) and {@link #problem()} says which
 * line and what was expected; reading presets never fails. Line numbers are the reason this is not
 * {@link java.util.Properties}, which reports none. Values are never echoed in messages.
 */
public final class Presets {
    public static final String ENV = "ATLAS_ONBOARD_PRESETS";
    public static final Path SYSTEM_FILE = Path.of("/etc/atlas-onboard/presets.properties");
    static final List<String> KEYS = List.of("api.url", "proxy.host", "proxy.port", "intended.use", "lock.api.url");

    private static volatile Presets system;

    private final Path source;
    private final String apiUrl;
    private final String proxyHost;
    private final Integer proxyPort;
    private final IntendedUse intendedUse;
    private final boolean lockApiUrl;
    private final String problem;

    private Presets(Path source, String apiUrl, String proxyHost, Integer proxyPort, IntendedUse intendedUse,
            boolean lockApiUrl, String problem) {
        this.source = source;
        this.apiUrl = apiUrl;
        this.proxyHost = proxyHost;
        this.proxyPort = proxyPort;
        this.intendedUse = intendedUse;
        this.lockApiUrl = lockApiUrl;
        this.problem = problem;
    }

    /** No presets (built-in defaults everywhere). */
    public static Presets none() {
        return new Presets(null, null, null, null, null, false, null);
    }

    /** The presets of this machine, read once per process from {@link #location}. */
    public static Presets system() {
        Presets p = system;
        if (p == null) {
            p = load(System.getenv());
            system = p;
        }
        return p;
    }

    /** The presets file: {@code ATLAS_ONBOARD_PRESETS} if set, else {@link #SYSTEM_FILE}. */
    public static Path location(Map<String, String> env) {
        String e = env.get(ENV);
        return e == null || e.isBlank() ? SYSTEM_FILE : Path.of(e);
    }

    /**
     * Reads the presets named by {@code env}. A missing system file means no presets; a missing file that
     * {@code ATLAS_ONBOARD_PRESETS} names explicitly is reported.
     */
    public static Presets load(Map<String, String> env) {
        Path file = location(env);
        boolean explicit = !file.equals(SYSTEM_FILE);
        if (!explicit && !Files.exists(file)) {
            return none();
        }
        return read(file);
    }

    /** Reads one presets file; never throws. */
    public static Presets read(Path file) {
        List<String> lines;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            lines = List.of(text.split("\r?\n", -1));
        } catch (NoSuchFileException e) {
            return ignored(file, "the file does not exist");
        } catch (CharacterCodingException e) {
            return ignored(file, "the file is not UTF-8 text");
        } catch (IOException | SecurityException e) {
            return ignored(file, "the file cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(file, lines);
    }

    /** Parses the lines of a presets file named {@code source} (used in messages). */
    public static Presets parse(Path source, List<String> lines) {
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                return ignored(source, "line " + n + " is not a setting: expected key=value, for example "
                        + "api.url=https://emea.api.hvca.globalsign.com:8443/v2");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (!KEYS.contains(key)) {
                return ignored(source, "line " + n + " has the unknown key '" + printable(key) + "': expected one of "
                        + String.join(", ", KEYS));
            }
            if (lineOf.containsKey(key)) {
                return ignored(source, "line " + n + " sets " + key + " again (first set on line " + lineOf.get(key)
                        + "): expected each key once");
            }
            lineOf.put(key, n);
            values.put(key, value);
        }
        try {
            String url = null;
            if (values.containsKey("api.url")) {
                try {
                    url = AtlasConnectionConfig.normaliseApiUrl(values.get("api.url")).toString();
                } catch (IllegalArgumentException e) {
                    throw bad(lineOf, "api.url", "expected the HVCA API URL, an https:// address such as "
                            + AtlasConnectionConfig.DEFAULT_API_URL);
                }
            }
            String host = values.get("proxy.host");
            if (host != null && (host.isEmpty() || host.contains(":") || host.contains("/") || host.contains(" "))) {
                throw bad(lineOf, "proxy.host", "expected a host name or address without port, e.g. proxy.corp.example");
            }
            Integer port = null;
            if (values.containsKey("proxy.port")) {
                try {
                    port = Integer.valueOf(values.get("proxy.port"));
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    throw bad(lineOf, "proxy.port", "expected a port number from 1 to 65535, e.g. 3128");
                }
            }
            if ((host == null) != (port == null)) {
                String present = host == null ? "proxy.port" : "proxy.host";
                throw bad(lineOf, present, "expected proxy.host and proxy.port together");
            }
            IntendedUse use = null;
            if (values.containsKey("intended.use")) {
                use = switch (values.get("intended.use").toUpperCase(Locale.ROOT).replace("/", "")) {
                    case "TLS", "SSLTLS" -> IntendedUse.TLS;
                    case "SMIME" -> IntendedUse.SMIME;
                    default -> throw bad(lineOf, "intended.use", "expected TLS or SMIME");
                };
            }
            boolean lock = false;
            if (values.containsKey("lock.api.url")) {
                String v = values.get("lock.api.url").toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw bad(lineOf, "lock.api.url", "expected true or false");
                }
                lock = v.equals("true");
                if (lock && url == null) {
                    throw bad(lineOf, "lock.api.url", "expected an api.url line to lock");
                }
            }
            return new Presets(source, url, host, port, use, lock, null);
        } catch (Bad b) {
            return ignored(source, b.getMessage());
        }
    }

    private static Bad bad(Map<String, Integer> lineOf, String key, String expected) {
        return new Bad("line " + lineOf.get(key) + " (" + key + "): " + expected);
    }

    private static String printable(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }

    private static Presets ignored(Path source, String why) {
        return new Presets(source, null, null, null, null, false,
                "The administrator's presets in " + source + " are ignored, built-in defaults apply: " + why + ".");
    }

    /** Thrown inside {@link #parse} only; carries the message for {@link #problem}. */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    /** The file these presets came from (also set when the file was ignored). */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** Why the file was ignored, in words (which line, what was expected); empty when it was fine or absent. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The preset HVCA API URL, normalised (ending in /v2). */
    public Optional<String> apiUrl() {
        return Optional.ofNullable(apiUrl);
    }

    /** The API URL a new provider starts with: the preset, else the built-in default. */
    public String apiUrlOrDefault() {
        return apiUrl != null ? apiUrl : AtlasConnectionConfig.DEFAULT_API_URL;
    }

    public Optional<String> proxyHost() {
        return Optional.ofNullable(proxyHost);
    }

    public Optional<Integer> proxyPort() {
        return Optional.ofNullable(proxyPort);
    }

    public Optional<IntendedUse> intendedUse() {
        return Optional.ofNullable(intendedUse);
    }

    /** True when the administrator made the preset API URL read-only. */
    public boolean apiUrlLocked() {
        return lockApiUrl;
    }
}
