package dev.helixrouter.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.workload.calibration.Capacity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped presets, read from the top-level {@code presets/} folder as a user would edit them. */
class PresetsTest {

    private static final Path DIR = Path.of("presets");
    private static final Set<String> REQUIRED = Set.of("seed-default", "steady", "overload", "latency-critical",
            "batch-friendly", "heavy-tail");

    @Test
    void everyPreset_loads_validates_andIsDemoSized() throws IOException {
        List<Path> files = presetFiles();
        assertTrue(files.size() >= 6, files.toString());
        Set<String> names = new TreeSet<>();
        for (Path file : files) {
            Scenario s = ScenarioJson.read(file);
            String stem = file.getFileName().toString().replace(".json", "");
            assertEquals(stem, s.name(), file + ": the name must match the file name");
            names.add(s.name());
            assertFalse(s.description().isBlank(), file + ": needs a description for the picker");
            assertTrue(s.bound().maxJobs().isPresent(), file + ": needs a jobs bound");
            s.bound().maxDuration().ifPresent(d ->
                    assertTrue(d.compareTo(Duration.ofSeconds(30)) <= 0, file + ": longer than a demo: " + d));
            // The config is valid on a small and a large machine.
            s.routerConfig(RouterConfig.defaults(2));
            s.routerConfig(RouterConfig.defaults(64));
            s.routerConfig();
            // The plan can be drawn (a small slice of it).
            List<Arrival> first = ArrivalPlan.of(s, 1_000, 1.0).stream().limit(50).toList();
            assertEquals(Math.min(50, s.bound().maxJobs().getAsLong()), first.size(), file.toString());
        }
        assertTrue(names.containsAll(REQUIRED), names.toString());
    }

    @Test
    void index_listsExactlyTheFilesOfTheFolder() throws IOException {
        JsonNode index = new ObjectMapper().readTree(DIR.resolve("index.json").toFile());
        Set<String> listed = new TreeSet<>();
        index.get("presets").forEach(n -> listed.add(n.textValue()));
        Set<String> present = new TreeSet<>(presetFiles().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(present, listed, "presets/index.json must list every preset (jars cannot be listed)");
    }

    @Test
    void shippedCatalog_holdsEveryPreset_allValid() {
        ScenarioCatalog catalog = new ScenarioCatalog(Path.of("target", "no-user-presets-here"));
        List<ScenarioCatalog.Entry> entries = catalog.list();
        assertTrue(entries.stream().allMatch(ScenarioCatalog.Entry::isValid), entries.toString());
        assertTrue(catalog.names().containsAll(REQUIRED), catalog.names().toString());
    }

    @Test
    void seedDefault_isTheOriginalWarmup() {
        Scenario s = ScenarioJson.read(DIR.resolve("seed-default.json"));
        assertEquals(7, s.seed());
        assertEquals(new ArrivalPattern.AllAtOnce(), s.arrival());
        assertEquals(200, s.bound().maxJobs().getAsLong());
        assertEquals(WorkloadSpec.ORIGINAL, s.workload());
        assertEquals(GateMode.BUSY, s.routerConfig().backpressureGate());
        Trace t = Trace.fromScenario(s, 1234.5, 3.0);
        assertEquals(JobGenerator.warmup(7, 200), t.arrivals().stream().map(Arrival::job).toList());
        assertTrue(t.arrivals().stream().allMatch(a -> a.offsetNanos() == 0));
    }

    @Test
    void presets_matchTheirIntent() {
        Scenario steady = read("steady");
        Scenario overload = read("overload");
        Scenario latency = read("latency-critical");
        Scenario batch = read("batch-friendly");
        Scenario heavy = read("heavy-tail");
        assertEquals(new ArrivalPattern.Poisson(0.7), steady.arrival());
        assertEquals(new ArrivalPattern.Poisson(2.0), overload.arrival());
        assertTrue(latency.workload().maxLatencyBudgetMs() <= 10 && latency.workload().heavyShare() < 0.05);
        assertTrue(batch.workload().minScalingPotential() >= 0.7);
        long spawn = RouterConfig.defaults().spawnThreshold();
        for (Job j : batch.generator().take(2_000)) {
            assertTrue(j.computeCost() > spawn && j.scalingPotential() >= 0.7, j.toString());
        }
        assertEquals(0.35, heavy.workload().heavyShare());
        assertEquals(300_000, heavy.workload().heavyMaxCost());
        Scenario reference = read("reference-machine");
        assertEquals(steady.withName(reference.name()).withDescription(reference.description())
                .withServiceModel(reference.serviceModel().orElseThrow(), reference.overheads().orElseThrow()),
                reference, "steady, on an explicit model of the machine");
    }

    @Test
    void referenceMachine_isTheOnlyPresetWithAModel_about20000JobsPerSecondOnTwoCores() throws IOException {
        Set<String> modelled = new TreeSet<>();
        for (Path file : presetFiles()) {
            ScenarioJson.read(file).serviceModel().ifPresent(m -> modelled.add(file.getFileName().toString()));
        }
        assertEquals(Set.of("reference-machine.json"), modelled, "the others follow the machine that runs them");
        // The model and overheads of the 2-core machine of docs/VIRTUAL_TIME.md, rounded.
        Scenario s = read("reference-machine");
        double lambdaStar = Capacity.lambdaStar(s.serviceModel().orElseThrow(), s.modelledOverheads().orElseThrow(),
                2, s.generator().take(20_000), s.routerConfig(RouterConfig.defaults(2)));
        assertTrue(lambdaStar > 15_000 && lambdaStar < 30_000, "lambda* = " + lambdaStar);
    }

    private static Scenario read(String name) {
        return ScenarioJson.read(DIR.resolve(name + ".json"));
    }

    private static List<Path> presetFiles() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return new ArrayList<>(s.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("index.json")).sorted().toList());
        }
    }
}
