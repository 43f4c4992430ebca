package dev.helixrouter.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.workload.calibration.Overheads;
import dev.helixrouter.workload.calibration.ServiceModel;
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

    // ---- explicit service model ----

    private static final String MODELLED = """
            {"name": "m", "arrival": {"pattern": "poisson", "load": 1}, "jobs": 10,
             "service_model": {
               "HashMix": {"intercept_nanos": 136, "slope_nanos": 1.91},
               "PrimeCount": {"intercept_nanos": -2650.5, "slope_nanos": 0.97, "r2": 0.9998},
               "MonteCarloRisk": {"intercept_nanos": -35000, "slope_nanos": 40}
             },
             "overheads": {"caller_ns": 12600, "inline_ns": 0, "spawn_ns": 24100, "cpu_pool_ns": 20600, "batch_ns": 4700}}
            """;

    /** {@link #MODELLED} with {@code from} replaced by {@code to} (which must occur). */
    private static String modelled(String from, String to) {
        assertTrue(MODELLED.contains(from), from);
        return MODELLED.replace(from, to);
    }

    @Test
    void serviceModel_andOverheads_areRead() {
        Scenario s = ScenarioJson.parse(MODELLED);
        ServiceModel m = s.serviceModel().orElseThrow();
        assertEquals(ServiceModel.Line.of(136, 1.91), m.hashMix());
        assertEquals(new ServiceModel.Line(-2650.5, 0.97, 0.9998), m.primeCount());
        assertEquals(ServiceModel.Line.of(-35000, 40), m.monteCarloRisk());
        assertEquals(Optional.of(new Overheads(12600, 0, 24100, 20600, 4700)), s.overheads());
        assertEquals(s.overheads(), s.modelledOverheads());
    }

    @Test
    void serviceModel_withoutOverheads_chargesTheKernelsOnly_andNoModelMeansCalibration() {
        Scenario s = ScenarioJson.parse(modelled("""
                ,
                 "overheads": {"caller_ns": 12600, "inline_ns": 0, "spawn_ns": 24100, "cpu_pool_ns": 20600, "batch_ns": 4700}""",
                ""));
        assertTrue(s.serviceModel().isPresent());
        assertEquals(Optional.empty(), s.overheads());
        assertEquals(Optional.of(Overheads.NONE), s.modelledOverheads());
        Scenario plain = ScenarioJson.parse(MINIMAL);
        assertEquals(Optional.empty(), plain.serviceModel());
        assertEquals(Optional.empty(), plain.modelledOverheads());
        assertFalse(ScenarioJson.toJson(plain).contains("service_model"));
        assertFalse(ScenarioJson.toJson(s).contains("overheads"));
    }

    @Test
    void serviceModel_roundTrips_andACalibrationsModelIsAcceptedAsItIsWritten() {
        Scenario s = ScenarioJson.parse(MODELLED);
        String json = ScenarioJson.toJson(s);
        assertEquals(s, ScenarioJson.parse(json), json);
        assertEquals(json, ScenarioJson.toJson(ScenarioJson.parse(json)));
        assertTrue(json.contains("\"service_model\": {\n    \"HashMix\": {\n      \"intercept_nanos\": 136.0,"), json);

        // The model of a calibration, copied verbatim (fitted lines carry r2), and measured overheads.
        ServiceModel fitted = new ServiceModel(new ServiceModel.Line(136.4784653560514, 1.9106882503402565, 0.99999),
                new ServiceModel.Line(-2651.4928358808247, 0.9696738253718884, 0.9998),
                new ServiceModel.Line(-35145.95674687787, 39.95362762717027, 0.9994));
        Overheads measured = new Overheads(12589.25455, 0.0, 24149.4904, 20555.986, 4678.6178);
        Scenario copied = ScenarioJson.parse(MINIMAL).withServiceModel(fitted, measured);
        ObjectNode tree = ScenarioJson.toTree(copied);
        assertEquals(fitted.toJsonTree(), tree.get("service_model"));
        assertEquals(measured.toJsonTree(), tree.get("overheads"));
        assertEquals(copied, ScenarioJson.parse(ScenarioJson.toJson(copied)));
        assertEquals(ScenarioJson.parse(MINIMAL), copied.withoutServiceModel());
        assertEquals(Optional.empty(), ScenarioJson.parse(MINIMAL).withServiceModel(fitted).overheads());
    }

    @Test
    void serviceModel_unknownKeys_suggestTheNearest() {
        assertProblem(modelled("\"PrimeCount\"", "\"PrimeCuont\""), "service_model.PrimeCuont",
                "unknown key 'PrimeCuont' (did you mean 'PrimeCount'?)");
        assertProblem(modelled("\"slope_nanos\": 1.91", "\"slope_nano\": 1.91"), "service_model.HashMix.slope_nano",
                "unknown key 'slope_nano' (did you mean 'slope_nanos'?)");
        assertProblem(modelled("\"spawn_ns\"", "\"spwan_ns\""), "overheads.spwan_ns",
                "unknown key 'spwan_ns' (did you mean 'spawn_ns'?)");
        assertProblem(modelled("\"service_model\"", "\"service_modle\""), "service_modle",
                "did you mean 'service_model'?");
    }

    @Test
    void serviceModel_missingParts_areNamed() {
        assertProblem(modelled("""
                ,
                   "MonteCarloRisk": {"intercept_nanos": -35000, "slope_nanos": 40}""", ""),
                "service_model.MonteCarloRisk", "is required; the model needs a line for each of HashMix, PrimeCount, "
                        + "MonteCarloRisk");
        assertProblem(modelled("\"slope_nanos\": 0.97, ", ""), "service_model.PrimeCount.slope_nanos", "is required");
        assertProblem(modelled("\"intercept_nanos\": 136, ", ""), "service_model.HashMix.intercept_nanos",
                "is required");
        assertProblem(modelled("\"batch_ns\": 4700", "\"cpu_pool\": 4700"), "overheads.batch_ns", "is required");
    }

    @Test
    void serviceModel_badValues_areNamedByPath() {
        assertProblem(modelled("\"slope_nanos\": 0.97", "\"slope_nanos\": \"0.97\""),
                "service_model.PrimeCount.slope_nanos",
                "must be a number, was a string (\"0.97\"); write numbers without quotes");
        assertProblem(modelled("\"slope_nanos\": 0.97", "\"slope_nanos\": -0.97"),
                "service_model.PrimeCount.slope_nanos",
                "must be within 0..1000000000000 (nanoseconds per unit of work), was -0.97");
        assertProblem(modelled("\"slope_nanos\": 40", "\"slope_nanos\": NaN"),
                "service_model.MonteCarloRisk.slope_nanos", "must be a finite number, was NaN");
        assertProblem(modelled("\"intercept_nanos\": 136", "\"intercept_nanos\": 1e400"),
                "service_model.HashMix.intercept_nanos", "out of range");
        assertProblem(modelled("\"intercept_nanos\": 136", "\"intercept_nanos\": -2e12"),
                "service_model.HashMix.intercept_nanos",
                "must be within -1000000000000..1000000000000 (nanoseconds), was -2000000000000");
        assertProblem(modelled("\"r2\": 0.9998", "\"r2\": 1.5"), "service_model.PrimeCount.r2",
                "must be within 0..1 (the fit's coefficient of determination), was 1.5");
        assertProblem(modelled("\"r2\": 0.9998", "\"r2\": null"), "service_model.PrimeCount.r2",
                "must be a number, was null");
        assertProblem(modelled("{\"intercept_nanos\": 136, \"slope_nanos\": 1.91}", "[136, 1.91]"),
                "service_model.HashMix", "must be a JSON object");
        assertProblem(modelled("\"spawn_ns\": 24100", "\"spawn_ns\": -1"), "overheads.spawn_ns",
                "must be within 0..1000000000000 (nanoseconds per job), was -1");
        assertProblem(modelled("\"caller_ns\": 12600", "\"caller_ns\": true"), "overheads.caller_ns",
                "must be a number, was a boolean (true)");
        assertProblem("""
                {"name": "x", "arrival": {"pattern": "poisson", "load": 1}, "jobs": 1, "service_model": "fast"}
                """, "service_model", "must be a JSON object");
    }

    @Test
    void overheads_withoutAServiceModel_areRefused() {
        assertProblem("""
                {"name": "x", "arrival": {"pattern": "poisson", "load": 1}, "jobs": 1,
                 "overheads": {"caller_ns": 1, "inline_ns": 0, "spawn_ns": 1, "cpu_pool_ns": 1, "batch_ns": 1}}
                """, "overheads", "needs a service_model");
        ScenarioException e = assertThrows(ScenarioException.class, () -> new Scenario("x", "", 1,
                WorkloadSpec.ORIGINAL, new ArrivalPattern.Poisson(1), RunBound.jobs(1), ConfigPatch.empty(),
                Optional.empty(), Optional.of(Overheads.NONE)));
        assertEquals("overheads", e.problems().getFirst().path());
    }

    @Test
    void serviceModel_everyProblem_isReportedAtOnce() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioJson.parse("""
                {"name": "x", "arrival": {"pattern": "poisson", "load": 1}, "jobs": 1,
                 "service_model": {
                   "HashMix": {"intercept_nanos": "a", "slope_nanos": -1},
                   "PrimeCount": {"slope_nanos": 1},
                   "MonteCarlo": {"intercept_nanos": 0, "slope_nanos": 1}
                 },
                 "overheads": {"caller_ns": -1, "inline_ns": 0, "spawn_ns": 1, "cpu_pool_ns": 1}}
                """, "model.json"));
        List<String> paths = e.problems().stream().map(ScenarioProblem::path).toList();
        assertEquals(List.of("service_model.MonteCarlo", "service_model.HashMix.intercept_nanos",
                "service_model.HashMix.slope_nanos", "service_model.PrimeCount.intercept_nanos",
                "service_model.MonteCarloRisk", "overheads.caller_ns", "overheads.batch_ns"), paths, e.getMessage());
        assertTrue(e.getMessage().contains("service_model.MonteCarlo: unknown key 'MonteCarlo' (did you mean "
                + "'MonteCarloRisk'?)"), e.getMessage());
        assertTrue(e.getMessage().lines().allMatch(l -> l.startsWith("model.json: ")), e.getMessage());
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
