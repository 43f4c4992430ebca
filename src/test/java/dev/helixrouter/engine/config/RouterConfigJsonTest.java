package dev.helixrouter.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading and writing config documents and patches with {@link RouterConfigJson}. */
class RouterConfigJsonTest {

    /** Defaults of an 8-core machine, so results do not depend on the machine running the test. */
    private static final RouterConfig D8 = RouterConfig.defaults(8);

    private static RouterConfig parse(String json) {
        return RouterConfigJson.parse(json, D8);
    }

    private static List<ConfigViolation> problems(String json) {
        return assertThrows(ConfigException.class, () -> parse(json)).violations();
    }

    /** The single problem of a document, asserting there is exactly one and it names {@code key}. */
    private static String onlyProblem(String json, String key) {
        List<ConfigViolation> p = problems(json);
        assertEquals(1, p.size(), () -> "expected one problem, got " + p);
        assertEquals(key, p.getFirst().key(), p::toString);
        return p.getFirst().message();
    }

    private static String doc(String key, String rawValue) {
        return "{\"" + key + "\": " + rawValue + "}";
    }

    @Nested
    class WholeDocuments {

        @Test
        void theOriginalHelixRoutersFile_loads() {
            RouterConfig c = parse("{\"inline_threshold\":8000,\"spawn_threshold\":60000,\"cpu_queue_cap\":512,"
                    + "\"cpu_parallelism\":8,\"backpressure_busy_threshold\":7}");
            assertEquals(8000, c.inlineThreshold());
            assertEquals(60000, c.spawnThreshold());
            assertEquals(512, c.cpuQueueCap());
            assertEquals(8, c.cpuParallelism());
            assertEquals(OptionalInt.of(7), c.backpressureBusyThreshold());
            assertEquals(7, c.busyThreshold());
            assertEquals(D8.toBuilder().backpressureBusyThreshold(7).build(), c, "other keys take their defaults");
        }

        @Test
        void theOriginalsFile_loadsWithTheMachineDefaultsToo() {
            // cpu_parallelism is explicit, so the busy threshold 7 is valid on any machine.
            RouterConfig c = RouterConfigJson.parse("{\"inline_threshold\":8000,\"spawn_threshold\":60000,"
                    + "\"cpu_queue_cap\":512,\"cpu_parallelism\":8,\"backpressure_busy_threshold\":7}");
            assertEquals(7, c.busyThreshold());
        }

        @Test
        void emptyObject_isTheDefaults() {
            assertEquals(D8, parse("{}"));
            assertEquals(RouterConfig.defaults(), RouterConfigJson.parse(" { } "));
            assertEquals(RouterConfig.defaults(3), RouterConfigJson.parse("{}", RouterConfig.defaults(3)));
        }

        @Test
        void everyKey_isRead() {
            RouterConfig all = RouterConfigKeysTest.ALL_CHANGED;
            String json = """
                    {"inline_threshold": 111, "spawn_threshold": 222222, "cpu_queue_cap": 777,
                     "cpu_parallelism": 7, "backpressure_gate": "busy", "backpressure_busy_threshold": 5,
                     "pressure_shed_threshold": 0.55, "deadline_headroom": 3.25, "spawn_max_in_flight": 333, "batch_max_size": 44,
                     "batch_max_delay_ms": 55, "routing_policy": "learned", "ema_alpha": 0.25,
                     "adaptive_step": 0.35, "cpu_p95_budget_ms": 666, "adaptive_p95_threshold_factor": 2.5,
                     "shutdown_grace_ms": 777, "metrics_interval_ms": 888, "learned_epsilon": 0.33,
                     "learned_epsilon_floor": 0.03, "learned_epsilon_half_life": 4444, "learned_rate": 0.07,
                     "learned_l2": 0.002, "learned_weight_clip": 3.5, "learned_seed": 99, "autoscaler_mode": "apply",
                     "autoscaler_horizon_s": 17, "autoscaler_window_s": 19, "autoscaler_min_parallelism": 2,
                     "autoscaler_max_parallelism": 6, "autoscaler_hysteresis": 3, "autoscaler_cooldown_s": 23}""";
            assertEquals(all, parse(json));
        }

