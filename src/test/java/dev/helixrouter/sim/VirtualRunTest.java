package dev.helixrouter.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.metrics.StrategyStats;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.ArrivalPlan;
import dev.helixrouter.workload.RunReport;
import dev.helixrouter.workload.ScenarioCatalog;
import dev.helixrouter.workload.calibration.ServiceModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine model's mechanics on cases small enough to check by hand. Jobs are HashMix with
 * a model of exactly 1 ns per cost unit, so a job of cost 1 000 000 takes 1 ms of CPU.
 */
class VirtualRunTest {
    /** The snapshot's latency histograms keep 2 significant digits: each figure within 1 %. */
    private static final double HISTOGRAM_PRECISION = 0.01;

    private static final long MS = 1_000_000L;
    /** HashMix: 64 ns per round of 64 cost units = 1 ns per cost unit. */
    private static final ServiceModel ONE_NS_PER_COST =
            new ServiceModel(ServiceModel.Line.of(0, 64), ServiceModel.Line.of(0, 1), ServiceModel.Line.of(0, 1));

    @TempDir
    Path dir;

    private static Arrival at(long offsetMs, long id, long cpuMs, double scaling) {
        return new Arrival(offsetMs * MS, new Job(id, JobKind.HASH_MIX, new long[] {id}, cpuMs * MS, scaling, 1000), 0);
    }

    private static RouterConfig.Builder base(int cores) {
        return RouterConfig.defaults(cores).toBuilder().backpressureGate(GateMode.BUSY);
    }

    private static RouterConfig inlineAll(int cores) {
        return base(cores).inlineThreshold(Long.MAX_VALUE - 1).spawnThreshold(Long.MAX_VALUE).build();
    }

    private static RouterConfig spawnAll(int cores) {
        return base(cores).inlineThreshold(1).spawnThreshold(Long.MAX_VALUE).build();
    }

    private static RouterConfig poolAll(int cores, int parallelism, int cap) {
        return base(cores).inlineThreshold(1).spawnThreshold(2).cpuParallelism(parallelism).cpuQueueCap(cap)
                .backpressureBusyThreshold(parallelism).backpressureGate(GateMode.DEADLINE).build();
    }

    private static VirtualRun.Result run(int cores, int callers, RouterConfig config, List<Arrival> arrivals) {
        return new VirtualRun(new VirtualRun.Machine(cores, callers, ONE_NS_PER_COST), null).run(config, arrivals);
    }

    private static double maxMs(RouterSnapshot s, Strategy st) {
        return s.strategy(st).latency().maxMicros() / 1000.0;
    }

    private static double minMs(RouterSnapshot s, Strategy st) {
        return s.strategy(st).latency().minMicros() / 1000.0;
    }

    @Test
    void oneCoreTwoCallers_twoInlineJobsShareTheProcessor_andBothEndAt2ms() {
        VirtualRun.Result r = run(1, 2, inlineAll(1), List.of(at(0, 1, 1, 0.1), at(0, 2, 1, 0.1)));
        StrategyStats inline = r.snapshot().strategy(Strategy.INLINE);
        assertEquals(2, inline.completed());
        assertEquals(2.0, minMs(r.snapshot(), Strategy.INLINE), 0.01);
        assertEquals(2.0, maxMs(r.snapshot(), Strategy.INLINE), 0.01);
        assertEquals(2 * MS, r.virtualNanos());
    }

    @Test
    void oneCaller_theSecondInlineJobWaitsForTheCaller_latencyFromItsIntendedStart() {
        VirtualRun.Result r = run(2, 1, inlineAll(2), List.of(at(0, 1, 1, 0.1), at(0, 2, 1, 0.1)));
        assertEquals(1.0, minMs(r.snapshot(), Strategy.INLINE), 0.01);
        assertEquals(2.0, maxMs(r.snapshot(), Strategy.INLINE), 0.01);
    }

    @Test
    void fullQueue_dropsTheThirdJob_andTheQueuedOneWaitsItsTurn() {
        RouterConfig cfg = poolAll(1, 1, 1);
        VirtualRun.Result r = run(1, 1, cfg, List.of(at(0, 1, 1, 0.1), at(0, 2, 1, 0.1), at(0, 3, 1, 0.1)));
        RouterSnapshot s = r.snapshot();
        assertEquals(1, s.droppedByReason().get(DropReason.QUEUE_FULL));
        assertEquals(2, s.strategy(Strategy.CPU_POOL).completed());
        assertEquals(1.0, minMs(s, Strategy.CPU_POOL), HISTOGRAM_PRECISION * 1.0);
        assertEquals(2.0, maxMs(s, Strategy.CPU_POOL), HISTOGRAM_PRECISION * 2.0);
        assertEquals(1.0, s.strategy(Strategy.CPU_POOL).queueWait().maxMicros() / 1000.0, HISTOGRAM_PRECISION * 1.0);
    }

