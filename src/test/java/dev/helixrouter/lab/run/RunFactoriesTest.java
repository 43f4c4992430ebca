package dev.helixrouter.lab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.metrics.StrategyStats;
import dev.helixrouter.lab.LabFixtures;
import dev.helixrouter.sim.VirtualRun;
import dev.helixrouter.workload.ArrivalPlan;
import dev.helixrouter.workload.RunOverrides;
import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.ScenarioCatalog;
import dev.helixrouter.workload.calibration.Calibration;
import dev.helixrouter.workload.calibration.CalibrationCache;
import dev.helixrouter.workload.calibration.Calibrator;
import dev.helixrouter.workload.calibration.Capacity;
import dev.helixrouter.workload.calibration.OverheadCache;
import dev.helixrouter.workload.calibration.Overheads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run factories size runs as {@code helixrouter run} does; virtual sessions steer without changing results. */
class RunFactoriesTest {
    @TempDir
    Path dir;

    private MachineProfile profile;

    @BeforeEach
    void setUp() {
        LabFixtures.services(dir); // writes the test presets
        profile = LabFixtures.profile(dir);
    }

    private Scenario scenario(String name, long jobs) {
        return RunOverrides.NONE.withJobs(jobs).applyTo(new ScenarioCatalog(dir.resolve("presets")).find(name));
    }

    /** The cached measurements, as the {@code run} command would read them (failing if they were not cached). */
    private Calibration calibration() {
        return new CalibrationCache(dir.resolve("calibration.json"), w -> { })
                .loadOrCalibrate(Calibrator.builder().progress((f, m) -> {
                    throw new AssertionError("not cached");
                }).build(), false);
    }

    private Overheads overheads(Calibration c) {
        return new OverheadCache(dir.resolve("overheads.json"), w -> { }).loadOrMeasure(c.fingerprint(), () -> {
            throw new AssertionError("not cached");
        }, false);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    @Test
    void lambdaStar_isTheRunCommands_countingTheRoutersOverheads_onTheRunsMachine() {
        Scenario steady = scenario("quick", 50);
        int here = RouterConfig.machineCores();
        RouterConfig liveConfig = steady.routerConfig(RouterConfig.defaults(here));
        try (RunSession live = new LiveRunFactory(profile, here)
                .start(new RunSpec(steady, liveConfig, 1.0, TimeMode.LIVE, here), RunFactory.Preparation.none())) {
            Calibration c = calibration();
            Overheads o = overheads(c);
            List<Job> sample = steady.generator().take(MachineProfile.CAPACITY_SAMPLE);
            double expected = Capacity.lambdaStar(c.model(), o, here, sample, liveConfig);
            assertEquals(expected, live.info().lambdaStar(), expected * 1e-12);
            assertTrue(expected < c.model().capacityJobsPerSec(here, sample), "below the kernels-only capacity");

            RouterConfig modelled = steady.routerConfig(RouterConfig.defaults(16));
            try (RunSession virtual = new VirtualRunFactory(profile).start(
                    new RunSpec(steady, modelled, 1.0, TimeMode.VIRTUAL, 16), RunFactory.Preparation.none())) {
                assertEquals(Capacity.lambdaStar(c.model(), o, 16, sample, modelled), virtual.info().lambdaStar(),
                        expected * 1e-12);
                assertEquals("virtual", virtual.info().timeMode());
            }
        }
    }

    @Test
    void aSteeredVirtualRun_endsExactlyAsTheUnsteeredSimulation() {
        Scenario quick = scenario("quick", 400);
        RouterConfig config = quick.routerConfig(RouterConfig.defaults(4));
        RunSpec spec = new RunSpec(quick, config, 1.5, TimeMode.VIRTUAL, 4);
        RouterSnapshot steered;
        try (RunSession s = new VirtualRunFactory(profile).start(spec, RunFactory.Preparation.none())) {
            s.pause(); // held, then paced at 1x, then flat out: none of it may show in the numbers
            assertTrue(s.isPaused());
            s.resume();
            s.pace(Pace.MAX);
            await(s::isFinished);
            assertEquals(400, s.submitted());
            assertEquals(400, s.ended());
            assertTrue(s.router().isClosed());
            assertFalse(s.newSnapshots().isEmpty(), "every interval is kept for the charts");
            steered = s.router().snapshot();
        }
        Calibration c = calibration();
        Overheads o = overheads(c);
        double lambda = Capacity.lambdaStar(c.model(), o, 4, quick.generator().take(MachineProfile.CAPACITY_SAMPLE),
                config);
        VirtualRun.Result direct = new VirtualRun(new VirtualRun.Machine(4, 4, c.model(), o), null)
                .run(config, ArrivalPlan.of(quick, lambda, 1.5).stream().toList());
        RouterSnapshot d = direct.snapshot();
        assertEquals(d.completed(), steered.completed());
        assertEquals(d.dropped(), steered.dropped());
        assertEquals(d.droppedByReason(), steered.droppedByReason());
        for (Strategy st : Strategy.values()) {
            StrategyStats a = d.strategy(st);
            StrategyStats b = steered.strategy(st);
            assertEquals(a.routed(), b.routed(), st.wireName());
            assertEquals(a.met(), b.met(), st.wireName());
            assertEquals(a.latency(), b.latency(), st.wireName());
        }
    }

    @Test
    void aVirtualRun_closedMidway_endsItsThread_andItsRouterIsClosed() {
        Scenario slow = scenario("slow", 100_000);
        RunSpec spec = new RunSpec(slow, slow.routerConfig(), 1.0, TimeMode.VIRTUAL, 2);
        RunSession s = new VirtualRunFactory(profile).start(spec, RunFactory.Preparation.none());
        await(() -> s.submitted() > 0);
        assertFalse(s.isFinished());
        s.close();
        assertTrue(s.router().isClosed());
        assertFalse(LabFixtures.anyThreadAlive(s.threadPrefix() + "-"));
        assertTrue(s.failure().isEmpty(), "closing is not a failure");
    }

    @Test
    void aVirtualRunStopped_takesNoMoreArrivals_andEndsTheJobsInFlight() {
        Scenario slow = scenario("slow", 100_000);
        RunSpec spec = new RunSpec(slow, slow.routerConfig(), 1.0, TimeMode.VIRTUAL, 2);
        try (RunSession s = new VirtualRunFactory(profile).start(spec, RunFactory.Preparation.none())) {
            s.pace(Pace.HUNDRED_TIMES);
            await(() -> s.submitted() > 10);
            s.stop();
            await(s::isFinished);
            assertTrue(s.isStopped());
            assertTrue(s.submitted() < s.plannedJobs());
            assertEquals(s.submitted(), s.ended());
            assertEquals(s.submitted(), s.router().snapshot().submitted());
            assertEquals(0, s.router().snapshot().inFlight());
        }
    }
}
