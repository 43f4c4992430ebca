package dev.helixrouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.ScenarioCatalog;
import dev.helixrouter.workload.ScenarioJson;
import dev.helixrouter.workload.calibration.Capacity;
import dev.helixrouter.workload.calibration.CalibrationCache;
import dev.helixrouter.workload.calibration.Calibrator;
import dev.helixrouter.workload.calibration.OverheadCache;
import dev.helixrouter.workload.calibration.OverheadCalibrator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code helixrouter run}: real runs of small scenarios, bad input of every kind, exit codes. */
class RunCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private Result run(Map<String, String> env, String... args) {
        // A quick calibration (tiny budget) cached in a temporary directory.
        RunCommand runCommand = new RunCommand(env, new ScenarioCatalog(dir.resolve("presets")),
                new CalibrationCache(dir.resolve("calibration.json")),
                () -> Calibrator.builder().warmupNanos(10_000_000).samples(3).minBatchNanos(10_000)
                        .costs(JobKind.HASH_MIX, 1_000, 64_000)
                        .costs(JobKind.PRIME_COUNT, 10_000, 100_000)
                        .costs(JobKind.MONTE_CARLO_RISK, 1_000_000, 2_000_000),
                new OverheadCache(dir.resolve("overheads.json"), w -> { }),
                progress -> new OverheadCalibrator(200, 20_000, progress));
        return run(runCommand, env, args);
    }

    /**
     * A run on a machine of its own ({@code home}) that counts every attempt to calibrate the
     * kernels or measure the overheads, and fails it.
     */
    private Result runUncalibrated(Path home, AtomicInteger attempts, String... args) {
        RunCommand runCommand = new RunCommand(Map.of(), new ScenarioCatalog(home.resolve("presets")),
                new CalibrationCache(home.resolve("calibration.json")),
                () -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("calibration attempted");
                },
                new OverheadCache(home.resolve("overheads.json"), w -> { }),
                progress -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("overhead measurement attempted");
                });
        return run(runCommand, Map.of(), args);
    }

    private Result run(RunCommand runCommand, Map<String, String> env, String... args) {
        CommandLine cl = Launcher.commandLine(env, options -> 0, runCommand);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Result run(String... args) {
        return run(Map.of(), args);
    }

    private static long number(String text, String label) {
        for (String line : text.split("\n")) {
            if (line.startsWith(label)) {
                return Long.parseLong(line.substring(label.length()).trim());
            }
        }
        throw new AssertionError("no line '" + label + "' in:\n" + text);
    }

    @Test
    void seedDefault_printsTheOriginalSummary_andAReportThatBalances() throws IOException {
        Path json = dir.resolve("out/report.json");
        Result r = run("run", "--scenario", "seed-default", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("== HelixRouter summary ==\ncompleted: "), r.out());
        long completed = number(r.out(), "completed:");
        long dropped = number(r.out(), "dropped:");
        long failed = number(r.out(), "failed:");
        assertEquals(200, completed + dropped + failed);
        long routed = 0;
        for (String s : List.of("inline", "spawn", "cpu_pool", "batch", "drop")) {
            routed += number(r.out(), "routed[" + s + "]:");
        }
        assertEquals(200, routed);
        assertTrue(r.out().contains("strategy     count      met     late   mean ms"), r.out());

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        List<String> first = List.of("submitted", "completed", "dropped", "failed", "in_flight");
        var names = report.fieldNames();
        for (String key : first) {
            assertEquals(key, names.next(), "the counters come first");
        }
        assertEquals(200, report.get("submitted").asLong());
        assertEquals(completed, report.get("completed").asLong());
        assertEquals(0, report.get("in_flight").asLong());
        assertEquals("busy", report.get("config").get("backpressure_gate").asText());
        assertEquals("seed-default", report.get("run").get("scenario").asText());
        assertEquals(7, report.get("run").get("seed").asLong());
        assertTrue(report.get("run").get("service_model_source").isNull(), "all at once: no model, no calibration");
        assertTrue(report.get("strategies").get("batch").get("latency_us").has("p99"));
    }

    @Test
    void recordThenReplay_meetsIdenticalLoad_underAnotherConfig() throws IOException {
        Path trace = dir.resolve("steady.jsonl");
        Result rec = run("run", "--scenario", "steady", "--jobs", "300", "--load", "0.2", "--record", trace.toString());
        assertEquals(0, rec.code(), rec.err());
        assertEquals(300, number(rec.out(), "completed:") + number(rec.out(), "dropped:") + number(rec.out(), "failed:"));
        Path config = dir.resolve("tuned.json");
        Files.writeString(config, "{\"inline_threshold\": 59999}");
        Path json = dir.resolve("replay.json");
        Result rep = run("run", "--replay", trace.toString(), "--config", config.toString(), "--json", json.toString());
        assertEquals(0, rep.code(), rep.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(300, report.get("submitted").asLong());
        assertEquals(59999, report.get("config").get("inline_threshold").asLong());
        assertEquals(0, report.get("strategies").get("spawn").get("routed").asLong(),
                "nothing between inline_threshold 59999 and spawn_threshold 60000 in this trace");
    }

    @Test
    void sameSeed_recordsByteIdenticalTraces() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        assertEquals(0, run("run", "-s", "overload", "--jobs", "50", "--load", "0.01", "--record", a.toString()).code());
        assertEquals(0, run("run", "-s", "overload", "--jobs", "50", "--load", "0.01", "--record", b.toString()).code());
        assertEquals(Files.readString(a), Files.readString(b));
    }

    @Test
    void virtualTime_givesTheSameReportTwice_onAModelledMachine() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Result r1 = run("run", "-s", "overload", "--jobs", "3000", "--time", "virtual", "--cores", "8", "--json", a.toString());
        assertEquals(0, r1.code(), r1.err());
        assertTrue(r1.out().contains("virtual time on 8 modelled cores"), r1.out());
        assertEquals(0, run("run", "-s", "overload", "--jobs", "3000", "--time", "virtual", "--cores", "8",
                "--json", b.toString()).code());
        assertEquals(Files.readString(a), Files.readString(b), "bit for bit");
        JsonNode report = new ObjectMapper().readTree(a.toFile());
        assertEquals("virtual", report.get("run").get("time_mode").asText());
        assertEquals(8, report.get("run").get("cores").asInt());
        assertEquals(8, report.get("config").get("cpu_parallelism").asInt(), "defaults follow the modelled machine");
        assertEquals(3000, report.get("submitted").asLong());
        assertTrue(report.get("run").has("virtual_secs"));
        assertTrue(!report.get("run").has("started_at"), "nothing in a virtual report depends on when it ran");
        assertEquals("calibration", report.get("run").get("service_model_source").asText());
        assertTrue(r1.out().contains("service times from this machine's calibration"), r1.out());
    }

    /** A scenario file with an explicit model: slopes scaled by {@code factor}, optional overheads. */
    private Path modelScenario(String name, double load, double factor, boolean overheads) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, """
                {"name": "%s", "seed": 5, "arrival": {"pattern": "poisson", "load": %s}, "jobs": 3000, "duration_s": 20,
                 "service_model": {
                   "HashMix": {"intercept_nanos": %s, "slope_nanos": %s},
                   "PrimeCount": {"intercept_nanos": %s, "slope_nanos": %s, "r2": 0.999},
                   "MonteCarloRisk": {"intercept_nanos": %s, "slope_nanos": %s}
                 }%s}
                """.formatted(name, load, overheads ? 136 : 0, 1.91 * factor, overheads ? -2650 : 0, 0.97 * factor,
                overheads ? -35000 : 0, 40.0 * factor, overheads ? """
                ,
                 "overheads": {"caller_ns": 12600, "inline_ns": 0, "spawn_ns": 24100, "cpu_pool_ns": 20600,
                               "batch_ns": 4700}""" : ""));
        return file;
    }

    @Test
    void virtualTime_withTheScenariosModel_isTheSameOnAnyMachine_andCalibratesNothing() throws IOException {
        Path file = modelScenario("modelled", 1.5, 1.0, true);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        AtomicInteger attempts = new AtomicInteger();
        Path home1 = dir.resolve("machine-1");
        Path home2 = dir.resolve("machine-2");
        Result r1 = runUncalibrated(home1, attempts, "run", "-s", file.toString(), "--time", "virtual", "--cores", "4",
                "--json", a.toString());
        assertEquals(0, r1.code(), r1.err());
        Result r2 = runUncalibrated(home2, attempts, "run", "-s", file.toString(), "--time", "virtual", "--cores", "4",
                "--json", b.toString());
        assertEquals(0, r2.code(), r2.err());
        assertEquals(0, attempts.get(), "no calibration and no overhead measurement was attempted");
        for (Path home : List.of(home1, home2)) {
            assertTrue(!Files.exists(home.resolve("calibration.json")) && !Files.exists(home.resolve("overheads.json")),
                    "nothing cached on " + home);
        }
        assertEquals(Files.readString(a), Files.readString(b), "bit for bit");
        assertTrue(r1.out().contains("service times from the scenario's service_model"), r1.out());

        JsonNode run = new ObjectMapper().readTree(a.toFile()).get("run");
        assertEquals("scenario", run.get("service_model_source").asText());
        Scenario s = ScenarioJson.read(file);
        double expected = Capacity.lambdaStar(s.serviceModel().orElseThrow(), s.overheads().orElseThrow(), 4,
                s.generator().take(20_000), s.routerConfig(RouterConfig.defaults(4)));
        assertEquals(expected, run.get("lambda_star").asDouble(), "lambda* of the scenario's model, to the bit");
    }

    @Test
    void virtualTime_theScenariosModel_drivesTheServiceTimes() throws IOException {
        Path once = dir.resolve("once.json");
        Path twice = dir.resolve("twice.json");
        AtomicInteger attempts = new AtomicInteger();
        assertEquals(0, runUncalibrated(dir.resolve("m"), attempts, "run", "-s",
                modelScenario("slopes-x1", 0.3, 1.0, false).toString(), "--time", "virtual", "--cores", "4",
                "--json", once.toString()).code());
        assertEquals(0, runUncalibrated(dir.resolve("m"), attempts, "run", "-s",
                modelScenario("slopes-x2", 0.3, 2.0, false).toString(), "--time", "virtual", "--cores", "4",
                "--json", twice.toString()).code());
        assertEquals(0, attempts.get());
        JsonNode r1 = new ObjectMapper().readTree(once.toFile());
        JsonNode r2 = new ObjectMapper().readTree(twice.toFile());
        double ratio = meanServiceMicros(r2) / meanServiceMicros(r1);
        assertTrue(ratio > 1.8 && ratio < 2.2, "doubling every slope doubles the service time: ratio " + ratio);
        // λ* halves with it, so the load multiplier keeps its meaning.
        double lambdaRatio = r1.get("run").get("lambda_star").asDouble() / r2.get("run").get("lambda_star").asDouble();
        assertEquals(2.0, lambdaRatio, 1e-3);
    }

    private static double meanServiceMicros(JsonNode report) {
        double sum = 0;
        long count = 0;
        for (String strategy : List.of("inline", "spawn", "cpu_pool", "batch")) {
            JsonNode service = report.get("strategies").get(strategy).get("service_us");
            long n = service.get("count").asLong();
            if (n > 0) {
                sum += n * service.get("mean").asDouble();
                count += n;
            }
        }
        assertTrue(count > 1000, "enough completed jobs: " + count);
        return sum / count;
    }

    @Test
    void liveTime_ignoresTheScenariosModel_andSaysSo() throws IOException {
        Path json = dir.resolve("live.json");
        Result r = run("run", "-s", modelScenario("modelled-live", 0.05, 1.0, true).toString(), "--jobs", "30",
                "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("the scenario's service_model is not used"), r.err());
        JsonNode run = new ObjectMapper().readTree(json.toFile()).get("run");
        assertEquals("calibration", run.get("service_model_source").asText(), "live lambda* is this machine's");
        assertTrue(Files.exists(dir.resolve("calibration.json")));
    }

    @Test
    void cores_needVirtualTime() {
        Result r = run("run", "-s", "steady", "--cores", "4");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--cores models a machine: it needs --time virtual"), r.err());
        assertEquals(2, run("run", "-s", "steady", "--time", "warp").code());
    }

    @Test
    void environment_suppliesJobsAndSeed() {
        Result r = run(Map.of("HELIX_SIM_JOBS", "20", "HELIX_SIM_SEED", "3"), "run", "-s", "seed-default");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("scenario seed-default, seed 3, 20 jobs"), r.out());
    }

    @Test
    void unknownScenario_isAUsageError_listingTheAvailableOnes() {
        Result r = run("run", "--scenario", "overlaod");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("overlaod"), r.err());
        assertTrue(r.err().contains("seed-default, steady, overload"), r.err());
    }

    @Test
    void malformedScenarioFile_namesTheFileAndTheField() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                {"name": "bad", "seed": 1, "arrival": {"pattern": "poisson", "load": -1}, "jobs": 10}
                """);
        Result r = run("run", "--scenario", bad.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains(bad.toString()), r.err());
        assertTrue(r.err().contains("arrival.load"), r.err());
    }

    @Test
    void malformedConfigFile_namesTheFileAndTheKey_withASuggestion() throws IOException {
        Path bad = dir.resolve("config.json");
        Files.writeString(bad, "{\"inline_treshold\": 5}");
        Result r = run("run", "--scenario", "seed-default", "--config", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(bad.toString()), r.err());
        assertTrue(r.err().contains("did you mean 'inline_threshold'"), r.err());
    }

    @Test
    void configThatBreaksARuleOnceMerged_isRefused() throws IOException {
        Path bad = dir.resolve("config.json");
        Files.writeString(bad, "{\"inline_threshold\": 70000}");
        Result r = run("run", "--scenario", "seed-default", "--config", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("inline_threshold: must be < spawn_threshold"), r.err());
    }

    @Test
    void malformedTrace_namesTheFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, """
                {"helixrouter_trace": 1, "scenario": "x", "seed": 1}
                {"offset_ns": 0, "id": 1, "kind": "HashMix", "inputs": [1], "compute_cost": 5, "scaling_potential": 0.5, "latency_budget_ms": 5, "blocking": false}
                {"offset_ns": 1, "id": 2, "kind": "HashMix", "inputs": [1], "compute_cost": "lots", "scaling_potential": 0.5, "latency_budget_ms": 5, "blocking": false}
                """);
        Result r = run("run", "--replay", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(bad.toString()), r.err());
        assertTrue(r.err().contains("3"), "line number: " + r.err());
        assertTrue(r.err().contains("compute_cost"), r.err());
    }

    @Test
    void missingTrace_isAClearFailure() {
        Result r = run("run", "--replay", dir.resolve("nope.jsonl").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no such trace file"), r.err());
    }

    @Test
    void badFlags_areUsageErrors() {
        assertEquals(2, run("run", "-s", "steady", "--load", "0").code());
        assertEquals(2, run("run", "-s", "steady", "--jobs", "0").code());
        assertEquals(2, run("run", "-s", "steady", "--duration", "-1").code());
        assertEquals(2, run("run").code());
        assertEquals(2, run(Map.of("HELIX_SIM_JOBS", "many"), "run", "-s", "steady").code());
    }

    @Test
    void list_showsThePresetsWithTheirDescriptions() {
        Result r = run("run", "--list");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("overload"), r.out());
        assertTrue(r.out().contains("Twice what the machine can serve"), r.out());
    }

    @Test
    void calibrate_showsTheFittedModel_withProgress() {
        Result r = run("run", "--calibrate");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("calibrating: 100%"), r.err());
        assertTrue(r.out().contains("PrimeCount"), r.out());
        assertTrue(Files.exists(dir.resolve("calibration.json")), "cached");
    }
}
