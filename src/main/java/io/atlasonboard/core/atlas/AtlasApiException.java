package io.atlasonboard.core.atlas;

import java.util.Map;

/**
 * The API answered with an error status. {@code description}, {@code id} and {@code errors} come from the
 * {@code application/problem+json} body (ATLAS-API.md section 6); {@code description} falls back to the HTTP reason
 * when the body is not problem+json.
 */
public class AtlasApiException extends AtlasException {
    private final int status;
    private final String description;
    private final String id;
    private final Map<String, String> errors;
    private final String path;

    public AtlasApiException(String method, String path, int status, String description, String id,
            Map<String, String> errors) {
        super(format(method, path, status, description, id, errors));
        this.status = status;
        this.description = description;
        this.id = id;
        this.errors = errors == null ? Map.of() : Map.copyOf(errors);
        this.path = path;
    }

    private static String format(String method, String path, int status, String description, String id,
            Map<String, String> errors) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(path).append(" -> HTTP ").append(status);
        if (description != null && !description.isBlank()) {
            sb.append(": ").append(description);
        }
        if (errors != null && !errors.isEmpty()) {
            sb.append(' ').append(errors);
        }
        if (id != null && !id.isBlank()) {
            sb.append(" (id ").append(id).append(')');
        }
        return sb.toString();
    }

    public int status() {
        return status;
    }

    public String description() {
        return description;
    }

    public String id() {
        return id;
    }

    public Map<String, String> errors() {
        return errors;
    }

    /** The API path relative to the base URL, e.g. {@code /login}. */
    public String path() {
        return path;
    }
}
