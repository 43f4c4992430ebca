package dev.helixrouter.adapt;

import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.metrics.StrategyStats;
import dev.helixrouter.sim.VirtualRun;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.ArrivalPlan;
import dev.helixrouter.workload.RunOverrides;
import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.ScenarioCatalog;
import dev.helixrouter.workload.calibration.Capacity;
import dev.helixrouter.workload.calibration.Overheads;
import dev.helixrouter.workload.calibration.ServiceModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed modelled machine for the adaptive layer's virtual-time tests: 2 cores with service
 * times and overheads as measured once on a 2-core AMD EPYC (JDK 25), written down so every
 * machine runs exactly the same experiment.
 */
final class VirtualLab {
    static final int CORES = 2;
    static final ServiceModel MODEL = new ServiceModel(ServiceModel.Line.of(136.5, 1.911),
            ServiceModel.Line.of(-2651.5, 0.9697), ServiceModel.Line.of(-35146.0, 39.95));
    static final Overheads OVERHEADS = new Overheads(12_589, 0, 24_149, 20_556, 4_679);

    private VirtualLab() {}

    /** One run's figures. */
    record Outcome(RouterSnapshot snapshot, double seconds, LearnedPolicy learned) {
        long met() {
            long m = 0;
            for (Strategy s : Strategy.values()) {
                m += snapshot.strategy(s).met();
            }
            return m;
        }

        long late() {
            long l = 0;
            for (Strategy s : Strategy.values()) {
                StrategyStats st = snapshot.strategy(s);
                l += st.late();
            }
            return l;
        }

        double goodput() {
            return met() / seconds;
        }

        String summary() {
            StringBuilder sb = new StringBuilder(String.format("goodput %.0f/s met %d late %d dropped %d |",
                    goodput(), met(), late(), snapshot.dropped()));
            for (Strategy s : Strategy.values()) {
                sb.append(' ').append(s.wireName()).append('=').append(snapshot.strategy(s).routed())
                        .append("/late ").append(snapshot.strategy(s).late());
            }
            return sb.toString();
        }
    }

    static Scenario scenario(String name, long seed, long jobs) {
        return RunOverrides.NONE.withSeed(seed).withJobs(jobs).applyTo(new ScenarioCatalog(java.nio.file.Path.of("target", "no-user-presets")).find(name));
    }

    static List<Arrival> arrivals(Scenario sc, RouterConfig cfg) {
        double lambda = Capacity.lambdaStar(MODEL, OVERHEADS, CORES, sc.generator().take(20_000), cfg);
        return ArrivalPlan.of(sc, lambda, 1.0).stream().toList();
    }

    /** Runs {@code arrivals} with the adaptive layer installed and {@code cfg}. */
    static Outcome run(RouterConfig cfg, List<Arrival> arrivals) {
        AtomicReference<AdaptiveLayer> layer = new AtomicReference<>();
        VirtualRun.Result r = new VirtualRun(new VirtualRun.Machine(CORES, CORES, MODEL, OVERHEADS), null)
                .run(cfg, arrivals, b -> {
                    layer.set(AdaptiveLayer.install(b, cfg, CORES));
                    return b;
                });
        double seconds = arrivals.getLast().offsetNanos() / 1e9;
        return new Outcome(r.snapshot(), seconds, layer.get().learned());
    }
}