        @Test
        void busyThreshold_null_followsParallelism() {
            RouterConfig c = parse("{\"cpu_parallelism\": 4, \"backpressure_busy_threshold\": null}");
            assertEquals(OptionalInt.empty(), c.backpressureBusyThreshold());
            assertEquals(4, c.busyThreshold());
        }

        @Test
        void wholeNumbers_mayBeWrittenAsDecimals_andDecimalKeysTakeIntegers() {
            RouterConfig c = parse("{\"inline_threshold\": 8e3, \"spawn_threshold\": 60000.0, \"ema_alpha\": 1,"
                    + " \"adaptive_p95_threshold_factor\": 2}");
            assertEquals(8000, c.inlineThreshold());
            assertEquals(60000, c.spawnThreshold());
            assertEquals(1.0, c.emaAlpha());
            assertEquals(2.0, c.adaptiveP95ThresholdFactor());
        }

        @Test
        void longKeys_acceptValuesBeyond32Bits() {
            RouterConfig c = parse("{\"inline_threshold\": 3000000000, \"spawn_threshold\": 9223372036854775807}");
            assertEquals(3_000_000_000L, c.inlineThreshold());
            assertEquals(Long.MAX_VALUE, c.spawnThreshold());
        }
    }

    @Nested
    class RoundTrip {

        @Test
        void defaults_roundTrip() {
            assertEquals(D8, parse(RouterConfigJson.toJson(D8)));
        }

        @Test
        void everyKeyChanged_roundTrips_includingAwkwardDoubles() {
            RouterConfig c = RouterConfigKeysTest.ALL_CHANGED.toBuilder()
                    .emaAlpha(0.1 + 0.2).adaptiveStep(Double.MIN_VALUE).adaptiveP95ThresholdFactor(1e300)
                    .spawnThreshold(Long.MAX_VALUE).build();
            assertEquals(List.of(), c.violations());
            assertEquals(c, parse(RouterConfigJson.toJson(c)));
        }

        @Test
        void toJson_writesEveryKeyInOrder_andLeavesOutAFollowingBusyThreshold() {
            List<String> names = new ArrayList<>();
            RouterConfigJson.toTree(D8).fieldNames().forEachRemaining(names::add);
            List<String> expected = new ArrayList<>();
            for (ConfigKey k : ConfigKey.values()) {
                if (k != ConfigKey.BACKPRESSURE_BUSY_THRESHOLD) {
                    expected.add(k.jsonName());
                }
            }
            assertEquals(expected, names);

            JsonNode withBusy = RouterConfigJson.toTree(D8.toBuilder().backpressureBusyThreshold(7).build());
            assertEquals(7, withBusy.get("backpressure_busy_threshold").intValue());
        }

        @Test
        void toJson_isPrettyAndReadable() {
            String json = RouterConfigJson.toJson(D8);
            assertTrue(json.startsWith("{\n"), json);
            assertTrue(json.contains("\n  \"inline_threshold\": 8000,\n"), json);
            assertTrue(json.contains("\"backpressure_gate\": \"deadline\""), json);
            assertTrue(json.contains("\"ema_alpha\": 0.15"), json);
            assertTrue(json.indexOf("inline_threshold") < json.indexOf("metrics_interval_ms"));
        }
    }

    @Nested
    class UnknownKeys {

        @Test
        void typo_suggestsTheNearestKey() {
            String m = onlyProblem("{\"inline_treshold\": 8000}", "inline_treshold");
            assertEquals("unknown key 'inline_treshold' (did you mean 'inline_threshold'?)", m);
        }

