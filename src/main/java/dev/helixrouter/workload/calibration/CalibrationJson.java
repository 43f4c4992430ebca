package dev.helixrouter.workload.calibration;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The strict JSON reading shared by {@link ServiceModel} and {@link Calibration}.
 *
 * <p>These documents are small and machine-written, but a scenario's explicit model is written
 * by hand and the cache file can be anything after a crash or a foreign tool, so reading is
 * strict: every key must be known, every number finite, and every problem is an
 * {@link IllegalArgumentException} whose message names the offending path (for example
 * {@code model.HashMix.slope_nanos}). Callers that must not fail (the cache) catch it.
 */
final class CalibrationJson {

    /** Longest document accepted, in characters; a calibration is a few kilobytes. */
    static final int MAX_DOCUMENT_CHARS = 1_000_000;
    /** Deepest nesting accepted; a calibration needs 4. */
    static final int MAX_NESTING_DEPTH = 16;

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxDocumentLength(MAX_DOCUMENT_CHARS)
                            .maxStringLength(MAX_DOCUMENT_CHARS)
                            .build())
                    // A repeated key would otherwise silently keep its last value.
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private CalibrationJson() {}

    /** Parses a whole document; malformed JSON is reported with its line and column. */
    static JsonNode parse(String json, String what) {
        Objects.requireNonNull(json, what);
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw new IllegalArgumentException(what + ": longer than " + MAX_DOCUMENT_CHARS + " characters");
        }
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new IllegalArgumentException(what + ": empty document");
            }
            return root;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException(what + ": malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Pretty-printed JSON with a trailing newline. */
    static String write(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node) + System.lineSeparator();
        } catch (JacksonException e) {
            // A tree of plain nodes always serialises; reaching this is a bug.
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static ObjectNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": must be a JSON object, was " + describe(node));
        }
        return (ObjectNode) node;
    }

    /** Refuses keys outside {@code known}, naming the first unknown one and the known ones. */
    static void onlyKeys(ObjectNode node, String path, Set<String> known) {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            if (!known.contains(property.getKey())) {
                throw new IllegalArgumentException(child(path, property.getKey())
                        + ": unknown key; known keys are " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    static JsonNode required(ObjectNode node, String path, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(child(path, key) + ": missing");
        }
        return value;
    }

    static double finiteNumber(ObjectNode node, String path, String key) {
        JsonNode value = required(node, path, key);
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new IllegalArgumentException(child(path, key) + ": must be a finite number, was " + describe(value));
        }
        return value.doubleValue();
    }

    static long wholeNumber(ObjectNode node, String path, String key, long min, long max) {
        JsonNode value = required(node, path, key);
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.longValue() < min || value.longValue() > max) {
            throw new IllegalArgumentException(child(path, key) + ": must be a whole number in "
                    + min + "–" + max + ", was " + describe(value));
        }
        return value.longValue();
    }

    static String text(ObjectNode node, String path, String key) {
        JsonNode value = required(node, path, key);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(child(path, key) + ": must be a string, was " + describe(value));
        }
        return value.textValue();
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        String s = node.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
