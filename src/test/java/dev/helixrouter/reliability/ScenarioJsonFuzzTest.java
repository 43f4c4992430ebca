package dev.helixrouter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.workload.ScenarioException;
import dev.helixrouter.workload.ScenarioJson;
import dev.helixrouter.workload.ScenarioProblem;
import dev.helixrouter.workload.WorkloadField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile scenario documents (the shipped presets, mutated; random trees; random text) against
 * {@link ScenarioJson}: each reads as a scenario that writes back to itself, or is refused with a
 * {@link ScenarioException} listing problems, each at a path and in words, naming the source.
 */
class ScenarioJsonFuzzTest {
    private static final Fuzz FUZZ = new Fuzz("fuzz_scenario");
    private static final String SOURCE = "fuzzed-scenario.json";
    private static final List<String> SEEDS = presets();
    private static final List<String> KEYS = keys();

    private static List<String> presets() {
        try (Stream<Path> files = Files.list(Path.of("presets"))) {
            List<String> docs = new ArrayList<>();
            for (Path p : files.filter(p -> p.toString().endsWith(".json") && !p.endsWith("index.json")).sorted().toList()) {
                docs.add(Files.readString(p, StandardCharsets.UTF_8));
            }
            docs.add("{\"name\": \"x\", \"arrival\": {\"pattern\": \"bursts\", \"on_load\": 3, \"on_ms\": 5, \"off_ms\": 5},"
                    + " \"duration_s\": 0.5, \"workload\": {\"blocking_share\": 0.5, \"max_inputs\": 64}}");
            docs.add("{\"name\": \"y\", \"arrival\": {\"pattern\": \"spike\", \"base_load\": 0, \"spike_load\": 4,"
                    + " \"spike_at_ms\": 1, \"spike_ms\": 1}, \"jobs\": 3, \"config\": {\"cpu_parallelism\": 3}}");
            return List.copyOf(docs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of("name", "description", "seed", "workload", "arrival", "jobs",
                "duration_s", "config", "mix", "pattern", "load", "on_load", "off_load", "on_ms", "off_ms", "from_load",
                "to_load", "ramp_ms", "base_load", "spike_load", "spike_at_ms", "spike_ms"));
        keys.addAll(WorkloadField.jsonNames());
        keys.addAll(Arrays.stream(ConfigKey.values()).map(ConfigKey::jsonName).toList());
        return List.copyOf(keys);
    }

    /** Mutated presets, random trees over the scenario's keys, random text. */
    static final class Documents implements ArbitrarySupplier<String> {
        @Override
        public Arbitrary<String> get() {
            return Hostile.documents(SEEDS, KEYS);
        }
    }

    @Property(seed = "7070")
    void scenarios_readWhole_orNameEveryProblem(@ForAll @From(supplier = Documents.class) String doc) throws Exception {
        FUZZ.attempt("documents", doc, () -> ScenarioJson.parse(doc, SOURCE), ScenarioException.class, s -> {
            String written = ScenarioJson.toJson(s);
            assertEquals(written, ScenarioJson.toJson(ScenarioJson.parse(written)), "writes back to itself");
        }, e -> {
            assertFalse(e.problems().isEmpty(), "a refusal without a problem");
            Fuzz.clearMessage(e.getMessage(), doc);
            assertTrue(e.getMessage().contains(SOURCE), "the message names the file: " + e.getMessage());
            for (ScenarioProblem p : e.problems()) {
                Fuzz.clearMessage(p.message(), doc);
                Fuzz.clearPlace(p.path(), p.message(), doc);
            }
        });
    }

    /** Found by this fuzzer: a tiny duration was rounded by computing 10^999999999 (an ArithmeticException). */
    @Example
    void aDurationFarBelowANanosecond_isRefusedByField() {
        for (String tiny : new String[] {"1e-999999999", "1e-30", "5e-10", "4.9e-10"}) {
            ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioJson.parse("{\"name\": \"t\","
                    + " \"arrival\": {\"pattern\": \"poisson\", \"load\": 1}, \"duration_s\": " + tiny + "}", SOURCE));
            assertEquals("duration_s", e.problems().getFirst().path(), e.getMessage());
            assertTrue(e.getMessage().contains("at least a nanosecond"), e.getMessage());
        }
        assertEquals(1, ScenarioJson.parse("{\"name\": \"t\", \"arrival\": {\"pattern\": \"poisson\", \"load\": 1},"
                + " \"duration_s\": 5.1e-10}").bound().maxDuration().orElseThrow().toNanos(), "rounds to 1 ns");
    }

    @AfterContainer
    static void report() {
        FUZZ.report();
    }
}
