package io.atlasonboard.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A message of the domain as a bundle key plus its arguments, rendered in the reader's language only where it is
 * shown: the UI in the user's language, the command line and logs in English ({@link #english()}). The key's first
 * two segments name its bundle ({@code core.pki.country.invalid} lives in {@code io/atlasonboard/i18n/core/pki}).
 * Arguments are values (names, numbers, dates), never secrets; a {@link Msg} argument is rendered in the same
 * language as its parent.
 */
public final class Msg {
    private final String key;
    private final Object[] args;

    private Msg(String key, Object[] args) {
        this.key = Objects.requireNonNull(key, "key");
        this.args = args == null ? new Object[0] : args.clone();
    }

    public static Msg of(String key, Object... args) {
        return new Msg(key, args);
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }

    public String render(Locale locale) {
        return Texts.render(locale, key, args);
    }

    /** The English text: what the command line prints and what {@code getMessage()} of a localized exception says. */
    public String english() {
        return render(Locale.ENGLISH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Msg m && m.key.equals(key) && Arrays.equals(m.args, args);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return english();
    }
}