        @ParameterizedTest
        @ValueSource(strings = {"inlineThreshold", "INLINE_THRESHOLD", "inline-threshold", "inline_thresold",
                "inlnie_threshold", "inline_threshhold"})
        void otherSpellings_suggestTheKey(String name) {
            String m = onlyProblem(doc(name, "8000"), name);
            assertTrue(m.endsWith("(did you mean 'inline_threshold'?)"), m);
        }

        @Test
        void farFromEveryKey_listsTheKnownKeys() {
            String m = onlyProblem("{\"colour\": \"blue\"}", "colour");
            assertTrue(m.startsWith("unknown key 'colour'; known keys are inline_threshold, spawn_threshold,"), m);
            assertTrue(m.endsWith("autoscaler_cooldown_s"), m);
        }

        @Test
        void unknownKeys_areReportedAlongsideOtherProblems() {
            List<ConfigViolation> p = problems("{\"cpu_paralelism\": 8, \"ema_alpha\": \"fast\", \"batch_max_size\": 0}");
            assertEquals(List.of("cpu_paralelism", "ema_alpha", "batch_max_size"),
                    p.stream().map(ConfigViolation::key).toList());
            assertTrue(p.getFirst().message().contains("did you mean 'cpu_parallelism'?"));
        }
    }

    @Nested
    class WrongTypes {

        @Test
        void eachWrongType_isNamedWithItsKey_allAtOnce() {
            List<ConfigViolation> p = problems("""
                    {"inline_threshold": "8000", "cpu_parallelism": 7.5, "batch_max_size": true,
                     "spawn_max_in_flight": [1], "ema_alpha": {"v": 0.1}, "shutdown_grace_ms": null,
                     "routing_policy": 1, "backpressure_gate": "fast"}""");
            assertEquals(List.of(
                    new ConfigViolation("inline_threshold",
                            "must be a whole number, was a string (\"8000\"); write numbers without quotes"),
                    new ConfigViolation("cpu_parallelism", "must be a whole number, was 7.5"),
                    new ConfigViolation("batch_max_size", "must be a whole number, was a boolean (true)"),
                    new ConfigViolation("spawn_max_in_flight", "must be a whole number, was an array"),
                    new ConfigViolation("ema_alpha", "must be a number, was an object"),
                    new ConfigViolation("shutdown_grace_ms",
                            "must not be null; leave the key out to keep its default or current value"),
                    new ConfigViolation("routing_policy", "must be one of 'heuristic', 'learned', was the number 1"),
                    new ConfigViolation("backpressure_gate", "must be one of 'busy', 'deadline', was 'fast'")), p);
        }

        @Test
        void choices_areCaseSensitive_andListed() {
            String m = onlyProblem(doc("backpressure_gate", "\"BUSY\""), "backpressure_gate");
            assertEquals("must be one of 'busy', 'deadline', was 'BUSY'", m);
        }

        @Test
        void tinyFraction_isNotRoundedToAWholeNumber() {
            String m = onlyProblem(doc("batch_max_size", "8.000000000000000000001"), "batch_max_size");
            assertEquals("must be a whole number, was 8.000000000000000000001", m);
        }
    }

    @Nested
    class NonFiniteAndOutOfRange {

        @Test
        void nan_isRefusedByKey() {
            String m = onlyProblem(doc("ema_alpha", "NaN"), "ema_alpha");
            assertEquals("must be a finite number, was NaN (not a number; standard JSON has no NaN)", m);
            assertTrue(onlyProblem(doc("cpu_parallelism", "NaN"), "cpu_parallelism").contains("NaN"));
        }

        @Test
        void infinities_areOutOfRange() {
            assertEquals("out of range: Infinity is not a finite number",
                    onlyProblem(doc("adaptive_p95_threshold_factor", "Infinity"), "adaptive_p95_threshold_factor"));
            assertEquals("out of range: -Infinity is not a finite number",
                    onlyProblem(doc("shutdown_grace_ms", "-Infinity"), "shutdown_grace_ms"));
        }

