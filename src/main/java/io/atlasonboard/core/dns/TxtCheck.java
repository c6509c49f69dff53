package io.atlasonboard.core.dns;

import java.util.Objects;

/**
 * One name to check in a batch: the claimed domain (trailing dot optional) and the TXT value to look for, exactly.
 */
public record TxtCheck(String domain, String expectedValue) {

    public TxtCheck {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(expectedValue, "expectedValue");
    }
}
