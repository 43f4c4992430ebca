package dev.helixrouter.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ConfigKey}: the document's keys, their metadata, and their link to {@link RouterConfig}. */
class RouterConfigKeysTest {

    /** A config differing from the defaults in every key, so a getter wired to the wrong field shows. */
    static final RouterConfig ALL_CHANGED = new RouterConfig(111, 222_222, 777, 7, GateMode.BUSY,
            java.util.OptionalInt.of(5), 0.55, 3.25, 333, 44, 55, PolicyKind.LEARNED, 0.25, 0.35, 666, 2.5, 777, 888,
            0.33, 0.03, 4444, 0.07, 0.002, 3.5, 99, AutoscalerMode.APPLY, 17, 19, 2, 6, 3, 23);

    @Test
    void keys_areTheDocumentKeys_inDocumentOrder() {
        assertEquals(List.of("inline_threshold", "spawn_threshold", "cpu_queue_cap", "cpu_parallelism",
                "backpressure_gate", "backpressure_busy_threshold", "pressure_shed_threshold", "deadline_headroom",
                "spawn_max_in_flight",
                "batch_max_size", "batch_max_delay_ms", "routing_policy", "ema_alpha", "adaptive_step",
                "cpu_p95_budget_ms", "adaptive_p95_threshold_factor", "shutdown_grace_ms", "metrics_interval_ms",
                "learned_epsilon", "learned_epsilon_floor", "learned_epsilon_half_life", "learned_rate", "learned_l2",
                "learned_weight_clip", "learned_seed", "autoscaler_mode", "autoscaler_horizon_s", "autoscaler_window_s",
                "autoscaler_min_parallelism", "autoscaler_max_parallelism", "autoscaler_hysteresis",
                "autoscaler_cooldown_s"),
                Arrays.stream(ConfigKey.values()).map(ConfigKey::jsonName).toList());
    }

    @Test
    void byJsonName_findsExactNamesOnly() {
        assertEquals(Optional.of(ConfigKey.EMA_ALPHA), ConfigKey.byJsonName("ema_alpha"));
        assertEquals(Optional.empty(), ConfigKey.byJsonName("EMA_ALPHA"));
        assertEquals(Optional.empty(), ConfigKey.byJsonName("emaAlpha"));
        assertEquals(Optional.empty(), ConfigKey.byJsonName(""));
    }

    @Test
    void choices_areTheWireNames() {
        assertEquals(List.of("busy", "deadline"), ConfigKey.BACKPRESSURE_GATE.choices());
        assertEquals(List.of("heuristic", "learned"), ConfigKey.ROUTING_POLICY.choices());
        assertEquals(List.of(), ConfigKey.CPU_PARALLELISM.choices());
        assertEquals(List.of("off", "recommend", "apply"), ConfigKey.AUTOSCALER_MODE.choices());
        assertEquals(0, ConfigKey.BACKPRESSURE_GATE.uiMin());
        assertEquals(1, ConfigKey.BACKPRESSURE_GATE.uiMax());
    }

    @Test
    void valueTypes_matchTheRecordComponents() {
        assertEquals(ConfigKey.ValueType.INTEGER, ConfigKey.INLINE_THRESHOLD.type());
        assertTrue(ConfigKey.INLINE_THRESHOLD.isLong());
        assertFalse(ConfigKey.CPU_PARALLELISM.isLong());
        assertEquals(ConfigKey.ValueType.DECIMAL, ConfigKey.EMA_ALPHA.type());
        assertEquals(ConfigKey.ValueType.CHOICE, ConfigKey.ROUTING_POLICY.type());
        assertEquals(List.of(ConfigKey.BACKPRESSURE_BUSY_THRESHOLD),
                Arrays.stream(ConfigKey.values()).filter(ConfigKey::nullable).toList());
    }

    @ParameterizedTest
    @EnumSource(ConfigKey.class)
    void valueIn_readsTheKeysOwnComponent_inItsJsonShape(ConfigKey key) {
        Object value = key.valueIn(ALL_CHANGED);
        assertFalse(value.equals(key.valueIn(RouterConfig.defaults(8))), key + " reads a value that did not change");
        Class<?> expected = switch (key.type()) {
            case INTEGER -> key.isLong() ? Long.class : Integer.class;
            case DECIMAL -> Double.class;
            case CHOICE -> String.class;
        };
        assertEquals(expected, value.getClass());
        // Setting the value read from ALL_CHANGED onto the defaults changes exactly that key.
        RouterConfig moved = ConfigPatch.builder().set(key, value).build().applyTo(RouterConfig.defaults(8));
        assertEquals(value, key.valueIn(moved));
        assertEquals(java.util.Set.of(key), ConfigPatch.between(RouterConfig.defaults(8), moved).keys());
    }

    @Test
    void valueIn_isNullOnlyForABusyThresholdThatFollowsParallelism() {
        RouterConfig d = RouterConfig.defaults(8);
        assertNull(ConfigKey.BACKPRESSURE_BUSY_THRESHOLD.valueIn(d));
        assertEquals(7, ConfigKey.BACKPRESSURE_BUSY_THRESHOLD.valueIn(d.toBuilder().backpressureBusyThreshold(7).build()));
        Arrays.stream(ConfigKey.values()).filter(k -> !k.nullable())
                .forEach(k -> assertTrue(k.valueIn(d) != null, k.jsonName()));
    }

    @ParameterizedTest
    @EnumSource(ConfigKey.class)
    void descriptions_areShortSentences(ConfigKey key) {
        String d = key.description();
        assertTrue(d.length() >= 60 && d.length() <= 400, key + ": " + d.length() + " characters");
        assertTrue(d.endsWith("."), key + " description ends with a full stop");
        assertTrue(Character.isUpperCase(d.charAt(0)), key + " description starts a sentence");
    }

    @ParameterizedTest
    @EnumSource(value = ConfigKey.class, names = {"BACKPRESSURE_GATE", "ROUTING_POLICY", "AUTOSCALER_MODE"}, mode = EnumSource.Mode.EXCLUDE)
    void uiRange_endsAreValidValuesOfTheKey(ConfigKey key) {
        assertTrue(key.uiMin() < key.uiMax(), key.jsonName());
        // A base on which cross-key rules leave room for the whole slider.
        RouterConfig base = RouterConfig.defaults(1).toBuilder().cpuQueueCap(4096)
                .cpuParallelism(key == ConfigKey.BACKPRESSURE_BUSY_THRESHOLD ? 128 : 1)
                .inlineThreshold(1).spawnThreshold(1_000_000)
                .learnedEpsilon(key == ConfigKey.LEARNED_EPSILON ? 0.0 : 1.0).learnedEpsilonFloor(0.0)
                .autoscalerMinParallelism(1).autoscalerMaxParallelism(128).build();
        for (double end : new double[] {key.uiMin(), key.uiMax()}) {
            Object value = key.type() == ConfigKey.ValueType.DECIMAL ? (Object) end : (Object) (long) end;
            assertEquals(end, ((Number) value).doubleValue(), key + ": slider ends are whole numbers");
            RouterConfig c = ConfigPatch.builder().set(key, value).build().applyTo(base);
            assertEquals(List.of(), c.violations().stream().filter(v -> v.key().equals(key.jsonName())).toList(),
                    key + " = " + value);
        }
    }
}
