package dev.helixrouter.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.config.AutoscalerMode;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.sim.VirtualRun;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.calibration.ServiceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The autoscaler on the real router core, in virtual time: real routing, real interval stats. */
class AutoscalerVirtualTimeTest {
    private static final long SECOND = 1_000_000_000L;
    /** HashMix at 1 ns per cost unit. */
    private static final ServiceModel MODEL =
            new ServiceModel(ServiceModel.Line.of(0, 64), ServiceModel.Line.of(0, 1), ServiceModel.Line.of(0, 1));

    /** A CPU-lane job (cost above the spawn threshold, low scaling) of {@code ms} milliseconds. */
    private static Job laneJob(long id, double ms) {
        return new Job(id, JobKind.HASH_MIX, new long[] {id}, Math.round(ms * 1_000_000), 0.1, 10_000);
    }

    /** One recommendation: when, and what. */
    private record Seen(double secs, int parallelism, double meanServiceMs) {}

    private static List<Seen> run(RouterConfig cfg, List<Arrival> arrivals) {
        Autoscaler a = new Autoscaler(() -> cfg, Optional::empty);
        List<Seen> seen = new ArrayList<>();
        new VirtualRun(new VirtualRun.Machine(32, 4, MODEL), null).run(cfg, arrivals, b -> b.onInterval(a)
                .onInterval((RouterSnapshot s) -> {
                    Map<String, Object> st = a.state();
                    boolean whole = s.intervalNanos() == cfg.metricsIntervalMs() * 1_000_000; // not the final one
                    if (st.containsKey("recommended_parallelism") && whole) {
                        seen.add(new Seen(s.uptimeNanos() / 1e9,
                                ((Number) st.get("recommended_parallelism")).intValue(),
                                ((Number) st.getOrDefault("mean_service_ms", Double.NaN)).doubleValue()));
                    }
                }));
        return seen;
    }

    private static RouterConfig.Builder config() {
        return RouterConfig.defaults(32).toBuilder().autoscalerMode(AutoscalerMode.RECOMMEND)
                .cpuQueueCap(4096).metricsIntervalMs(1000);
    }

    @Test
    void linearRamp_recommendationFollowsLittlesLaw_withinOneWorker() {
        // Arrivals rise linearly from 100/s to 1600/s over 60 s; every job is 10 ms on the lane.
        DoubleUnaryOperator rate = t -> 100 + 25 * t;
        List<Arrival> arrivals = new ArrayList<>();
        for (int k = 0; ; k++) {
            double t = (-100 + Math.sqrt(100 * 100 + 50.0 * k)) / 25; // N(t) = 100 t + 12.5 t^2 = k
            if (t >= 60) {
                break;
            }
            arrivals.add(new Arrival(Math.round(t * SECOND), laneJob(k + 1, 10), 0));
        }
        RouterConfig cfg = config().autoscalerWindowS(30).autoscalerHorizonS(15).autoscalerHysteresis(0)
                .autoscalerCooldownS(0).autoscalerMaxParallelism(64).build();
        List<Seen> seen = run(cfg, arrivals);
        int checked = 0;
        for (Seen x : seen) {
            if (x.secs() < 15 || x.secs() > 60) {
                continue; // from a full horizon of history until the ramp ends
            }
            assertEquals(10.0, x.meanServiceMs(), 0.01, "service measured by the router");
            int little = (int) Math.ceil(rate.applyAsDouble(x.secs() + 15) * 0.010);
            assertTrue(Math.abs(x.parallelism() - little) <= 1,
                    "t=" + x.secs() + ": " + x.parallelism() + " vs Little's law " + little);
            checked++;
        }
        assertTrue(checked >= 40, "checked " + checked + " intervals");
        assertTrue(seen.stream().anyMatch(x -> x.parallelism() >= 19), "grew with the ramp");
    }

    @Test
    void steadyPoissonLoad_settlesWithoutFlapping() {
        // Seeded Poisson arrivals at 600/s of 5 ms jobs: Little's law says 3.0 workers, on the edge.
        SplittableRandom random = new SplittableRandom(2024);
        List<Arrival> arrivals = new ArrayList<>();
        double t = 0;
        for (int k = 1; t < 150; k++) {
            t += -Math.log(1 - random.nextDouble()) / 600;
            arrivals.add(new Arrival(Math.round(t * SECOND), laneJob(k, 5), 0));
        }
        RouterConfig cfg = config().cpuParallelism(8).autoscalerMaxParallelism(16).build(); // default guards
        List<Seen> seen = run(cfg, arrivals);
        int changes = 0;
        for (int i = 1; i < seen.size(); i++) {
            boolean settled = seen.get(i).secs() > cfg.autoscalerWindowS();
            if (settled && seen.get(i).parallelism() != seen.get(i - 1).parallelism()) {
                changes++;
            }
        }
        assertTrue(changes <= 1, "changes after settling: " + changes);
        int last = seen.getLast().parallelism();
        assertTrue(last == 3 || last == 4, "settled next to Little's law: " + last);
    }
}
