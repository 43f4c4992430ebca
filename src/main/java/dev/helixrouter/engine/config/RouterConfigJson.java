package dev.helixrouter.engine.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes the one JSON shape of a {@link RouterConfig}: the config file, the HTTP API,
 * the lab's export and a scenario's {@code config} object (SPEC §5).
 *
 * <p>A document is a flat JSON object whose keys are the {@link ConfigKey} names, for example
 * the original HelixRouter's
 * <pre>{"inline_threshold":8000,"spawn_threshold":60000,"cpu_queue_cap":512,"cpu_parallelism":8,"backpressure_busy_threshold":7}</pre>
 * Keys left out take their defaults. Reading is strict and reports <em>every</em> problem at
 * once in a {@link ConfigException}, each naming its key ({@code "$"} for the document as a
 * whole): malformed JSON (with line and column), unknown keys (with the nearest known key),
 * wrong types, NaN and infinities, numbers out of range, unknown choices, duplicate keys, and
 * then every broken rule of {@link RouterConfig#violations()}.
 *
 * <p>Integer keys accept any JSON number without a fractional part, so {@code 8000},
 * {@code 8000.0} and {@code 8e3} are the same value; {@code 7.5} is refused rather than
 * rounded. {@code backpressure_busy_threshold} may be null, which means the same as leaving it
 * out: follow {@code cpu_parallelism}.
 *
 * <p>Documents are limited to {@value #MAX_DOCUMENT_CHARS} characters and
 * {@value #MAX_NESTING_DEPTH} levels of nesting, so a hostile body cannot exhaust memory or
 * the stack before it is refused. All methods are thread-safe.
 */
public final class RouterConfigJson {

    /** Deepest nesting of arrays and objects a document may have (a valid config needs 1). */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Longest document accepted, in characters (a full config is well under 1 000). */
    public static final int MAX_DOCUMENT_CHARS = 1_000_000;

    private static final ObjectMapper MAPPER = createMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private RouterConfigJson() {}

    private static ObjectMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(MAX_DOCUMENT_CHARS)
                        .maxStringLength(MAX_DOCUMENT_CHARS)
                        .build())
                // NaN and Infinity are not JSON, but parsing them lets us refuse them by key with
                // a clear message instead of a bare syntax error.
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // A repeated key would otherwise silently keep its last value.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                // Exact decimals: 1e400 stays 1e400 (reported out of range), not Infinity.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    // ---- whole documents ----

    /**
     * Reads a whole config; keys left out take {@link RouterConfig#defaults()}.
     *
     * @return a valid config
     * @throws ConfigException listing every problem of the document
     */
    public static RouterConfig parse(String json) {
        return parse(json, RouterConfig.defaults());
    }

    /**
     * Reads a whole config; keys left out take their values from {@code defaults} (for example
     * {@link RouterConfig#defaults(int)} of a simulated machine).
     *
     * @return a valid config
     * @throws ConfigException listing every problem of the document
     */
    public static RouterConfig parse(String json, RouterConfig defaults) {
        Objects.requireNonNull(defaults, "defaults");
        List<ConfigViolation> problems = new ArrayList<>();
        JsonNode root = read(json, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return fromTree(root, defaults);
    }

    /**
     * Reads a whole config from a JSON tree, for documents embedded in others (a scenario's
     * {@code config} object); keys left out take {@link RouterConfig#defaults()}.
     *
     * @throws ConfigException listing every problem
     */
    public static RouterConfig fromTree(JsonNode node) {
        return fromTree(node, RouterConfig.defaults());
    }

    /**
     * Reads a whole config from a JSON tree; keys left out take their values from
     * {@code defaults}.
     *
     * @throws ConfigException listing every problem
     */
    public static RouterConfig fromTree(JsonNode node, RouterConfig defaults) {
        Objects.requireNonNull(defaults, "defaults");
        List<ConfigViolation> problems = new ArrayList<>();
        Set<ConfigKey> failed = EnumSet.noneOf(ConfigKey.class);
        EnumMap<ConfigKey, Object> values = ConfigValues.checkObject(node, problems, failed);
        if (node == null || !node.isObject()) {
            throw new ConfigException(problems);
        }
        RouterConfig config = new ConfigPatch(values).applyTo(defaults);
        for (ConfigViolation v : ConfigValues.withoutNoise(config.violations(), failed)) {
            problems.add(ConfigKey.byJsonName(v.key()).filter(k -> !node.has(k.jsonName()))
                    .map(k -> new ConfigViolation(v.key(), v.message() + " (the key is left out, so this is its default)"))
                    .orElse(v));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    // ---- patches ----

    /**
     * Reads a sparse document: only the keys it names, each type-checked as in {@link #parse}.
     * The rules are not checked here, since they depend on the config the patch lands on.
     *
     * @throws ConfigException listing every problem of the document
     */
    public static ConfigPatch parsePatch(String json) {
        List<ConfigViolation> problems = new ArrayList<>();
        JsonNode root = read(json, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return patchFromTree(root);
    }

    /**
     * Reads a sparse document from a JSON tree.
     *
     * @throws ConfigException listing every problem
     */
    public static ConfigPatch patchFromTree(JsonNode node) {
        List<ConfigViolation> problems = new ArrayList<>();
        EnumMap<ConfigKey, Object> values = ConfigValues.checkObject(node, problems, EnumSet.noneOf(ConfigKey.class));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return values.isEmpty() ? ConfigPatch.empty() : new ConfigPatch(values);
    }

    // ---- writing ----

    /**
     * The config as a pretty-printed document with every key in {@link ConfigKey} order;
     * {@code backpressure_busy_threshold} is left out when it follows {@code cpu_parallelism}.
     * For a valid config, {@code parse(toJson(c)).equals(c)}.
     */
    public static String toJson(RouterConfig config) {
        return write(toTree(config));
    }

    /** The config as a JSON object, keys as in {@link #toJson(RouterConfig)}. */
    public static ObjectNode toTree(RouterConfig config) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (ConfigKey key : ConfigKey.values()) {
            Object value = key.valueIn(config);
            if (value != null) {
                node.set(key.jsonName(), ConfigValues.toNode(value));
            }
        }
        return node;
    }

    static String write(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JacksonException e) {
            // A tree of plain numbers and strings always serialises; reaching here is a bug.
            throw new IllegalStateException("cannot write config JSON", e);
        }
    }

    // ---- reading ----

    /** Parses the text into a tree; on failure adds one "$" problem and returns null. */
    private static JsonNode read(String json, List<ConfigViolation> problems) {
        Objects.requireNonNull(json, "json");
        if (json.length() > MAX_DOCUMENT_CHARS) {
            problems.add(new ConfigViolation("$", "the document is " + json.length()
                    + " characters long; at most " + MAX_DOCUMENT_CHARS + " are accepted"));
            return null;
        }
        JsonParser parser = null;
        try {
            parser = MAPPER.createParser(json);
            JsonNode root = MAPPER.readTree(parser);
            if (root == null) {
                // readTree returns null for a blank document; checkObject words that problem.
                return MissingNode.getInstance();
            }
            return root;
        } catch (StreamConstraintsException e) {
            String what = e.getOriginalMessage().contains("nesting depth")
                    ? "the document is nested deeper than " + MAX_NESTING_DEPTH
                            + " levels (a config is one flat JSON object)"
                    : "the document exceeds a size limit: " + e.getOriginalMessage();
            problems.add(new ConfigViolation("$", what + at(parser == null ? null : parser.currentLocation())));
            return null;
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation() != null ? e.getLocation()
                    : parser == null ? null : parser.currentLocation();
            String repeated = parser == null ? null : parser.getParsingContext().getCurrentName();
            if (repeated != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                // Name the key: with duplicates, which value would win is anyone's guess.
                problems.add(new ConfigViolation(repeated, "appears more than once" + at(where)
                        + "; give each key once"));
                return null;
            }
            // The parser accepts NaN only so that it can be refused by key; don't advertise it.
            String why = e.getOriginalMessage().replace(" (or 'NaN'/'+INF'/'-INF')", "");
            problems.add(new ConfigViolation("$", "malformed JSON" + at(where) + ": " + why));
            return null;
        } catch (IOException e) {
            // Reading a String performs no I/O; Jackson's signatures declare it all the same.
            throw new UncheckedIOException(e);
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // closing a parser over a String releases buffers only; nothing can fail
                }
            }
        }
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
