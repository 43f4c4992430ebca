package dev.helixrouter.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Key-by-key type checking shared by whole documents ({@link RouterConfigJson#parse}) and
 * patches ({@link ConfigPatch}), so both refuse exactly the same values with the same words.
 *
 * <p>Checking works on Jackson trees rather than on bound Java fields because data binding
 * stops at the first problem, and the spec wants every problem at once (SPEC §5). Numbers are
 * judged on their exact {@link BigDecimal} value, never on a double or a truncated long, so
 * that {@code 99999999999999999999} or {@code 1e400} is reported as out of range instead of
 * silently wrapping or becoming infinity, and {@code 7.5} is not quietly rounded to 7.
 */
final class ConfigValues {

    /** Marks a value that failed its check ({@code null} is a legal value for one key). */
    static final Object INVALID = new Object();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ConfigValues() {}

    /**
     * Checks every property of a config object. Known keys that pass their type check land in
     * the returned map (a {@code null} value means "follow cpu_parallelism"); every problem is
     * added to {@code problems}, and the keys that failed to {@code failed}.
     */
    static EnumMap<ConfigKey, Object> checkObject(JsonNode root, List<ConfigViolation> problems, Set<ConfigKey> failed) {
        EnumMap<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
        if (root == null || root.isMissingNode()) {
            problems.add(new ConfigViolation("$", "the document is empty; expected a JSON object such as "
                    + "{\"cpu_parallelism\": 8}"));
            return values;
        }
        if (!root.isObject()) {
            problems.add(new ConfigViolation("$", "expected a JSON object of config keys, was " + describe(root)));
            return values;
        }
        for (Map.Entry<String, JsonNode> property : root.properties()) {
            String name = property.getKey();
            ConfigKey key = ConfigKey.byJsonName(name).orElse(null);
            if (key == null) {
                problems.add(new ConfigViolation(name, unknownKeyMessage(name)));
                continue;
            }
            Object value = check(key, property.getValue(), problems);
            if (value == INVALID) {
                failed.add(key);
            } else {
                values.put(key, value);
            }
        }
        return values;
    }

    /**
     * Checks one value for {@code key}. Returns it in the shape of {@link ConfigKey#valueIn}, or
     * {@link #INVALID} after adding the reason to {@code problems}.
     */
    static Object check(ConfigKey key, JsonNode node, List<ConfigViolation> problems) {
        Object result;
        if (node == null || node.isNull() || node.isMissingNode()) {
            result = key.nullable() ? null
                    : new Problem("must not be null; leave the key out to keep its default or current value");
        } else {
            result = switch (key.type()) {
                case INTEGER -> integer(key, node);
                case DECIMAL -> decimal(node);
                case CHOICE -> choice(key, node);
            };
        }
        if (result instanceof Problem p) {
            problems.add(new ConfigViolation(key.jsonName(), p.message()));
            return INVALID;
        }
        return result;
    }

    /** A JSON node for a value in the shape of {@link ConfigKey#valueIn}. */
    static JsonNode toNode(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Double d -> NODES.numberNode(d);
            case String s -> NODES.textNode(s);
            default -> throw new IllegalArgumentException("not a config value: " + value.getClass().getName());
        };
    }

    /**
     * Removes rule violations that only exist because a key failed its type check: such a key
     * kept its default, so a rule about it, or a cross-key rule naming it in its message
     * ({@code "must be < spawn_threshold (…)"}), judged a value the user never wrote.
     */
    static List<ConfigViolation> withoutNoise(List<ConfigViolation> ruleViolations, Set<ConfigKey> failed) {
        if (failed.isEmpty()) {
            return ruleViolations;
        }
        Pattern mentionsFailed = Pattern.compile(failed.stream().map(k -> Pattern.quote(k.jsonName()))
                .collect(Collectors.joining("|", "\\b(", ")\\b")));
        return ruleViolations.stream()
                .filter(v -> failed.stream().noneMatch(k -> k.jsonName().equals(v.key())))
                .filter(v -> !mentionsFailed.matcher(v.message()).find())
                .toList();
    }

    // ---- the three value types ----

    private record Problem(String message) {}

    private static Object integer(ConfigKey key, JsonNode node) {
        if (!node.isNumber()) {
            return new Problem("must be a whole number, was " + describe(node) + quotesHint(node));
        }
        if (isNonFinite(node)) {
            return nonFinite(node);
        }
        BigDecimal d = node.decimalValue();
        BigDecimal min = key.isLong() ? LONG_MIN : INT_MIN;
        BigDecimal max = key.isLong() ? LONG_MAX : INT_MAX;
        // Range first: compareTo is cheap even for 1e999999999, which stripTrailingZeros is not.
        if (d.compareTo(max) > 0) {
            return new Problem("out of range: " + show(d) + " is above the largest value this key can hold ("
                    + max.toPlainString() + ")");
        }
        if (d.compareTo(min) < 0) {
            return new Problem("out of range: " + show(d) + " is below the smallest value this key can hold ("
                    + min.toPlainString() + ")");
        }
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            return new Problem("must be a whole number, was " + show(d));
        }
        // Integral values written as 8000.0 or 8e3 are accepted: they denote a whole number exactly.
        return key.isLong() ? (Object) d.longValueExact() : (Object) d.intValueExact();
    }

    private static Object decimal(JsonNode node) {
        if (!node.isNumber()) {
            return new Problem("must be a number, was " + describe(node) + quotesHint(node));
        }
        if (isNonFinite(node)) {
            return nonFinite(node);
        }
        BigDecimal d = node.decimalValue();
        double x = d.doubleValue();
        if (Double.isInfinite(x)) {
            return new Problem("out of range: " + show(d) + " is beyond the largest decimal number (about 1.8E308)");
        }
        if (x == 0.0 && d.signum() != 0) {
            return new Problem("out of range: " + show(d) + " is too close to zero to be represented");
        }
        return x;
    }

    private static Object choice(ConfigKey key, JsonNode node) {
        String allowed = key.choices().stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
        if (!node.isTextual()) {
            return new Problem("must be one of " + allowed + ", was " + describe(node));
        }
        String text = node.textValue();
        if (!key.choices().contains(text)) {
            return new Problem("must be one of " + allowed + ", was '" + text + "'");
        }
        return text;
    }

    // ---- wording ----

    private static boolean isNonFinite(JsonNode node) {
        // Only binary floating-point nodes can hold NaN or infinity; exact decimals cannot.
        return (node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue());
    }

    private static Problem nonFinite(JsonNode node) {
        double x = node.doubleValue();
        return Double.isNaN(x)
                ? new Problem("must be a finite number, was NaN (not a number; standard JSON has no NaN)")
                : new Problem("out of range: " + (x > 0 ? "Infinity" : "-Infinity") + " is not a finite number");
    }

    /** How a wrong value reads in a message: its JSON type, and the value when it is short. */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string (\"" + abbreviate(node.textValue()) + "\")";
            case BOOLEAN -> "a boolean (" + node.booleanValue() + ")";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            case POJO -> node instanceof POJONode p && p.getPojo() != null
                    ? "a Java " + p.getPojo().getClass().getName() : "a Java object";
            case NUMBER -> "the number " + (isNonFinite(node) ? node.asText() : show(node.decimalValue()));
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
        };
    }

    private static String quotesHint(JsonNode node) {
        if (node.isTextual()) {
            try {
                new BigDecimal(node.textValue().strip());
                return "; write numbers without quotes";
            } catch (NumberFormatException notANumber) {
                return "";
            }
        }
        return "";
    }

    /** Plain digits for ordinary magnitudes, scientific notation for huge or tiny ones. */
    private static String show(BigDecimal d) {
        int exponent = d.precision() - d.scale() - 1;
        return Math.abs(exponent) <= 21 && d.scale() <= 21 ? d.toPlainString() : d.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    // ---- unknown keys ----

    /** Ends the message for an unknown key with no near match; {@link ConfigException} lists these once. */
    static final String KNOWN_KEYS_PREFIX = "; known keys are ";

    /** "unknown key 'x'" with the nearest known key, or the list of keys when none is near. */
    static String unknownKeyMessage(String name) {
        String shown = abbreviate(name);
        java.util.List<String> names = java.util.Arrays.stream(ConfigKey.values()).map(ConfigKey::jsonName).toList();
        return NearestName.nearest(name, names)
                .map(k -> "unknown key '" + shown + "' (did you mean '" + k + "'?)")
                .orElseGet(() -> "unknown key '" + shown + "'" + KNOWN_KEYS_PREFIX + String.join(", ", names));
    }
}
