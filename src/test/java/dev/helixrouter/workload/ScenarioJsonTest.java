package dev.helixrouter.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioJsonTest {

    private static final String MINIMAL = """
            {"name": "mini", "arrival": {"pattern": "poisson", "load": 1.5}, "duration_s": 10}
            """;

    @Test
    void roundTrip_everyPattern_customWorkload_config_andFractionalDuration() {
        WorkloadSpec w = WorkloadSpec.builder().heavyShare(0.35).latencyBudgetMs(2, 10).blockingShare(0.1)
                .scalingPotential(0.7, 1.0).build();
        ConfigPatch cfg = ConfigPatch.builder().set(ConfigKey.BACKPRESSURE_GATE, GateMode.BUSY)
                .set(ConfigKey.INLINE_THRESHOLD, 5000).build();
        List<ArrivalPattern> patterns = List.of(new ArrivalPattern.Poisson(2.0),
                new ArrivalPattern.Bursts(3, 0.25, 200, 800), new ArrivalPattern.Ramp(0.1, 2.5, 10_000),
                new ArrivalPattern.Spike(0.5, 4, 5_000, 2_000));
        for (ArrivalPattern p : patterns) {
            Scenario s = new Scenario("round-trip", "One line.", -42, w, p,
                    RunBound.of(12_345, Duration.ofMillis(2_500)), cfg);
            String json = ScenarioJson.toJson(s);
            assertEquals(s, ScenarioJson.parse(json), json);
            assertEquals(json, ScenarioJson.toJson(ScenarioJson.parse(json)));
        }
        Scenario warmup = new Scenario("w", "", 7, WorkloadSpec.ORIGINAL, new ArrivalPattern.AllAtOnce(),
                RunBound.jobs(200), ConfigPatch.empty());
        assertEquals(warmup, ScenarioJson.parse(ScenarioJson.toJson(warmup)));
    }

    @Test
    void writtenWorkload_holdsOnlyWhatDiffersFromTheOriginal() {
        Scenario s = ScenarioJson.parse(MINIMAL).withWorkload(WorkloadSpec.builder().heavyShare(0.3).build());
        String json = ScenarioJson.toJson(s);
        assertTrue(json.contains("\"workload\": {\n    \"mix\": \"original\",\n    \"heavy_share\": 0.3\n  }"), json);
        assertTrue(json.contains("\"duration_s\": 10\n"), json);
        assertTrue(!json.contains("config"), json);
    }

    @Test
    void minimalScenario_takesDefaults() {
        Scenario s = ScenarioJson.parse(MINIMAL);
        assertEquals("mini", s.name());
        assertEquals("", s.description());
        assertEquals(ScenarioJson.DEFAULT_SEED, s.seed());
        assertEquals(WorkloadSpec.ORIGINAL, s.workload());
        assertEquals(new ArrivalPattern.Poisson(1.5), s.arrival());
        assertEquals(new RunBound(OptionalLong.empty(), Optional.of(Duration.ofSeconds(10))), s.bound());
        assertEquals(ConfigPatch.empty(), s.config());
        assertEquals(RouterConfig.defaults(), s.routerConfig());
    }

    @Test
    void config_isPartial_overTheDefaultsOfTheRunningMachine() {
        Scenario s = ScenarioJson.parse("""
                {"name": "c", "arrival": {"pattern": "all_at_once"}, "jobs": 5,
                 "config": {"backpressure_gate": "busy", "inline_threshold": 4000}}
                """);
        RouterConfig eight = s.routerConfig(RouterConfig.defaults(8));
        assertEquals(GateMode.BUSY, eight.backpressureGate());
        assertEquals(4000, eight.inlineThreshold());
        assertEquals(8, eight.cpuParallelism());
        assertEquals(64, s.routerConfig(RouterConfig.defaults(64)).cpuParallelism());
    }

    @Test
    void commentsAreAllowed() {
        Scenario s = ScenarioJson.parse("""
                {
                  // a hand-written preset
                  "name": "commented", /* inline */
                  "arrival": {"pattern": "poisson", "load": 1},
                  "jobs": 10
                }
                """);
        assertEquals("commented", s.name());
    }

    // ---- errors ----

    @Test
    void unknownKey_isRefused_withTheNearestKey() {
        assertProblem("""
                {"name": "x", "arival": {"pattern": "poisson", "load": 1}, "jobs": 1}
                """, "arival", "unknown key 'arival' (did you mean 'arrival'?)");
        assertProblem("""
                {"name": "x", "arrival": {"pattern": "poisson", "laod": 1}, "jobs": 1}
                """, "arrival.laod", "did you mean 'load'?");
        assertProblem("""
                {"name": "x", "workload": {"heavy_shar": 0.3}, "arrival": {"pattern": "poisson", "load": 1}, "jobs": 1}
                """, "workload.heavy_shar", "did you mean 'heavy_share'?");
    }

    @Test
    void keyOfAnotherPattern_saysWhichPatternItBelongsTo() {
        assertProblem("""
                {"name": "x", "arrival": {"pattern": "poisson", "load": 1, "on_ms": 5}, "jobs": 1}
                """, "arrival.on_ms", "'on_ms' belongs to the bursts pattern, not to poisson");
    }

    @Test
    void unknownPattern_suggestsTheNearest() {
        assertProblem("""
                {"name": "x", "arrival": {"pattern": "poison", "load": 1}, "jobs": 1}
                """, "arrival.pattern", "unknown pattern 'poison' (did you mean 'poisson'?)");
    }

    @Test
    void wrongType_isNamed() {
        assertProblem("""
                {"name": "x", "arrival": {"pattern": "poisson", "load": "2"}, "jobs": 1}
                """, "arrival.load", "must be a number, was a string (\"2\"); write numbers without quotes");
        assertProblem("""
                {"name": "x", "arrival": {"pattern": "poisson", "load": 1}, "jobs": 2.5}
                """, "jobs", "must be a whole number, was 2.5");
        assertProblem("""
                {"name": 7, "arrival": {"pattern": "poisson", "load": 1}, "jobs": 1}
                """, "name", "must be a string, was the number 7");
        assertProblem("""
                {"name": "x", "arrival": [1], "jobs": 1}
                """, "arrival", "must be a JSON object");
    }

    @Test
    void negativeLoad_isNamedWithTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("overload.json");
        Files.writeString(file, """
                {"name": "overload", "arrival": {"pattern": "poisson", "load": -1}, "duration_s": 20}
                """);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioJson.read(file));
        assertEquals(file + ": arrival.load: must be > 0 and <= 1000 (a multiple of the calibrated capacity), was -1",
                e.getMessage());
        assertEquals(Optional.of(file.toString()), e.source());
        assertEquals("arrival.load", e.problems().getFirst().path());
    }

    @Test
    void parseWithSource_namesIt() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioJson.parse(
                "{\"name\": \"x\", \"arrival\": {\"pattern\": \"poisson\", \"load\": -1}, \"jobs\": 1}",
                "presets/overload.json"));
        assertTrue(e.getMessage().startsWith("presets/overload.json: arrival.load: must be > 0"), e.getMessage());
    }

    @Test
    void badConfigKey_isPrefixedWithConfig_andSuggestsTheKey() {
        assertProblem("""
                {"name": "x", "arrival": {"pattern": "poisson", "load": 1}, "jobs": 1,
                 "config": {"inline_treshold": 100}}
                """, "config.inline_treshold", "unknown key 'inline_treshold' (did you mean 'inline_threshold'?)");
        assertProblem("""
                {"name": "x", "arrival": {"pattern": "poisson", "load": 1}, "jobs": 1,
                 "config": {"inline_threshold": 70000, "spawn_threshold": 60000}}
                """, "config.inline_threshold", "must be < spawn_threshold (60000), was 70000");
        assertProblem("""
                {"name": "x", "arrival": {"pattern": "poisson", "load": 1}, "jobs": 1, "config": 3}
                """, "config", "expected a JSON object");
    }

    @Test
    void malformedJson_givesLineAndColumn() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioJson.parse("""
                {
                  "name": "x",
                  "arrival": {"pattern": "poisson" "load": 1}
                }
                """, "broken.json"));
        assertTrue(e.getMessage().startsWith("broken.json: malformed JSON at line 3, column"), e.getMessage());
    }

    @Test
    void duplicateKey_isNamedByPath() {
        assertProblem("""
                {"name": "x", "arrival": {"pattern": "poisson", "load": 1, "load": 2}, "jobs": 1}
                """, "arrival.load", "appears more than once");
    }

    @Test
    void missingParts_andMissingBounds_areNamed() {
        assertProblem("{\"arrival\": {\"pattern\": \"poisson\", \"load\": 1}, \"jobs\": 1}", "name", "is required");
        assertProblem("{\"name\": \"x\", \"jobs\": 1}", "arrival", "is required");
        assertProblem("{\"name\": \"x\", \"arrival\": {\"pattern\": \"poisson\"}, \"jobs\": 1}", "arrival.load",
                "is required");
        assertProblem("{\"name\": \"x\", \"arrival\": {\"pattern\": \"all_at_once\"}, \"duration_s\": 1}", "jobs",
                "is required with all_at_once");
        assertProblem("{\"name\": \"x\", \"arrival\": {\"pattern\": \"poisson\", \"load\": 1}}", "jobs",
                "needs a bound");
        assertProblem("{\"name\": \"x\", \"arrival\": {\"pattern\": \"poisson\", \"load\": 1}, \"duration_s\": 0}",
                "duration_s", "must be > 0, was 0");
        assertProblem("{\"name\": \"../evil\", \"arrival\": {\"pattern\": \"all_at_once\"}, \"jobs\": 1}", "name",
                "must be 1-64 letters");
    }

    @Test
    void nonFiniteNumbers_areRefusedByField() {
        assertProblem("{\"name\": \"x\", \"arrival\": {\"pattern\": \"poisson\", \"load\": NaN}, \"jobs\": 1}",
                "arrival.load", "must be a finite number, was NaN");
        assertProblem("{\"name\": \"x\", \"arrival\": {\"pattern\": \"poisson\", \"load\": 1}, \"jobs\": 1e30}",
                "jobs", "out of range");
    }

    @Test
    void workloadRules_areNamedUnderWorkload() {
        assertProblem("""
                {"name": "x", "workload": {"min_latency_budget_ms": 50, "max_latency_budget_ms": 10},
                 "arrival": {"pattern": "poisson", "load": 1}, "jobs": 1}
                """, "workload.max_latency_budget_ms", "must be >= min_latency_budget_ms (50), was 10");
        assertProblem("""
                {"name": "x", "workload": {"mix": "orignal"}, "arrival": {"pattern": "poisson", "load": 1}, "jobs": 1}
                """, "workload.mix", "did you mean 'original'?");
    }

    @Test
    void everyProblem_isReportedAtOnce() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioJson.parse("""
                {"name": "x", "colour": "red", "workload": {"heavy_share": 2},
                 "arrival": {"pattern": "bursts", "on_load": -1, "on_ms": "10", "off_ms": 5},
                 "jobs": 0, "config": {"inline_treshold": 1}}
                """, "many.json"));
        List<String> paths = e.problems().stream().map(ScenarioProblem::path).toList();
        assertEquals(List.of("colour", "workload.heavy_share", "arrival.on_ms", "jobs", "config.inline_treshold"),
                paths, e.getMessage());
        assertTrue(e.getMessage().lines().allMatch(l -> l.startsWith("many.json: ")), e.getMessage());
    }

    private static void assertProblem(String json, String path, String messagePart) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioJson.parse(json));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals(path) && p.message().contains(messagePart)),
                "expected " + path + ": …" + messagePart + "…, got:\n" + e.getMessage());
    }
}
