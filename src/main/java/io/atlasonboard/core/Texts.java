package io.atlasonboard.core;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Renders bundle keys. Bundles live under {@code io/atlasonboard/i18n/}, one per feature (UI) or use case (core):
 * the key {@code ui.wizard.next} is in {@code i18n/ui/wizard.properties} (English, the base) and
 * {@code wizard_de.properties} (German). Values are {@link MessageFormat} patterns in UTF-8: a literal apostrophe is
 * written {@code ''}. The default locale never leaks in: a German desktop asking for English gets English.
 */
public final class Texts {
    public static final String BUNDLE_ROOT = "io.atlasonboard.i18n.";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static final java.util.Map<String, MessageFormat> FORMATS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Texts() {
    }

    /** The bundle base name holding {@code key}: its first two segments under {@link #BUNDLE_ROOT}. */
    public static String bundleOf(String key) {
        int first = key.indexOf('.');
        int second = first < 0 ? -1 : key.indexOf('.', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("not a bundle key (area.feature.name): " + key);
        }
        return BUNDLE_ROOT + key.substring(0, second);
    }

    public static boolean exists(Locale locale, String key) {
        try {
            ResourceBundle.getBundle(bundleOf(key), locale, NO_FALLBACK).getString(key);
            return true;
        } catch (MissingResourceException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The text for {@code key} in {@code locale} with {@code args} filled in; a missing key shows as !key!. */
    public static String render(Locale locale, String key, Object... args) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(bundleOf(key), locale, NO_FALLBACK).getString(key);
        } catch (MissingResourceException | IllegalArgumentException e) {
            return "!" + key + "!";
        }
        Object[] rendered = args == null ? new Object[0] : args.clone();
        for (int i = 0; i < rendered.length; i++) {
            if (rendered[i] instanceof Msg m) {
                rendered[i] = m.render(locale);
            } else if (rendered[i] instanceof Localized l) {
                rendered[i] = l.msg().render(locale);
            }
        }
        // a parsed pattern per locale and text, cloned for each use (MessageFormat is not thread-safe; the DNS table
        // renders its 200 countdowns every second on the FX thread, and parsing the pattern was most of that)
        MessageFormat cached = FORMATS.computeIfAbsent(locale.toLanguageTag() + '\u0000' + pattern,
                k -> new MessageFormat(pattern, locale));
        return ((MessageFormat) cached.clone()).format(rendered);
    }
}
