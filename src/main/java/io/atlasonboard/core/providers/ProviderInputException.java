package io.atlasonboard.core.providers;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import io.atlasonboard.core.Msg;

/** A provider input that cannot be saved as it is: the problems by field (messages of the domain, no secrets; {@code getMessage()} is their English text). */
public final class ProviderInputException extends IllegalArgumentException {
    private final Map<ProviderInput.Field, Msg> problems;

    public ProviderInputException(Map<ProviderInput.Field, Msg> problems) {
        super(String.join(" ", problems.values().stream().map(Msg::english).toList()));
        this.problems = Collections.unmodifiableMap(new EnumMap<>(problems));
    }

    /** The problems in form order. */
    public Map<ProviderInput.Field, Msg> problems() {
        return problems;
    }
}
