package io.atlasonboard.ui.common;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.Msg;
import io.atlasonboard.core.Texts;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/**
 * The UI's language: every user-visible text goes through {@link #t}. The language is chosen once per run, before the
 * first view is built (Settings saves a new choice for the next start, and says so), so views need no re-binding.
 * Supported: English (the bundles' base) and German.
 */
public final class I18n {
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);
    private static volatile Locale locale = fromSystem(Locale.getDefault());
    private static final java.util.Map<String, DateTimeFormatter> FORMATTERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private I18n() {
    }

    /** German for any German-speaking system locale (de-DE, de-AT, de-CH), otherwise English. */
    public static Locale fromSystem(Locale system) {
        return "de".equals(system.getLanguage()) ? Locale.GERMAN : Locale.ENGLISH;
    }

    public static Locale locale() {
        return locale;
    }

    /** Called by the composition root (and tests) before views are built. */
    public static void setLocale(Locale chosen) {
        locale = "de".equals(chosen.getLanguage()) ? Locale.GERMAN : Locale.ENGLISH;
    }

    public static boolean german() {
        return locale.getLanguage().equals("de");
    }

    /** The text of {@code key} with {@code args} in the UI's language. */
    public static String t(String key, Object... args) {
        return Texts.render(locale, key, args);
    }

    public static String text(Msg msg) {
        return msg == null ? "" : msg.render(locale);
    }

    /**
     * What to show for a failure: a {@link Localized} exception (or the first one among its causes) in the UI's
     * language, otherwise its message as the core wrote it.
     */
    public static String text(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Localized l && l.msg() != null) {
                return text(l.msg());
            }
        }
        if (failure == null) {
            return "";
        }
        String m = failure.getMessage();
        return m == null || m.isBlank() ? t("ui.common.error.unexpected", failure.getClass().getSimpleName()) : m;
    }

    public static String date(Instant when) {
        return formatter(false).format(when.atZone(ZoneId.systemDefault()));
    }

    public static String dateTime(Instant when) {
        return formatter(true).format(when.atZone(ZoneId.systemDefault()));
    }

    /** The locale's medium date (or date-time) formatter, made once per locale (formatters are immutable). */
    private static DateTimeFormatter formatter(boolean withTime) {
        Locale l = locale;
        return FORMATTERS.computeIfAbsent(l.toLanguageTag() + (withTime ? "+time" : ""), k -> (withTime
                ? DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)).withLocale(l));
    }

    public static String number(long value) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }
}
