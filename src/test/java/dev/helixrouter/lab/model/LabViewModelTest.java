package dev.helixrouter.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.config.RouterConfigJson;
import dev.helixrouter.lab.LabFixtures;
import dev.helixrouter.lab.LabServices;
import dev.helixrouter.lab.run.Pace;
import dev.helixrouter.lab.run.RunSession;
import dev.helixrouter.lab.run.TimeMode;
import dev.helixrouter.workload.ScenarioCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's orchestration, without a toolkit: real scenarios on a real router, ticked by hand. */
class LabViewModelTest {
    @TempDir
    Path dir;

    private ManualDebouncer debouncer;
    private LabViewModel vm;

    @BeforeEach
    void setUp() {
        LabServices s = LabFixtures.services(dir);
        debouncer = new ManualDebouncer();
        vm = new LabViewModel(s.catalog(), s.factories(), new DirectTaskRunner(), debouncer, s.cores());
    }

    @AfterEach
    void tearDown() {
        vm.close();
    }

    private void tickUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; state " + vm.status().stateProperty().get());
            }
            vm.tick(System.nanoTime());
            Thread.sleep(20); // the test plays the 10 Hz timeline
        }
        vm.tick(System.nanoTime());
    }

    @Test
    void aRun_goesFromReadyToFinished_andTheViewsFill() throws Exception {
        assertTrue(vm.selectScenario("quick"));
        assertEquals("A few hundred jobs at half capacity.", vm.picker().descriptionProperty().get());
        assertEquals("5", vm.settings().seedTextProperty().get());
        assertEquals(RunState.IDLE, vm.status().stateProperty().get());
        java.util.List<String> progress = new java.util.ArrayList<>();
        vm.status().progressTextProperty().addListener((o, a, b) -> progress.add(b));
        vm.start();
        assertEquals(RunState.RUNNING, vm.status().stateProperty().get());
        assertTrue(progress.stream().anyMatch(p -> p.startsWith("Measuring this machine (once)")),
                "the first start calibrates, with progress: " + progress);
        assertTrue(progress.contains("Planning the arrivals"), progress.toString());
        tickUntil(() -> vm.status().stateProperty().get() == RunState.FINISHED);
        assertEquals(400, vm.overview().submittedProperty().get());
        assertEquals(400, vm.tables().rows().stream().mapToLong(StrategyRow::routed).sum());
        assertEquals(1.0, vm.status().progressProperty().get(), 1e-9);
        assertTrue(vm.decisions().seenProperty().get() > 0);
        assertTrue(vm.status().canStartProperty().get());
        assertTrue(vm.files().reportJson().orElseThrow().contains("\"submitted\" : 400"));
    }

    @Test
    void aMalformedPreset_isRefusedByName_andTheRunningRouterIsUntouched() throws Exception {
        LabFixtures.write(dir.resolve("presets/broken.json"), """
                {"name": "broken", "workload": {"mix": "original"}, "arrival": {"pattern": "poisson", "load": -2},
                 "jobs": 10}
                """);
        vm.picker().refresh();
        assertTrue(vm.selectScenario("slow"));
        vm.start();
        HelixRouter router = vm.session().orElseThrow().router();
        long version = router.currentConfig().version();
        ScenarioCatalog.Entry broken = vm.picker().entries().stream().filter(e -> e.name().equals("broken")).findFirst()
                .orElseThrow();
        vm.stop();
        tickUntil(() -> vm.status().stateProperty().get() == RunState.FINISHED);
        assertFalse(vm.select(broken));
        Notifications.Notice n = vm.notifications().current();
        assertEquals(Notifications.Level.ERROR, n.level());
        assertTrue(n.title().contains("broken"), n.title());
        assertTrue(n.detail().contains("broken.json") && n.detail().contains("arrival.load"), n.detail());
        assertEquals("slow", vm.picker().selectedProperty().get().name(), "the selection stays");
        assertEquals(version, router.currentConfig().version(), "the engine is untouched");
    }

    @Test
    void savingAPreset_andLoadingItBack_givesTheSameConfig() throws Exception {
        assertTrue(vm.selectScenario("quick"));
        vm.tuning().field(ConfigKey.BATCH_MAX_SIZE).enter("24");
        vm.tuning().field(ConfigKey.INLINE_THRESHOLD).enter("3000");
        debouncer.elapse();
        RouterConfig tuned = vm.tuning().configInForce();
        assertTrue(vm.files().saveAsPreset("quick-tuned", "Quick, with bigger batches"));
        assertTrue(Files.isRegularFile(dir.resolve("presets/quick-tuned.json")));
        assertTrue(vm.selectScenario("slow"));
        assertNotEquals(tuned, vm.tuning().configInForce());
        assertTrue(vm.selectScenario("quick-tuned"));
        assertEquals(tuned, vm.tuning().configInForce());
        assertEquals("24", vm.tuning().field(ConfigKey.BATCH_MAX_SIZE).textProperty().get());
        assertEquals("Quick, with bigger batches", vm.picker().descriptionProperty().get());
    }

    @Test
    void importingAConfig_appliesIt_orNamesTheFileAndKey() throws Exception {
        assertTrue(vm.selectScenario("quick"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"batch_max_size\": 0, \"spawn_treshold\": 5}");
        RouterConfig before = vm.tuning().configInForce();
        assertFalse(vm.files().importConfig(bad));
        String detail = vm.notifications().current().detail();
        assertTrue(detail.contains("bad.json: spawn_treshold: unknown key"), detail);
        assertTrue(detail.contains("spawn_threshold"), "suggests the nearest key: " + detail);
        assertEquals(before, vm.tuning().configInForce());
        Path good = dir.resolve("good.json");
        Files.writeString(good, "{\"batch_max_size\": 32}");
        assertTrue(vm.files().importConfig(good));
        assertEquals(32, vm.tuning().configInForce().batchMaxSize());
    }

    @Test
    void exports_writeTheSharedDocuments() throws Exception {
        assertTrue(vm.selectScenario("quick"));
        vm.start();
        tickUntil(() -> vm.status().stateProperty().get() == RunState.FINISHED);
        Path config = dir.resolve("out/config.json");
        Path report = dir.resolve("out/report.json");
        Path csv = dir.resolve("out/report.csv");
        assertTrue(vm.files().exportConfig(config));
        assertTrue(vm.files().exportReportJson(report));
        assertTrue(vm.files().exportReportCsv(csv));
        assertEquals(vm.session().orElseThrow().router().currentConfig().config(),
                RouterConfigJson.parse(Files.readString(config)));
        JsonNode r = new ObjectMapper().readTree(Files.readString(report));
        assertEquals(400, r.get("submitted").asLong());
        assertEquals("quick", r.get("run").get("scenario").asText());
        assertEquals("live", r.get("run").get("time_mode").asText());
        assertEquals(ReportCsv.HEADER, Files.readAllLines(csv).getFirst());
    }

    /** What a finished run shows: the counters and, per strategy, the table's counts and percentiles. */
    private String shownNumbers() {
        StringBuilder sb = new StringBuilder();
        sb.append(vm.overview().submittedProperty().get()).append(' ').append(vm.overview().completedProperty().get())
                .append(' ').append(vm.overview().metProperty().get()).append(' ')
                .append(vm.overview().droppedProperty().get()).append('\n');
        for (StrategyRow r : vm.tables().rows()) {
            sb.append(r).append('\n');
        }
        return sb.toString();
    }

    @Test
    void aVirtualRun_givesTheSameNumbers_atAnyPace_andAgainAfterAReset() throws Exception {
        assertTrue(vm.selectScenario("quick"));
        vm.settings().timeModeProperty().set(TimeMode.VIRTUAL);
        vm.settings().modelledCoresProperty().set(8);
        vm.settings().paceProperty().set(Pace.MAX);
        vm.start();
        assertEquals(RunState.RUNNING, vm.status().stateProperty().get());
        tickUntil(() -> vm.status().stateProperty().get() == RunState.FINISHED);
        RunSession first = vm.session().orElseThrow();
        assertEquals(400, vm.overview().submittedProperty().get());
        assertEquals(400, first.ended());
        assertEquals(1.0, vm.status().progressProperty().get(), 1e-9);
        assertEquals(8, first.spec().cores());
        assertEquals(8, first.router().currentConfig().config().cpuParallelism(), "the modelled machine's default");
        assertTrue(first.router().isClosed(), "the simulation closes its router at the end");
        assertTrue(vm.status().runInfoProperty().get().contains("virtual time"), vm.status().runInfoProperty().get());
        assertTrue(vm.files().reportJson().orElseThrow().contains("\"time_mode\" : \"virtual\""));
        String shown = shownNumbers();

        vm.reset();
        assertEquals(0, vm.overview().submittedProperty().get());
        vm.settings().paceProperty().set(Pace.REAL_TIME);
        vm.start();
        tickUntil(() -> vm.status().stateProperty().get() == RunState.FINISHED);
        assertEquals(shown, shownNumbers(), "same seed, same config: the same numbers, whatever the pace");
        assertEquals(first.info().lambdaStar(), vm.session().orElseThrow().info().lambdaStar());
    }

    @Test
    void aVirtualRun_pausesTheSimulatedMachine_takesTuning_andStops() throws Exception {
        assertTrue(vm.selectScenario("slow"));
        vm.settings().timeModeProperty().set(TimeMode.VIRTUAL);
        vm.settings().paceProperty().set(Pace.TEN_TIMES);
        vm.start();
        RunSession s = vm.session().orElseThrow();
        tickUntil(() -> s.submitted() > 0);
        vm.tuning().field(ConfigKey.BATCH_MAX_SIZE).enter("21");
        debouncer.elapse();
        assertEquals(21, vm.tuning().configInForce().batchMaxSize());
        tickUntil(() -> s.router().currentConfig().config().batchMaxSize() == 21);
        assertEquals(2, s.router().currentConfig().version(), "forwarded as one patch by the simulation");

        vm.togglePause();
        assertTrue(s.isPaused());
        long ticks = vm.refreshCounts()[0];
        tickUntil(() -> vm.refreshCounts()[0] >= ticks + 3); // the event under way when Pause came ends
        Duration held = s.elapsed();
        int submitted = s.submitted();
        tickUntil(() -> vm.refreshCounts()[0] >= ticks + 8);
        assertEquals(held, s.elapsed(), "paused: simulated time stands still");
        assertEquals(submitted, s.submitted());
        vm.togglePause();
        tickUntil(() -> s.elapsed().compareTo(held) > 0);

        vm.stop();
        tickUntil(() -> vm.status().stateProperty().get() == RunState.FINISHED);
        assertTrue(s.isStopped());
        assertTrue(s.submitted() < s.plannedJobs(), "stopped early");
        assertEquals(s.submitted(), s.ended());
        assertEquals(s.submitted(), vm.overview().submittedProperty().get());
    }

    @Test
    void theModelledCores_moveTheCoreDependentKeys_unlessTuned() {
        assertTrue(vm.selectScenario("quick"));
        int here = vm.settings().machineCores();
        vm.settings().modelledCoresProperty().set(here + 30);
        assertEquals(here, vm.tuning().configInForce().cpuParallelism(), "live time: this machine");
        vm.settings().timeModeProperty().set(TimeMode.VIRTUAL);
        assertEquals(here + 30, vm.tuning().configInForce().cpuParallelism());
        assertEquals(here + 30, vm.tuning().preset().cpuParallelism(), "Reset to preset goes to the modelled machine's");
        vm.settings().modelledCoresProperty().set(1024);
        assertEquals(1024, vm.tuning().configInForce().cpuQueueCap());
        vm.tuning().field(ConfigKey.CPU_PARALLELISM).enter("3");
        debouncer.elapse();
        vm.settings().modelledCoresProperty().set(64);
        assertEquals(3, vm.tuning().configInForce().cpuParallelism(), "tuned: it stays");
        assertEquals(512, vm.tuning().configInForce().cpuQueueCap());
        vm.settings().timeModeProperty().set(TimeMode.LIVE);
        assertEquals(RouterConfig.defaults(here).cpuQueueCap(), vm.tuning().configInForce().cpuQueueCap());
    }

    @Test
    void pauseStopAndReset_followTheRun() throws Exception {
        assertTrue(vm.selectScenario("slow"));
        vm.start();
        tickUntil(() -> vm.session().orElseThrow().submitted() > 0);
        vm.togglePause();
        assertEquals(RunState.PAUSED, vm.status().stateProperty().get());
        assertEquals("Resume", vm.status().pauseLabelProperty().get());
        assertTrue(vm.session().orElseThrow().isPaused());
        vm.togglePause();
        assertEquals(RunState.RUNNING, vm.status().stateProperty().get());
        vm.stop();
        assertEquals(RunState.STOPPING, vm.status().stateProperty().get());
        tickUntil(() -> vm.status().stateProperty().get() == RunState.FINISHED);
        HelixRouter router = vm.session().orElseThrow().router();
        vm.reset();
        assertEquals(RunState.IDLE, vm.status().stateProperty().get());
        assertTrue(router.isClosed());
        assertEquals(0, vm.overview().submittedProperty().get());
        assertTrue(vm.session().isEmpty());
    }
}
