package dev.helixrouter.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.RouterBuilder;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.PolicyKind;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.sim.VirtualRun;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.ArrivalPlan;
import dev.helixrouter.workload.LoadDriver;
import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.calibration.Calibration;
import dev.helixrouter.workload.calibration.CalibrationCache;
import dev.helixrouter.workload.calibration.Calibrator;
import dev.helixrouter.workload.calibration.Capacity;
import dev.helixrouter.workload.calibration.OverheadCache;
import dev.helixrouter.workload.calibration.OverheadCalibrator;
import dev.helixrouter.workload.calibration.Overheads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measurement, not a unit test: {@link AdaptiveGoalsTest}'s three comparisons in live time on
 * this machine, seeds 1–5, each next to the same trace in virtual time on this machine's
 * calibrated model. Writes {@code target/adaptive-live.md}. About five minutes; run it on a quiet
 * machine.
 *
 * <pre>./mvnw -Psoak test -Dtest=AdaptiveLiveFigures</pre>
 */
@Tag("soak")
class AdaptiveLiveFigures {
    private static final long[] SEEDS = {1, 2, 3, 4, 5};
    private static final int JOBS = 100_000;
    private static final int MISCONFIGURED_JOBS = 20_000;

    /** One variant of the comparison: a config and how many of the trace's jobs it runs. */
    private record Variant(String name, RouterConfig config, int jobs) {}

    /** One run's figures. */
    private record Figures(double goodput, long late, long dropped) {
        static Figures of(VirtualLab.Outcome o) {
            return new Figures(o.goodput(), o.late(), o.snapshot().dropped());
        }
    }

    @Test
    void adaptiveComparisons_liveVersusVirtual() throws Exception {
        int cores = RouterConfig.machineCores();
        Calibration cal = new CalibrationCache().loadOrCalibrate(Calibrator.create(), false);
        Overheads overheads = new OverheadCache().loadOrMeasure(cal.fingerprint(),
                () -> OverheadCalibrator.standard(null).measure(), false);
        Map<String, List<Figures>> live = new LinkedHashMap<>();
        Map<String, List<Figures>> virtual = new LinkedHashMap<>();
        boolean warm = false;
        for (long seed : SEEDS) {
            Scenario sc = VirtualLab.scenario("overload", seed, JOBS);
            RouterConfig base = sc.routerConfig(RouterConfig.defaults(cores));
            double lambda = Capacity.lambdaStar(cal.model(), overheads, cores, sc.generator().take(20_000), base);
            List<Arrival> arrivals = ArrivalPlan.of(sc, lambda, 1.0).stream().toList();
            if (!warm) {
                runLive(base, arrivals.subList(0, MISCONFIGURED_JOBS), cores); // JIT warm-up, discarded
                warm = true;
            }
            for (Variant v : variants(base)) {
                List<Arrival> trace = arrivals.subList(0, v.jobs());
                live.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(Figures.of(runLive(v.config(), trace, cores)));
                virtual.computeIfAbsent(v.name(), k -> new ArrayList<>())
                        .add(Figures.of(runVirtual(v.config(), trace, cores, cal, overheads)));
            }
        }
        String md = table(cores, live, virtual);
        Path out = Path.of("target", "adaptive-live.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println(md);
    }

    private static List<Variant> variants(RouterConfig base) {
        RouterConfig wrong = base.toBuilder().inlineThreshold(base.inlineThreshold() / 10)
                .spawnThreshold(base.spawnThreshold() / 10).build();
        return List.of(
                new Variant("heuristic, deadline gate", base, JOBS),
                new Variant("learned", base.toBuilder().routingPolicy(PolicyKind.LEARNED).build(), JOBS),
                new Variant("heuristic, busy gate", base.toBuilder().backpressureGate(GateMode.BUSY).build(), JOBS),
                new Variant("well-configured heuristic (20k)", base, MISCONFIGURED_JOBS),
                new Variant("misconfigured heuristic (20k)", wrong, MISCONFIGURED_JOBS),
                new Variant("misconfigured learned (20k)", wrong.toBuilder().routingPolicy(PolicyKind.LEARNED).build(),
                        MISCONFIGURED_JOBS));
    }

    private static VirtualLab.Outcome runLive(RouterConfig cfg, List<Arrival> arrivals, int cores) throws Exception {
        RouterBuilder b = HelixRouter.builder().config(cfg);
        AdaptiveLayer layer = AdaptiveLayer.install(b, cfg, cores);
        try (HelixRouter router = layer.attach(b.build())) {
            LoadDriver.Run run = new LoadDriver(router, cores).start(arrivals, null);
            run.await(Duration.ofMinutes(5));
            var s = router.sampleNow();
            assertEquals(arrivals.size(), s.submitted());
            return new VirtualLab.Outcome(s, arrivals.getLast().offsetNanos() / 1e9, layer.learned());
        }
    }

    private static VirtualLab.Outcome runVirtual(RouterConfig cfg, List<Arrival> arrivals, int cores, Calibration cal,
                                                 Overheads overheads) {
        AdaptiveLayer[] layer = new AdaptiveLayer[1];
        VirtualRun.Result r = new VirtualRun(new VirtualRun.Machine(cores, cores, cal.model(), overheads), null)
                .run(cfg, arrivals, b -> {
                    layer[0] = AdaptiveLayer.install(b, cfg, cores);
                    return b;
                });
        return new VirtualLab.Outcome(r.snapshot(), arrivals.getLast().offsetNanos() / 1e9, layer[0].learned());
    }

    private static double median(List<Figures> rows, ToDoubleFunction<Figures> f) {
        double[] v = rows.stream().mapToDouble(f).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static String table(int cores, Map<String, List<Figures>> live, Map<String, List<Figures>> virtual) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "### overload preset, %d cores, medians over %d seeds (live | virtual on this machine's model)%n%n",
                cores, SEEDS.length));
        sb.append("| variant | goodput live /s | goodput virtual /s | late live | late virtual | dropped live | dropped virtual | goodput per seed, live |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        live.forEach((name, l) -> {
            List<Figures> v = virtual.get(name);
            sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %s |%n", name,
                    median(l, Figures::goodput), median(v, Figures::goodput), median(l, f -> f.late()),
                    median(v, f -> f.late()), median(l, f -> f.dropped()), median(v, f -> f.dropped()),
                    String.join(" ", l.stream().map(f -> String.format(Locale.ROOT, "%.0f", f.goodput())).toList())));
        });
        return sb.toString();
    }
}
