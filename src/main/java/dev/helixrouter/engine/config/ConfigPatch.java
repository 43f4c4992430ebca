package dev.helixrouter.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A sparse change to a {@link RouterConfig}: new values for the keys it names, nothing else.
 *
 * <p>Every value in a patch has passed its key's type check (whole numbers in range, finite
 * decimals, known choices), but a patch is not checked against the rules of
 * {@link RouterConfig#violations()}: those depend on the config it lands on. {@link #applyTo}
 * merges without validating; {@link ConfigStore#patch} merges, validates the result and
 * applies it atomically, or refuses it whole.
 *
 * <p>Make one from JSON with {@link RouterConfigJson#parsePatch(String)}, from code (a lab
 * slider, the autoscaler) with {@link #builder()} or {@link #of(Map)}, or as the difference of
 * two configs with {@link #between(RouterConfig, RouterConfig)}.
 *
 * <p>Naming {@code backpressure_busy_threshold} with the value null (JSON null, Java
 * {@code null} or {@link OptionalInt#empty()}) resets it to "follow cpu_parallelism".
 */
public final class ConfigPatch {

    private static final ConfigPatch EMPTY = new ConfigPatch(new EnumMap<>(ConfigKey.class));

    // Values in the shape of ConfigKey.valueIn; a null value is "follow cpu_parallelism".
    private final EnumMap<ConfigKey, Object> values;

    ConfigPatch(EnumMap<ConfigKey, Object> checkedValues) {
        this.values = new EnumMap<>(checkedValues);
    }

    /** The patch that changes nothing. */
    public static ConfigPatch empty() {
        return EMPTY;
    }

    /** A builder for a patch made key by key; values are checked when it is built. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A patch setting each key of {@code values} (see {@link Builder#set} for the accepted value
     * types; use {@link OptionalInt#empty()} for "follow cpu_parallelism", since a map from
     * {@link Map#of} cannot hold null).
     *
     * @throws ConfigException listing every value of the wrong type or out of range
     */
    public static ConfigPatch of(Map<ConfigKey, ?> values) {
        Builder b = builder();
        values.forEach(b::set);
        return b.build();
    }

    /** The keys whose values differ between {@code from} and {@code to}, with {@code to}'s values. */
    public static ConfigPatch between(RouterConfig from, RouterConfig to) {
        EnumMap<ConfigKey, Object> diff = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            Object target = key.valueIn(to);
            if (!Objects.equals(key.valueIn(from), target)) {
                diff.put(key, target);
            }
        }
        return diff.isEmpty() ? EMPTY : new ConfigPatch(diff);
    }

    /** The keys this patch sets, in document order. */
    public Set<ConfigKey> keys() {
        return values.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(values.keySet()));
    }

    /** Whether this patch sets no key at all. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * {@code base} with this patch's keys replaced. Not validated: the merged config may break
     * a rule (see {@link RouterConfig#violations()}).
     */
    public RouterConfig applyTo(RouterConfig base) {
        RouterConfig.Builder b = base.toBuilder();
        values.forEach((key, value) -> key.setIn(b, value));
        return b.build();
    }

    /** The patch as a JSON object holding only its keys, in document order. */
    public ObjectNode toTree() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        values.forEach((key, value) -> node.set(key.jsonName(), ConfigValues.toNode(value)));
        return node;
    }

    /** The patch as pretty-printed JSON; {@link RouterConfigJson#parsePatch} reads it back. */
    public String toJson() {
        return RouterConfigJson.write(toTree());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigPatch other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "ConfigPatch" + toTree();
    }

    /**
     * Builds a patch key by key, for code that sets values one at a time (a slider, an
     * autoscaler). Setting a key twice keeps the last value. {@link #build()} checks every value
     * exactly as {@link RouterConfigJson#parsePatch} would and reports all problems together.
     */
    public static final class Builder {
        private final EnumMap<ConfigKey, JsonNode> nodes = new EnumMap<>(ConfigKey.class);

        private Builder() {}

        /**
         * Sets {@code key} to {@code value}: any {@link Number} for integer and decimal keys
         * ({@code Integer}, {@code Long}, {@code Double}, {@code BigDecimal}, …), a {@link String}
         * or the {@link GateMode} / {@link PolicyKind} constant for choice keys, and {@code null}
         * or an empty {@link OptionalInt} to make {@code backpressure_busy_threshold} follow
         * {@code cpu_parallelism}. Values of other types are reported by {@link #build()}.
         */
        public Builder set(ConfigKey key, Object value) {
            nodes.put(Objects.requireNonNull(key, "key"), toNode(value));
            return this;
        }

        /** Removes {@code key} from the patch being built. */
        public Builder unset(ConfigKey key) {
            nodes.remove(key);
            return this;
        }

        /**
         * The patch.
         *
         * @throws ConfigException listing every value of the wrong type or out of range
         */
        public ConfigPatch build() {
            List<ConfigViolation> problems = new ArrayList<>();
            EnumMap<ConfigKey, Object> checked = new EnumMap<>(ConfigKey.class);
            nodes.forEach((key, node) -> {
                Object v = ConfigValues.check(key, node, problems);
                if (v != ConfigValues.INVALID) {
                    checked.put(key, v);
                }
            });
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return checked.isEmpty() ? EMPTY : new ConfigPatch(checked);
        }

        /** The JSON node a Java value stands for; other objects become POJO nodes, refused by the check. */
        private static JsonNode toNode(Object value) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            return switch (value) {
                case null -> f.nullNode();
                case OptionalInt o -> o.isPresent() ? f.numberNode(o.getAsInt()) : f.nullNode();
                case Double d -> f.numberNode(d);
                case Float x -> f.numberNode(x.doubleValue());
                case BigDecimal d -> f.numberNode(d);
                case BigInteger i -> f.numberNode(i);
                case Number n -> f.numberNode(n.longValue()); // Integer, Long, Short, Byte, atomics
                case String s -> f.textNode(s);
                case GateMode g -> f.textNode(g.wireName());
                case PolicyKind p -> f.textNode(p.wireName());
                case Boolean b -> BooleanNode.valueOf(b);
                case JsonNode n -> n;
                default -> f.pojoNode(value);
            };
        }
    }
}
