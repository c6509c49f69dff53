package io.atlasonboard.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/**
 * The simulator's one place for HTTP and JSON: responses ({@code application/json} and
 * {@code application/problem+json}), request hygiene for JSON bodies (411/415/400), query parameters, paging headers.
 */
final class Http {
    static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    static final String JSON = "application/json;charset=utf-8";
    static final String PROBLEM = "application/problem+json;charset=utf-8";
    static final int MAX_BODY = 1 << 20;
    private static final Pattern CONTENT_TYPE_OK =
            Pattern.compile("^\\s*application/json\\s*;\\s*charset\\s*=\\s*\"?utf-8\"?\\s*$", Pattern.CASE_INSENSITIVE);

    private Http() {
    }

    /** One request as the handlers see it: method (upper case), path segments after the area prefix, query. */
    record Call(HttpExchange exchange, String method, String[] seg, Map<String, String> query) {
        JsonObject body(boolean required) throws IOException {
            return jsonBody(exchange, required);
        }

        byte[] rawBody() throws IOException {
            return readBody(exchange.getRequestBody());
        }
    }

    /** An answer: status, content type (null for none), body bytes, extra headers. */
    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Response json(int status, JsonElement body) {
            return new Response(status, JSON, GSON.toJson(body).getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
        }

        static Response empty(int status) {
            return new Response(status, null, new byte[0], new LinkedHashMap<>());
        }

        static Response bytes(int status, String contentType, byte[] body) {
            return new Response(status, contentType, body, new LinkedHashMap<>());
        }

        Response header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    static Response problem(int status, String description, Map<String, String> errors) {
        JsonObject o = new JsonObject();
        o.addProperty("description", description);
        o.addProperty("id", SimState.randomAlnum(27));
        if (errors != null && !errors.isEmpty()) {
            JsonObject e = new JsonObject();
            errors.forEach(e::addProperty);
            o.add("errors", e);
        }
        return Response.bytes(status, PROBLEM, GSON.toJson(o).getBytes(StandardCharsets.UTF_8));
    }

    static JsonObject description(String d) {
        JsonObject o = new JsonObject();
        o.addProperty("description", d);
        return o;
    }

    static Response value(long v) {
        JsonObject o = new JsonObject();
        o.addProperty("value", v);
        return Response.json(200, o);
    }

    static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw methodNotAllowed();
        }
    }

    static ApiException methodNotAllowed() {
        return new ApiException(405, "Method not allowed");
    }

    static ApiException notFound() {
        return new ApiException(404, "Not found");
    }

    /**
     * Request hygiene for a JSON body: 411 without Content-Length (chunked included), 400 for an empty body where one
     * is required, 415 unless {@code application/json;charset=utf-8} (case and spaces tolerated), 400 unless the body
     * is strict UTF-8 JSON holding one object. Returns null when an optional body is absent.
     */
    static JsonObject jsonBody(HttpExchange ex, boolean required) throws IOException {
        Headers h = ex.getRequestHeaders();
        String cl = h.getFirst("Content-Length");
        if (cl == null) {
            if (!required && h.getFirst("Transfer-Encoding") == null) {
                return null;
            }
            throw new ApiException(411, "Content-Length required");
        }
        long length;
        try {
            length = Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "Bad Request: invalid Content-Length");
        }
        if (length == 0) {
            if (!required) {
                return null;
            }
            throw new ApiException(400, "Bad Request: a JSON body is required");
        }
        String ct = h.getFirst("Content-Type");
        if (ct == null || !CONTENT_TYPE_OK.matcher(ct).matches()) {
            throw new ApiException(415, "Bad Content-Type");
        }
        if (length > MAX_BODY) {
            throw new ApiException(400, "Bad Request: body too large");
        }
        byte[] bytes = readBody(ex.getRequestBody());
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "Bad Request: body is not UTF-8");
        }
        JsonElement e;
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            e = GSON.getAdapter(JsonElement.class).read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new ApiException(400, "Bad Request: trailing data after the JSON value");
            }
        } catch (IOException | JsonParseException | IllegalStateException ex2) {
            throw new ApiException(400, "Bad Request: body is not valid JSON");
        }
        if (e == null || !e.isJsonObject()) {
            throw new ApiException(400, "Bad Request: body must be a JSON object");
        }
        return e.getAsJsonObject();
    }

    static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > MAX_BODY) {
                throw new ApiException(400, "Bad Request: body too large");
            }
        }
        return out.toByteArray();
    }

    /** Reads what is left of the request body (not skip(): HttpServer's body stream passes skip to the raw socket). */
    static void drain(InputStream in) {
        try {
            byte[] buf = new byte[8192];
            while (in.read(buf) >= 0) {
                // discard
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    static Map<String, String> queryParams(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String part : rawQuery.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A non-empty string member, or null. */
    static String requiredString(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull() || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()
                || e.getAsString().isEmpty()) {
            return null;
        }
        return e.getAsString();
    }

    /** 400 for a member other than {@code allowed}. */
    static void onlyFields(JsonObject body, java.util.Set<String> allowed) {
        for (String k : body.keySet()) {
            if (!allowed.contains(k)) {
                throw new ApiException(400, "Bad Request: unknown field " + k);
            }
        }
    }

    /** An optional string member: null when absent or JSON null, 400 when not a string. */
    static String optionalString(JsonObject body, String key) {
        JsonElement e = body == null ? null : body.get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new ApiException(400, "Bad Request: " + key + " must be a string");
        }
        return e.getAsString();
    }

    static long longParam(Map<String, String> q, String name, long dflt) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.validation(name + ": must be an integer");
        }
    }

    static void checkPaging(int page, int perPage, int maxPerPage) {
        if (page < 1) {
            throw ApiException.validation("page: must be 1 or more");
        }
        if (perPage < 1 || perPage > maxPerPage) {
            throw ApiException.validation("per_page: must be between 1 and " + maxPerPage);
        }
    }

    /** A page of items with {@code Total-Count} and {@code Links} (previous/next/last) headers. */
    static Response paged(String path, List<JsonObject> items, int page, int perPage, Map<String, String> keep) {
        int total = items.size();
        int last = Math.max(1, (total + perPage - 1) / perPage);
        JsonArray arr = new JsonArray();
        for (int i = (page - 1) * perPage; i < Math.min(total, page * perPage); i++) {
            arr.add(items.get(i));
        }
        List<String> links = new ArrayList<>();
        if (page > 1) {
            links.add(link(path, Math.min(page - 1, last), perPage, keep, "previous"));
        }
        if (page < last) {
            links.add(link(path, page + 1, perPage, keep, "next"));
        }
        links.add(link(path, last, perPage, keep, "last"));
        return Response.json(200, arr).header("Total-Count", Integer.toString(total))
                .header("Links", String.join(", ", links));
    }

    private static String link(String path, int page, int perPage, Map<String, String> keep, String rel) {
        StringBuilder sb = new StringBuilder("<").append(path).append("?page=").append(page).append("&per_page=")
                .append(perPage);
        keep.forEach((k, v) -> sb.append('&').append(k).append('=').append(v));
        return sb.append(">; rel=\"").append(rel).append('"').toString();
    }
}
