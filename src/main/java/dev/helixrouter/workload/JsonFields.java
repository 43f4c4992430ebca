package dev.helixrouter.workload;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Typed, path-aware reads from one JSON object, each problem recorded with its dotted path
 * instead of thrown, so a document is reported whole (the same reason the config reader works
 * on trees rather than data binding: binding stops at the first problem).
 *
 * <p>Numbers are judged on their exact {@link BigDecimal} value: {@code 7.5} is not quietly
 * rounded to a whole number and {@code 1e400} is out of range rather than infinity.
 */
final class JsonFields {

    /** Longest document accepted, in characters. */
    static final int MAX_DOCUMENT_CHARS = 1_000_000;
    /** Deepest nesting accepted (a scenario needs 2). */
    static final int MAX_NESTING_DEPTH = 32;

    /** A strict mapper: duplicate keys refused, NaN parsed only to be refused by field, exact decimals. */
    static final ObjectMapper MAPPER = createMapper(false);
    /** As {@link #MAPPER}, also allowing comments: hand-written scenarios may annotate themselves. */
    static final ObjectMapper LENIENT_COMMENTS = createMapper(true);

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final JsonNode node;
    private final String path;
    private final List<ScenarioProblem> problems;

    private JsonFields(JsonNode node, String path, List<ScenarioProblem> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    private static ObjectMapper createMapper(boolean comments) {
        JsonFactoryBuilder factory = new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(MAX_DOCUMENT_CHARS)
                        .maxStringLength(MAX_DOCUMENT_CHARS)
                        .build())
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
        if (comments) {
            factory.enable(JsonReadFeature.ALLOW_JAVA_COMMENTS);
        }
        return JsonMapper.builder(factory.build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Reads {@code node} as the object at {@code path}; records a problem and returns empty if it is not one. */
    static Optional<JsonFields> object(JsonNode node, String path, String what, List<ScenarioProblem> problems) {
        if (node == null || !node.isObject()) {
            problems.add(new ScenarioProblem(path.isEmpty() ? "$" : path, "must be a JSON object (" + what + "), was "
                    + describe(node)));
            return Optional.empty();
        }
        return Optional.of(new JsonFields(node, path, problems));
    }

    /** The dotted path of {@code key} in this object. */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String message) {
        problems.add(new ScenarioProblem(pathOf(key), message));
    }

    boolean has(String key) {
        return node.has(key);
    }

    JsonNode raw(String key) {
        return node.get(key);
    }

    /** Records every key not in {@code known}, with the nearest known key or the list of keys. */
    void refuseUnknown(Collection<String> known) {
        for (Map.Entry<String, JsonNode> p : node.properties()) {
            if (!known.contains(p.getKey())) {
                problem(p.getKey(), Suggestions.unknownKey(p.getKey(), known));
            }
        }
    }

    /** Records a problem if {@code key} is absent; returns whether it is present. */
    boolean require(String key, String hint) {
        if (!node.has(key)) {
            problems.add(new ScenarioProblem(pathOf(key), "is required" + (hint.isEmpty() ? "" : "; " + hint)));
            return false;
        }
        return true;
    }

    Optional<String> text(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            problem(key, "must be a string, was " + describe(v));
            return Optional.empty();
        }
        return Optional.of(v.textValue());
    }

    /** One of {@code choices}; anything else is recorded with the nearest choice. */
    Optional<String> choice(String key, Collection<String> choices) {
        return text(key).filter(s -> {
            if (choices.contains(s)) {
                return true;
            }
            problem(key, "unknown " + key + " '" + Suggestions.abbreviate(s) + "'"
                    + Suggestions.nearest(s, choices).map(c -> " (did you mean '" + c + "'?)").orElse("")
                    + "; choose one of " + String.join(", ", choices));
            return false;
        });
    }

    /** A whole number that fits a {@code long}. */
    OptionalLong integer(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v.isInt() || v.isLong()) {
            return OptionalLong.of(v.longValue()); // the common case, without BigDecimal arithmetic
        }
        Optional<BigDecimal> d = number(key, v, "a whole number");
        if (d.isEmpty()) {
            return OptionalLong.empty();
        }
        BigDecimal x = d.get();
        if (x.signum() != 0 && x.stripTrailingZeros().scale() > 0) {
            problem(key, "must be a whole number, was " + show(x));
            return OptionalLong.empty();
        }
        if (x.compareTo(LONG_MIN) < 0 || x.compareTo(LONG_MAX) > 0) {
            problem(key, "out of range: " + show(x) + " does not fit a 64-bit integer");
            return OptionalLong.empty();
        }
        return OptionalLong.of(x.longValueExact());
    }

    /** A finite decimal that a {@code double} can hold. */
    OptionalDouble decimal(String key) {
        return exact(key).map(x -> {
            double d = x.doubleValue();
            if (Double.isInfinite(d)) {
                problem(key, "out of range: " + show(x));
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(d);
        }).orElse(OptionalDouble.empty());
    }

    /** A finite number, exactly as written. */
    Optional<BigDecimal> exact(String key) {
        JsonNode v = node.get(key);
        return v == null ? Optional.empty() : number(key, v, "a number");
    }

    private Optional<BigDecimal> number(String key, JsonNode v, String expected) {
        if (!v.isNumber()) {
            problem(key, "must be " + expected + ", was " + describe(v) + quotesHint(v));
            return Optional.empty();
        }
        if ((v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue())) {
            problem(key, "must be a finite number, was " + v.asText() + " (standard JSON has no NaN or Infinity)");
            return Optional.empty();
        }
        if (v.isBigInteger() || v.isIntegralNumber()) {
            return Optional.of(new BigDecimal(v.bigIntegerValue()));
        }
        return Optional.of(v.decimalValue());
    }

    /** How a value reads in a message: its JSON type, and the value when it is short. */
    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        return switch (v.getNodeType()) {
            case STRING -> "a string (\"" + Suggestions.abbreviate(v.textValue()) + "\")";
            case BOOLEAN -> "a boolean (" + v.booleanValue() + ")";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            case NUMBER -> "the number " + (v.isBigInteger() || v.isIntegralNumber()
                    ? v.bigIntegerValue().toString() : v.isBigDecimal() ? show(v.decimalValue()) : v.asText());
            default -> "a " + v.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
        };
    }

    private static String quotesHint(JsonNode v) {
        if (v.isTextual()) {
            try {
                new BigDecimal(v.textValue().strip());
                return "; write numbers without quotes";
            } catch (NumberFormatException notANumber) {
                return "";
            }
        }
        return "";
    }

    /** Plain digits for ordinary magnitudes, scientific notation for huge or tiny ones. */
    static String show(BigDecimal d) {
        int exponent = d.precision() - d.scale() - 1;
        return Math.abs(exponent) <= 21 && d.scale() <= 21 ? d.toPlainString() : d.toString();
    }
}
