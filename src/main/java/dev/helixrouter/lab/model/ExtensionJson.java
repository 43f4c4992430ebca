package dev.helixrouter.lab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the state a plugged-in component publishes in {@code RouterSnapshot.extensions()} — the
 * learned policy, the autoscaler — the way every other surface sees it: as the JSON the snapshot
 * is written to ({@code SnapshotJson}: Jackson's {@code valueToTree}). So the lab depends on
 * field names, not on the component's classes, and tolerates fields it does not know.
 */
final class ExtensionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExtensionJson() {}

    /** The JSON tree of an extension's state. */
    static JsonNode tree(Object state) {
        if (state instanceof JsonNode n) {
            return n;
        }
        return MAPPER.valueToTree(state);
    }

    /** The first of {@code names} that is a number, as a double; NaN if none. */
    static double number(JsonNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v != null && v.isNumber()) {
                return v.doubleValue();
            }
        }
        return Double.NaN;
    }

    /** The first of {@code names} that is text. */
    static Optional<String> text(JsonNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v != null && v.isTextual()) {
                return Optional.of(v.textValue());
            }
        }
        return Optional.empty();
    }

    /** An array of strings, or {@code fallback}. */
    static List<String> strings(JsonNode n, String name, List<String> fallback) {
        JsonNode v = n.get(name);
        if (v == null || !v.isArray() || v.isEmpty()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asText()));
        return out;
    }
}
