package io.atlasonboard.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HVCA error answer: status, {@code description}, optional {@code errors} map (problem+json). */
final class ApiException extends RuntimeException {
    final int status;
    final Map<String, String> errors;

    ApiException(int status, String description) {
        this(status, description, Map.of());
    }

    ApiException(int status, String description, Map<String, String> errors) {
        super(description, null, false, false);
        this.status = status;
        this.errors = new LinkedHashMap<>(errors);
    }

    static ApiException validation(String description) {
        return new ApiException(422, description);
    }
}
