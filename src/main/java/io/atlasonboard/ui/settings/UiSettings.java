package io.atlasonboard.ui.settings;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * Language and theme, kept in {@code ui.properties} in the data folder next to the window place (nothing secret).
 * Unknown values and a damaged file fall back to "System"; saving keeps the file's other keys and replaces it in one
 * move.
 */
public record UiSettings(Language language, ThemeChoice theme) {
    static final String FILE = "ui.properties"; // not user-visible
    static final String LANGUAGE_KEY = "ui.language"; // not user-visible
    static final String THEME_KEY = "ui.theme"; // not user-visible

    public enum Language {
        SYSTEM, GERMAN, ENGLISH;

        /** The UI language this choice means on a system with {@code system} as its default locale. */
        public Locale locale(Locale system) {
            return switch (this) {
                case SYSTEM -> I18n.fromSystem(system);
                case GERMAN -> Locale.GERMAN;
                case ENGLISH -> Locale.ENGLISH;
            };
        }
    }

    public enum ThemeChoice {
        SYSTEM, LIGHT, DARK;

        /** Whether this choice means dark; SYSTEM may block up to about 2 s the first time (see Theme). */
        public boolean dark() {
            return switch (this) {
                case SYSTEM -> Theme.systemPrefersDark();
                case LIGHT -> false;
                case DARK -> true;
            };
        }
    }

    public static final UiSettings DEFAULT = new UiSettings(Language.SYSTEM, ThemeChoice.SYSTEM);

    public UiSettings {
        language = language == null ? Language.SYSTEM : language;
        theme = theme == null ? ThemeChoice.SYSTEM : theme;
    }

    /** The settings saved in {@code home}; {@link #DEFAULT} when there are none or the file cannot be read. */
    public static UiSettings load(Path home) {
        Properties p = read(home.resolve(FILE));
        return new UiSettings(parse(Language.class, p.getProperty(LANGUAGE_KEY)),
                parse(ThemeChoice.class, p.getProperty(THEME_KEY)));
    }

    private static Properties read(Path f) {
        Properties p = new Properties();
        if (Files.isRegularFile(f)) {
            try (InputStream in = Files.newInputStream(f)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                return new Properties(); // a damaged file only costs the remembered choices
            }
        }
        return p;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null; // unknown: "System"
        }
    }

    /** Writes the settings to {@code home}, keeping the file's other keys (the window place). */
    public void save(Path home) throws IOException {
        Files.createDirectories(home);
        Path f = home.resolve(FILE);
        Properties p = read(f);
        p.setProperty(LANGUAGE_KEY, language.name());
        p.setProperty(THEME_KEY, theme.name());
        Path tmp = home.resolve(FILE + ".tmp"); // not user-visible
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "Atlas Onboard window placement and settings (nothing secret)"); // not user-visible
        }
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
