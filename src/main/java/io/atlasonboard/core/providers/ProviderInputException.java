package io.atlasonboard.core.providers;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** A provider input that cannot be saved as it is: the problems by field (sentences, no secrets). */
public final class ProviderInputException extends IllegalArgumentException {
    private final Map<ProviderInput.Field, String> problems;

    public ProviderInputException(Map<ProviderInput.Field, String> problems) {
        super(String.join(" ", problems.values()));
        this.problems = Collections.unmodifiableMap(new EnumMap<>(problems));
    }

    /** The problems in form order. */
    public Map<ProviderInput.Field, String> problems() {
        return problems;
    }
}