    @Test
    void batchFlushesOnDelay_thenRunsOnTheLane() {
        RouterConfig cfg = poolAll(1, 1, 8).toBuilder().batchMaxSize(8).batchMaxDelayMs(10).build();
        VirtualRun.Result r = run(1, 1, cfg, List.of(at(0, 1, 1, 0.9)));
        RouterSnapshot s = r.snapshot();
        assertEquals(1, s.strategy(Strategy.BATCH).completed());
        assertEquals(11.0, maxMs(s, Strategy.BATCH), HISTOGRAM_PRECISION * 11.0, "10 ms in the buffer + 1 ms of work");
        assertEquals(10.0, s.strategy(Strategy.BATCH).queueWait().maxMicros() / 1000.0, HISTOGRAM_PRECISION * 10.0);
    }

    @Test
    void spawnedCpuBoundJob_holdsItsCarrier_andTheNextVirtualThreadWaits() {
        // One core: A (10 ms CPU) spawned at 0, B (1 ms) spawned at 1 ms. No time-slicing among
        // virtual threads: B mounts only when A ends at 10 ms, and ends at 11 ms.
        VirtualRun.Result r = run(1, 1, spawnAll(1), List.of(at(0, 1, 10, 0.1), at(1, 2, 1, 0.1)));
        RouterSnapshot s = r.snapshot();
        assertEquals(2, s.strategy(Strategy.SPAWN).completed());
        assertEquals(10.0, minMs(s, Strategy.SPAWN), HISTOGRAM_PRECISION * 10.0, "A: 10 ms; B: from 1 ms to 11 ms = 10 ms");
        assertEquals(10.0, maxMs(s, Strategy.SPAWN), HISTOGRAM_PRECISION * 10.0);
        assertEquals(11 * MS, r.virtualNanos());
    }

    @Test
    void poolWorkersAreTimeSliced_unlikeVirtualThreads() {
        // The same two jobs on two pool workers of one core: processor sharing. B runs at half
        // speed from 1 ms while A still runs: B ends at 3 ms (latency 2 ms), A at 11 ms.
        RouterConfig cfg = poolAll(1, 2, 8);
        VirtualRun.Result r = run(1, 2, cfg, List.of(at(0, 1, 10, 0.1), at(1, 2, 1, 0.1)));
        RouterSnapshot s = r.snapshot();
        assertEquals(2.0, minMs(s, Strategy.CPU_POOL), HISTOGRAM_PRECISION * 2.0);
        assertEquals(11.0, maxMs(s, Strategy.CPU_POOL), HISTOGRAM_PRECISION * 11.0);
    }

    @Test
    void blockingSpawnedJob_freesItsCarrierWhileItWaits() {
        // One core: A blocks 5 ms then needs 1 ms CPU; B (1 ms CPU) arrives at 1 ms and runs at once.
        Job a = new Job(1, JobKind.HASH_MIX, new long[] {1}, MS, 0.1, 1000, true, Job.AT_SUBMIT);
        List<Arrival> arrivals = List.of(new Arrival(0, a, 5 * MS), at(1, 2, 1, 0.1));
        VirtualRun.Result r = run(1, 1, spawnAll(1), arrivals);
        RouterSnapshot s = r.snapshot();
        assertEquals(1.0, minMs(s, Strategy.SPAWN), HISTOGRAM_PRECISION * 1.0, "B never waited for the parked A");
        assertEquals(6.0, maxMs(s, Strategy.SPAWN), HISTOGRAM_PRECISION * 6.0, "A: 5 ms wait + 1 ms CPU");
    }

    @Test
    void decisionsAreTimedOnTheVirtualClock() {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            arrivals.add(at(i * 3L, i + 1, 1, 0.1));
        }
        VirtualRun.Result r = run(1, 1, inlineAll(1), arrivals);
        assertEquals(13 * MS, r.virtualNanos());
        assertEquals(5, r.snapshot().completed());
        assertTrue(r.snapshot().decisionsPublished() == 5);
    }

    @Test
    void sameScenarioAndSeed_giveTheSameReport_bitForBit() {
        ScenarioCatalog catalog = new ScenarioCatalog(dir);
        var scenario = catalog.find("overload");
        List<Arrival> arrivals = ArrivalPlan.of(scenario, 40_000, 0.5).stream().limit(20_000).toList();
        RouterConfig cfg = scenario.routerConfig(RouterConfig.defaults(2));
        ServiceModel model = new ServiceModel(ServiceModel.Line.of(77, 1.94), ServiceModel.Line.of(-2030, 0.915),
                ServiceModel.Line.of(-21100, 37.56));
        String[] reports = new String[2];
        for (int i = 0; i < 2; i++) {
            VirtualRun.Result r = new VirtualRun(new VirtualRun.Machine(2, 2, model), null).run(cfg, arrivals);
            reports[i] = RunReport.toJson(r.snapshot(), cfg, new RunReport.RunInfo("overload", "", "virtual",
                    scenario.seed(), 0.5, 40_000, 2, arrivals.size(), "scenario", null, r.virtualNanos() / 1e9));
        }
        assertEquals(reports[0], reports[1]);
        assertTrue(reports[0].contains("\"submitted\" : 20000"), reports[0].substring(0, 200));
    }
}
