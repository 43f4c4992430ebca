package dev.helixrouter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.ConfigException;
import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.config.ConfigUpdate;
import dev.helixrouter.engine.config.ConfigViolation;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.PolicyKind;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.config.RouterConfigJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile config documents (SPEC §5) against {@link RouterConfigJson} and {@link ConfigPatch}:
 * each either reads as a valid config (which writes back to itself) or is refused with a
 * {@link ConfigException} whose every violation names a key and says what is wrong. Never another
 * exception, never a hang, never an invalid config in a store.
 */
class ConfigJsonFuzzTest {
    private static final Fuzz FUZZ = new Fuzz("fuzz_config");
    private static final RouterConfig DEFAULTS = RouterConfig.defaults(2);
    private static final List<String> KEYS = Arrays.stream(ConfigKey.values()).map(ConfigKey::jsonName).toList();
    private static final List<String> SEEDS = List.of(
            RouterConfigJson.toJson(DEFAULTS),
            "{\"inline_threshold\":8000,\"spawn_threshold\":60000,\"cpu_queue_cap\":512,\"cpu_parallelism\":8,"
                    + "\"backpressure_busy_threshold\":7}",
            "{\"batch_max_size\": 16, \"backpressure_gate\": \"busy\", \"pressure_shed_threshold\": 0.75}",
            "{\"backpressure_busy_threshold\": null, \"routing_policy\": \"learned\", \"ema_alpha\": 0.5,"
                    + " \"shutdown_grace_ms\": 0}",
            "{}");

    @Provide
    Arbitrary<String> documents() {
        return Hostile.documents(SEEDS, KEYS);
    }

    @Property(seed = "5150")
    void wholeDocuments_readAsAValidConfig_orNameEveryProblem(@ForAll("documents") String doc) throws Exception {
        FUZZ.attempt("documents", doc, () -> RouterConfigJson.parse(doc, DEFAULTS), ConfigException.class, c -> {
            assertTrue(c.violations().isEmpty(), "parsed into an invalid config: " + c.violations());
            assertEquals(c, RouterConfigJson.parse(RouterConfigJson.toJson(c), DEFAULTS), "writes back to itself");
        }, e -> clearRefusal(e, doc));
    }

    @Property(seed = "5151")
    void patches_applyWhole_orNameEveryProblem(@ForAll("documents") String doc) throws Exception {
        FUZZ.count("patches_tried");
        ConfigPatch patch;
        try {
            patch = Reliability.noHang("parsePatch", () -> RouterConfigJson.parsePatch(doc));
        } catch (ConfigException e) {
            clearRefusal(e, doc);
            FUZZ.count("patches_refused_as_documents");
            return;
        }
        assertEquals(patch, RouterConfigJson.parsePatch(patch.toJson()), "a patch writes back to itself");
        landOnAStore(patch, doc, "patches");
    }

    @Provide
    Arbitrary<Map<ConfigKey, Object>> javaValues() {
        return Arbitraries.randomValue(ConfigJsonFuzzTest::randomValues);
    }

    @Property(seed = "5152")
    void patchesFromJavaValues_applyWhole_orNameEveryProblem(@ForAll("javaValues") Map<ConfigKey, Object> values)
            throws Exception {
        FUZZ.count("java_patches_tried");
        ConfigPatch patch;
        try {
            patch = Reliability.noHang("ConfigPatch.builder", () -> {
                ConfigPatch.Builder b = ConfigPatch.builder();
                values.forEach(b::set);
                return b.build();
            });
        } catch (ConfigException e) {
            clearRefusal(e, values);
            FUZZ.count("java_patches_refused");
            return;
        }
        landOnAStore(patch, values, "java_patches");
    }

    /** A checked patch lands on a store whole (a valid config, one new version) or not at all. */
    private static void landOnAStore(ConfigPatch patch, Object input, String what) {
        ConfigStore store = new ConfigStore(DEFAULTS);
        ConfigUpdate u = store.patch(patch);
        if (u instanceof ConfigUpdate.Rejected r) {
            for (ConfigViolation v : r.violations()) {
                clearViolation(v, input);
            }
            assertEquals(1, store.current().version(), "a refused patch changes nothing");
            assertEquals(DEFAULTS, store.config());
            FUZZ.count(what + "_refused_by_rules");
        } else {
            ConfigUpdate.Applied a = (ConfigUpdate.Applied) u;
            assertTrue(store.config().violations().isEmpty());
            assertEquals(patch.applyTo(DEFAULTS), store.config(), "applied whole");
            assertTrue(a.current().version() <= 2);
            FUZZ.count(what + "_applied");
        }
    }

    /** A refusal names every problem: at least one, each by key, each in words. */
    static void clearRefusal(ConfigException e, Object input) {
        assertFalse(e.violations().isEmpty(), "a refusal without a reason for: " + Fuzz.clip(input));
        Fuzz.clearMessage(e.getMessage(), input);
        for (ConfigViolation v : e.violations()) {
            clearViolation(v, input);
        }
    }

    private static void clearViolation(ConfigViolation v, Object input) {
        Fuzz.clearMessage(v.message(), input);
        if (!v.message().contains("more than once")) { // a duplicated key "" is named "" without quotes (cosmetic)
            Fuzz.clearPlace(v.key(), v.message(), input);
        }
        boolean named = v.key().equals("$") || KEYS.contains(v.key()) || v.message().contains("unknown key")
                || v.message().contains("more than once");
        assertTrue(named, "a violation naming neither a key nor the document: " + v + " for " + Fuzz.clip(input));
    }

    /** One to five keys, each with a value of any Java type a caller might pass. */
    private static Map<ConfigKey, Object> randomValues(Random r) {
        ConfigKey[] keys = ConfigKey.values();
        Map<ConfigKey, Object> values = new HashMap<>();
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            values.put(keys[r.nextInt(keys.length)], switch (r.nextInt(16)) {
                case 0 -> r.nextInt();
                case 1 -> r.nextInt(1_000);
                case 2 -> r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
                case 3 -> r.nextDouble();
                case 4 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, 1e300}[r.nextInt(5)];
                case 5 -> (float) r.nextGaussian();
                case 6 -> new BigDecimal(Hostile.pick(new String[] {"1e400", "-1e-400", "0.5", "7.000", "1e999999999"}, r));
                case 7 -> BigInteger.TWO.pow(r.nextInt(200));
                case 8 -> Hostile.pick(new String[] {"busy", "deadline", "learned", "heuristic", "", "BUSY", "8000"}, r);
                case 9 -> GateMode.values()[r.nextInt(GateMode.values().length)];
                case 10 -> PolicyKind.values()[r.nextInt(PolicyKind.values().length)];
                case 11 -> r.nextBoolean();
                case 12 -> r.nextBoolean() ? OptionalInt.empty() : OptionalInt.of(r.nextInt(20) - 5);
                case 13 -> new Object();
                case 14 -> List.of(1, 2);
                default -> (short) r.nextInt(Short.MAX_VALUE);
            });
        }
        if (r.nextInt(8) == 0) {
            values.put(ConfigKey.BACKPRESSURE_BUSY_THRESHOLD, null);
        }
        return values;
    }

    @AfterContainer
    static void report() {
        FUZZ.report();
    }
}
