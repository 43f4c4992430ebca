package dev.helixrouter.adapt;

import static dev.helixrouter.engine.TestSupport.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.RouterBuilder;
import dev.helixrouter.engine.TestSupport;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.time.ManualTime;
import dev.helixrouter.sim.VirtualRun;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.calibration.ServiceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdaptiveLayerTest {
    private static final long MS = 1_000_000L;

    @Test
    void pressure_risesWithAFullLane_andDecaysWithTimeWhenIdle() throws Exception {
        ManualTime time = new ManualTime();
        RouterConfig cfg = RouterConfig.defaults(2).toBuilder().cpuParallelism(1).cpuQueueCap(4)
                .metricsIntervalMs(100).emaAlpha(0.5).build();
        RouterBuilder b = HelixRouter.builder().clock(time).scheduler(time);
        AdaptiveLayer layer = AdaptiveLayer.install(b, cfg, 2);
        CountDownLatch release = new CountDownLatch(1);
        try (HelixRouter router = layer.attach(b.build())) {
            router.submit(TestSupport.job(0, 90_000, 0.1), () -> release.await(10, TimeUnit.SECONDS));
            awaitTrue("worker busy", () -> router.load().cpuBusy() == 1);
            for (int i = 1; i <= 4; i++) {
                router.submit(TestSupport.job(i, 90_000, 0.1), () -> true);
            }
            double before = layer.pressure().score();
            for (int i = 0; i < 6; i++) {
                time.advance(100 * MS);
            }
            double loaded = layer.pressure().score();
            assertTrue(loaded > before + 0.4, "queue full and worker saturated: " + loaded);
            assertEquals(loaded, router.pressure().internal(), 1e-12, "the router reads the model");
            release.countDown();
            awaitTrue("idle", () -> router.inFlight() == 0);
            double prev = loaded;
            for (int i = 0; i < 10; i++) {
                time.advance(100 * MS);
                double now = layer.pressure().score();
                assertTrue(now <= prev, "decays every interval while idle: " + now + " after " + prev);
                prev = now;
            }
            assertTrue(prev < 0.01, "nearly gone after ten idle intervals: " + prev);
        }
    }

    /** HashMix at 1 ns per cost unit: cost 1 000 000 = 1 ms. */
    private static final ServiceModel MODEL =
            new ServiceModel(ServiceModel.Line.of(0, 64), ServiceModel.Line.of(0, 1), ServiceModel.Line.of(0, 1));

    @Test
    void spawnThreshold_risesWhileTheLaneQueues_staysBounded_andReturnsWhenTheLoadEnds() {
        // One pool worker on a 2-core machine; 1 ms jobs at 1.5 per ms for 1.5 s: the lane queues.
        // Carriers are idle, so the threshold rises until the jobs (cost 1 000 000) go to spawn.
        RouterConfig cfg = RouterConfig.defaults(2).toBuilder().backpressureGate(GateMode.DEADLINE)
                .cpuParallelism(1).cpuQueueCap(4096).inlineThreshold(1000).spawnThreshold(400_000)
                .cpuP95BudgetMs(2).adaptiveP95ThresholdFactor(1.5).adaptiveStep(0.25).metricsIntervalMs(50).build();
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 2250; i++) {
            Job j = new Job(i + 1, JobKind.HASH_MIX, new long[] {i}, 1_000_000, 0.1, 10_000);
            arrivals.add(new Arrival(i * 1_000_000L * 2 / 3, j, 0));
        }
        // and a tail of idle time so the threshold can come back down
        arrivals.add(new Arrival(4_000 * MS, new Job(99_999, JobKind.HASH_MIX, new long[] {1}, 10, 0.1, 10_000), 0));
        List<RouterSnapshot> seen = new ArrayList<>();
        VirtualRun run = new VirtualRun(new VirtualRun.Machine(2, 2, MODEL), null);
        AdaptiveLayer[] layer = new AdaptiveLayer[1];
        VirtualRun.Result r = run.run(cfg, arrivals, b -> {
            layer[0] = AdaptiveLayer.install(b, cfg, 2);
            return b.onInterval(seen::add);
        });
        long max = seen.stream().mapToLong(RouterSnapshot::adaptiveSpawnThreshold).max().orElseThrow();
        assertTrue(max > 1_000_000, "rose above the jobs' cost: " + max);
        assertTrue(max <= 10 * 400_000, "bounded by 10x configured: " + max);
        assertTrue(r.snapshot().strategy(dev.helixrouter.engine.Strategy.SPAWN).completed() > 0,
                "work moved to spawn");
        assertEquals(400_000, seen.getLast().adaptiveSpawnThreshold(), "back to the configured value");
    }
}