        @Test
        void hugeInteger_forAnIntKey_isOutOfRange() {
            String m = onlyProblem(doc("cpu_parallelism", "99999999999999999999"), "cpu_parallelism");
            assertEquals("out of range: 99999999999999999999 is above the largest value this key can hold "
                    + "(2147483647)", m);
            assertTrue(onlyProblem(doc("cpu_queue_cap", "3000000000"), "cpu_queue_cap").startsWith("out of range"));
        }

        @Test
        void hugeInteger_forALongKey_isOutOfRange() {
            String m = onlyProblem(doc("spawn_threshold", "99999999999999999999"), "spawn_threshold");
            assertEquals("out of range: 99999999999999999999 is above the largest value this key can hold "
                    + "(9223372036854775807)", m);
            onlyProblem(doc("spawn_threshold", "9223372036854775808"), "spawn_threshold");
        }

        @Test
        void exponentBeyondDouble_isOutOfRange_forEveryNumericType() {
            assertEquals("out of range: 1E+400 is beyond the largest decimal number (about 1.8E308)",
                    onlyProblem(doc("ema_alpha", "1e400"), "ema_alpha"));
            assertTrue(onlyProblem(doc("batch_max_size", "1e400"), "batch_max_size").startsWith("out of range: 1E+400"));
            assertTrue(onlyProblem(doc("batch_max_size", "1e999999999"), "batch_max_size").startsWith("out of range"));
            assertTrue(onlyProblem(doc("ema_alpha", "-1e400"), "ema_alpha").startsWith("out of range"));
        }

        @Test
        void decimalTooCloseToZero_isOutOfRange_notSilentlyZero() {
            assertEquals("out of range: 1E-400 is too close to zero to be represented",
                    onlyProblem(doc("ema_alpha", "1e-400"), "ema_alpha"));
        }

        @Test
        void negativeNumbers_breakTheKeysRule() {
            assertEquals("must be >= 1, was -1", onlyProblem(doc("batch_max_size", "-1"), "batch_max_size"));
            assertEquals("must be >= 0, was -1", onlyProblem(doc("shutdown_grace_ms", "-1"), "shutdown_grace_ms"));
            assertEquals("must be within (0, 1], was -0.5", onlyProblem(doc("ema_alpha", "-0.5"), "ema_alpha"));
            assertEquals("out of range: -99999999999999999999 is below the smallest value this key can hold "
                    + "(-9223372036854775808)", onlyProblem(doc("batch_max_delay_ms", "-99999999999999999999"),
                    "batch_max_delay_ms"));
        }
    }

    @Nested
    class Rules {

        @Test
        void ruleViolations_followTypeChecks_andNameTheirKeys() {
            List<ConfigViolation> p = problems("{\"inline_threshold\": 60000, \"spawn_threshold\": 60000,"
                    + " \"cpu_queue_cap\": 8, \"cpu_parallelism\": 8, \"backpressure_busy_threshold\": 0,"
                    + " \"pressure_shed_threshold\": 0, \"ema_alpha\": 1}");
            assertEquals(List.of(
                    new ConfigViolation("inline_threshold", "must be < spawn_threshold (60000), was 60000"),
                    new ConfigViolation("backpressure_busy_threshold", "must be within 1..8 (cpu_parallelism), was 0"),
                    new ConfigViolation("pressure_shed_threshold", "must be within (0, 1], was 0.0")), p);
        }

        @Test
        void busyThresholdAboveParallelism_isRefused() {
            String m = onlyProblem("{\"cpu_parallelism\": 4, \"backpressure_busy_threshold\": 5}",
                    "backpressure_busy_threshold");
            assertEquals("must be within 1..4 (cpu_parallelism), was 5", m);
        }

        @Test
        void ruleBrokenByADefault_saysTheKeyWasLeftOut() {
            String m = onlyProblem("{\"cpu_parallelism\": 1024}", "cpu_queue_cap");
            assertEquals("must be >= cpu_parallelism (1024), was 512 (the key is left out, so this is its default)", m);
        }

