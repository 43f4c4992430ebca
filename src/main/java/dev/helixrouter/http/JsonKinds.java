package dev.helixrouter.http;

import com.fasterxml.jackson.databind.JsonNode;

/** Words for JSON values in error messages, kept short whatever the client sent. */
final class JsonKinds {
    private JsonKinds() {}

    /** {@code "a string"}, {@code an array}, … or the number itself. */
    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return clip(v.toString());
    }

    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    static String clipKey(String key) {
        return key.length() <= 64 ? key : key.substring(0, 64) + "...";
    }
}
