package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes, as the JDK knows them ({@link Locale#getISOCountries()}). */
public final class Countries {
    public static final String DEFAULT = "DE";

    private static final Set<String> CODES = Set.of(Locale.getISOCountries());
    /** Codes people commonly type that are not ISO 3166 alpha-2, with the right one. */
    private static final Map<String, String> HINTS = Map.of("UK", "GB", "EL", "GR", "EN", "GB");

    private Countries() {
    }

    public static boolean isValid(String cc) {
        return cc != null && cc.length() == 2 && CODES.contains(cc);
    }

    /** Trims and upper-cases; returns the code if it is ISO 3166 alpha-2, else throws with what was expected. */
    public static String normalize(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidInputException(Msg.of("core.pki.country.empty", DEFAULT));
        }
        String s = input.strip().toUpperCase(Locale.ROOT);
        if (isValid(s)) {
            return s;
        }
        String hint = HINTS.get(s);
        if (hint != null) {
            throw new InvalidInputException(Msg.of("core.pki.country.hint", input.strip(), hint));
        }
        throw new InvalidInputException(Msg.of("core.pki.country.invalid", input.strip(), DEFAULT));
    }

    /** English display name for a valid code, e.g. "Germany". */
    public static String displayName(String cc) {
        return new Locale("", cc).getDisplayCountry(Locale.ENGLISH);
    }
}