        @Test
        void noNoise_fromRulesJudgingTheDefaultOfAKeyThatFailedItsTypeCheck() {
            // spawn_threshold is unreadable, so "inline_threshold < spawn_threshold" cannot be judged.
            assertTrue(onlyProblem("{\"spawn_threshold\": \"high\", \"inline_threshold\": 70000}", "spawn_threshold")
                    .startsWith("must be a whole number"));
            onlyProblem("{\"cpu_parallelism\": true, \"cpu_queue_cap\": 4, \"backpressure_busy_threshold\": 40}",
                    "cpu_parallelism");
            // A rule of the key's own still counts.
            List<ConfigViolation> p = problems("{\"spawn_threshold\": \"high\", \"inline_threshold\": 0}");
            assertEquals(List.of("spawn_threshold", "inline_threshold"), p.stream().map(ConfigViolation::key).toList());
        }
    }

    @Nested
    class MalformedDocuments {

        @Test
        void syntaxError_givesLineAndColumn() {
            String json = "{\n  \"cpu_parallelism\": 8,\n  \"batch_max_size\": ,\n  \"ema_alpha\": 0.2\n}";
            String m = onlyProblem(json, "$");
            assertTrue(m.startsWith("malformed JSON at line 3, column 21: Unexpected character (','"), m);
            assertFalse(m.contains("NaN"), "the message does not advertise NaN: " + m);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"ema_alpha\": 0.2,}", "{'ema_alpha': 0.2}", "{\"ema_alpha\": 0.2} {}",
                "{\"ema_alpha\": 0.2", "{\"ema_alpha\": 0.2} x", "{\"ema_alpha\": .2}", "{\"batch_max_size\": 08}",
                "{\"batch_max_size\": +8}", "{ema_alpha: 0.2}", "{\"ema_alpha\": 0.2 // fast\n}"})
        void invalidJson_isRefusedAsMalformed(String json) {
            assertTrue(onlyProblem(json, "$").startsWith("malformed JSON at line 1, column "), json);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n"})
        void emptyDocument_isRefused(String json) {
            assertTrue(onlyProblem(json, "$").startsWith("the document is empty; expected a JSON object"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "8", "\"inline_threshold\"", "null", "true"})
        void topLevelNonObject_isRefused(String json) {
            assertTrue(onlyProblem(json, "$").startsWith("expected a JSON object of config keys, was "), json);
        }

        @Test
        void duplicateKey_isNamed() {
            String m = onlyProblem("{\"ema_alpha\": 0.2,\n \"ema_alpha\": 0.3}", "ema_alpha");
            assertTrue(m.startsWith("appears more than once at line 2, column "), m);
        }

        @Test
        void deepNesting_isRefusedBeforeBuildingATree() {
            String deep = "{\"ema_alpha\": " + "[".repeat(100) + "]".repeat(100) + "}";
            String m = onlyProblem(deep, "$");
            assertTrue(m.startsWith("the document is nested deeper than 32 levels (a config is one flat JSON object)"
                    + " at line 1, column "), m);
            assertTrue(onlyProblem("[".repeat(10_000), "$").startsWith("the document is nested deeper than 32"));
        }

        @Test
        void nestingWithinTheLimit_isAnOrdinaryTypeError() {
            // The object is level 1, so 31 arrays make exactly 32 levels.
            String json = "{\"ema_alpha\": " + "[".repeat(31) + "]".repeat(31) + "}";
            assertEquals("must be a number, was an array", onlyProblem(json, "ema_alpha"));
        }

        @Test
        void oversizedDocument_isRefused() {
            String big = "{\"ema_alpha\": 0.2" + " ".repeat(RouterConfigJson.MAX_DOCUMENT_CHARS) + "}";
            assertEquals("the document is " + big.length() + " characters long; at most 1000000 are accepted",
                    onlyProblem(big, "$"));
        }
    }

    @Nested
    class Trees {

        @Test
        void fromTree_readsADocumentEmbeddedInAnother() throws Exception {
            JsonNode scenario = new ObjectMapper().readTree(
                    "{\"description\": \"overload\", \"config\": {\"batch_max_size\": 16}}");
            assertEquals(16, RouterConfigJson.fromTree(scenario.get("config"), D8).batchMaxSize());
        }

        @Test
        void fromTree_refusesInfinityFromAMapperThatReadItAsADouble() throws Exception {
            JsonNode node = new ObjectMapper().readTree("{\"ema_alpha\": 1e400}");
            ConfigException e = assertThrows(ConfigException.class, () -> RouterConfigJson.fromTree(node, D8));
            assertEquals("ema_alpha", e.violations().getFirst().key());
            assertTrue(e.violations().getFirst().message().startsWith("out of range"));
        }

        @Test
        void fromTree_missingConfigObject_isRefused() {
            ConfigException e = assertThrows(ConfigException.class, () -> RouterConfigJson.fromTree(null, D8));
            assertEquals("$", e.violations().getFirst().key());
        }
    }

    @Nested
    class Patches {

        @Test
        void patch_namesOnlyItsKeys_andMergesOnlyThose() {
            ConfigPatch p = RouterConfigJson.parsePatch("{\"batch_max_size\": 16, \"routing_policy\": \"learned\"}");
            assertEquals(java.util.EnumSet.of(ConfigKey.BATCH_MAX_SIZE, ConfigKey.ROUTING_POLICY), p.keys());
            RouterConfig merged = p.applyTo(RouterConfigKeysTest.ALL_CHANGED);
            assertEquals(RouterConfigKeysTest.ALL_CHANGED.toBuilder().batchMaxSize(16)
                    .routingPolicy(PolicyKind.LEARNED).build(), merged);
        }

        @Test
        void patch_isTypeChecked_likeADocument() {
            ConfigException e = assertThrows(ConfigException.class, () -> RouterConfigJson.parsePatch(
                    "{\"batch_max_sise\": 16, \"ema_alpha\": NaN, \"cpu_parallelism\": 1e10}"));
            assertEquals(List.of("batch_max_sise", "ema_alpha", "cpu_parallelism"),
                    e.violations().stream().map(ConfigViolation::key).toList());
        }

        @Test
        void patch_doesNotJudgeRules_theMergedConfigIsJudged() {
            ConfigPatch p = RouterConfigJson.parsePatch("{\"batch_max_size\": 0}");
            assertEquals(List.of("batch_max_size"),
                    p.applyTo(D8).violations().stream().map(ConfigViolation::key).toList());
        }

        @Test
        void patch_nullBusyThreshold_resetsItToFollowParallelism() {
            ConfigPatch p = RouterConfigJson.parsePatch("{\"backpressure_busy_threshold\": null}");
            assertEquals(java.util.Set.of(ConfigKey.BACKPRESSURE_BUSY_THRESHOLD), p.keys());
            RouterConfig c = p.applyTo(D8.toBuilder().backpressureBusyThreshold(3).build());
            assertEquals(OptionalInt.empty(), c.backpressureBusyThreshold());
        }

        @Test
        void patch_roundTripsThroughJson() {
            ConfigPatch p = RouterConfigJson.parsePatch(
                    "{\"ema_alpha\": 0.3, \"backpressure_busy_threshold\": null, \"inline_threshold\": 10}");
            assertEquals(p, RouterConfigJson.parsePatch(p.toJson()));
            assertTrue(p.toJson().indexOf("inline_threshold") < p.toJson().indexOf("ema_alpha"), "document order");
            assertTrue(p.toJson().contains("\"backpressure_busy_threshold\": null"), p.toJson());
        }

        @Test
        void emptyPatch_changesNothing() {
            ConfigPatch p = RouterConfigJson.parsePatch("{}");
            assertTrue(p.isEmpty());
            assertEquals(ConfigPatch.empty(), p);
            assertEquals(D8, p.applyTo(D8));
            assertEquals("{ }", p.toJson());
        }

        @Test
        void patchOfANonObject_isRefused() {
            ConfigException e = assertThrows(ConfigException.class, () -> RouterConfigJson.parsePatch("[1]"));
            assertEquals("$", e.violations().getFirst().key());
        }

        @Test
        void builder_checksValuesLikeJson_andReportsThemAll() {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigPatch.builder()
                    .set(ConfigKey.EMA_ALPHA, Double.NaN)
                    .set(ConfigKey.CPU_PARALLELISM, 3_000_000_000L)
                    .set(ConfigKey.BATCH_MAX_SIZE, 2.5)
                    .set(ConfigKey.ROUTING_POLICY, "smart")
                    .set(ConfigKey.SPAWN_THRESHOLD, new Object())
                    .set(ConfigKey.INLINE_THRESHOLD, null)
                    .build());
            assertEquals(List.of("inline_threshold", "spawn_threshold", "cpu_parallelism", "batch_max_size",
                    "routing_policy", "ema_alpha"), e.violations().stream().map(ConfigViolation::key).toList());
            assertTrue(e.violations().get(1).message().startsWith("must be a whole number, was a Java java.lang.Object"));
        }

        @Test
        void builder_acceptsJavaValues_andTheLastSetWins() {
            ConfigPatch p = ConfigPatch.builder()
                    .set(ConfigKey.EMA_ALPHA, 0.4f)
                    .set(ConfigKey.BACKPRESSURE_GATE, GateMode.BUSY)
                    .set(ConfigKey.ROUTING_POLICY, "learned")
                    .set(ConfigKey.BATCH_MAX_SIZE, 3)
                    .set(ConfigKey.BATCH_MAX_SIZE, 4)
                    .set(ConfigKey.SPAWN_THRESHOLD, new java.math.BigDecimal("7e4"))
                    .set(ConfigKey.BACKPRESSURE_BUSY_THRESHOLD, OptionalInt.of(6))
                    .set(ConfigKey.CPU_PARALLELISM, 99)
                    .unset(ConfigKey.CPU_PARALLELISM)
                    .build();
            RouterConfig c = p.applyTo(D8);
            assertEquals((double) 0.4f, c.emaAlpha());
            assertEquals(GateMode.BUSY, c.backpressureGate());
            assertEquals(PolicyKind.LEARNED, c.routingPolicy());
            assertEquals(4, c.batchMaxSize());
            assertEquals(70_000, c.spawnThreshold());
            assertEquals(6, c.busyThreshold());
            assertFalse(p.keys().contains(ConfigKey.CPU_PARALLELISM));
        }

        @Test
        void of_takesAMap_withAnEmptyOptionalForFollowingParallelism() {
            ConfigPatch p = ConfigPatch.of(java.util.Map.of(ConfigKey.BATCH_MAX_SIZE, 12,
                    ConfigKey.BACKPRESSURE_BUSY_THRESHOLD, OptionalInt.empty()));
            RouterConfig c = p.applyTo(D8.toBuilder().backpressureBusyThreshold(2).build());
            assertEquals(12, c.batchMaxSize());
            assertEquals(OptionalInt.empty(), c.backpressureBusyThreshold());
        }

        @Test
        void between_holdsExactlyTheChangedKeys() {
            RouterConfig to = D8.toBuilder().emaAlpha(0.5).backpressureBusyThreshold(4).build();
            ConfigPatch p = ConfigPatch.between(D8, to);
            assertEquals(java.util.EnumSet.of(ConfigKey.BACKPRESSURE_BUSY_THRESHOLD, ConfigKey.EMA_ALPHA), p.keys());
            assertEquals(to, p.applyTo(D8));
            assertTrue(ConfigPatch.between(D8, D8).isEmpty());
            // And back: the busy threshold returns to following parallelism.
            assertEquals(D8, ConfigPatch.between(to, D8).applyTo(to));
        }
    }
}
