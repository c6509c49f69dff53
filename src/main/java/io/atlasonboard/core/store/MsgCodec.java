package io.atlasonboard.core.store;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.Msg;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * A {@link Msg} as JSON for a column of the store: {@code {"k":"core.providers.diag.X","a":[...]}} where an argument
 * is a JSON string, a nested message object, or {@code {"n":12,"t":"l"}} for a number (t = i, l or d). Other argument
 * types are kept as their text. A value that does not decode reads back as no message (the English text then shows).
 */
public final class MsgCodec {
    private MsgCodec() {
    }

    public static String encode(Msg m) {
        return m == null ? null : toJson(m).toString();
    }

    /** The message, or null for null, blank or damaged text. */
    public static Msg decode(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return fromJson(JsonParser.parseString(json).getAsJsonObject());
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException
                | NumberFormatException e) {
            return null;
        }
    }

    private static JsonObject toJson(Msg m) {
        JsonObject o = new JsonObject();
        o.addProperty("k", m.key());
        JsonArray a = new JsonArray();
        for (Object arg : m.args()) {
            a.add(arg(arg));
        }
        o.add("a", a);
        return o;
    }

    private static JsonElement arg(Object arg) {
        if (arg instanceof Msg m) {
            return toJson(m);
        }
        if (arg instanceof Localized l && l.msg() != null) {
            return toJson(l.msg());
        }
        if (arg instanceof Integer || arg instanceof Long || arg instanceof Short || arg instanceof Byte
                || arg instanceof Double || arg instanceof Float) {
            JsonObject n = new JsonObject();
            n.add("n", new JsonPrimitive((Number) arg));
            n.addProperty("t", arg instanceof Double || arg instanceof Float ? "d"
                    : arg instanceof Long ? "l" : "i");
            return n;
        }
        return new JsonPrimitive(String.valueOf(arg));
    }

    private static Msg fromJson(JsonObject o) {
        String key = o.get("k").getAsString();
        List<Object> args = new ArrayList<>();
        if (o.has("a")) {
            for (JsonElement e : o.getAsJsonArray("a")) {
                args.add(fromArg(e));
            }
        }
        return Msg.of(key, args.toArray());
    }

    private static Object fromArg(JsonElement e) {
        if (e.isJsonPrimitive()) {
            return e.getAsString();
        }
        JsonObject o = e.getAsJsonObject();
        if (o.has("k")) {
            return fromJson(o);
        }
        String t = o.has("t") ? o.get("t").getAsString() : "d";
        return switch (t) {
            case "i" -> o.get("n").getAsInt();
            case "l" -> o.get("n").getAsLong();
            default -> o.get("n").getAsDouble();
        };
    }
}
