package dev.helixrouter.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.metrics.StrategyStats;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.ArrivalPlan;
import dev.helixrouter.workload.LoadDriver;
import dev.helixrouter.workload.RunOverrides;
import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.ScenarioCatalog;
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
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measurement, not a unit test: the steady and overload presets on this machine, live and in
 * virtual time at the same core count, five seeds each; writes the comparison table to
 * {@code target/validation.md} (copied into docs/VIRTUAL_TIME.md by hand). About two minutes.
 *
 * <pre>./mvnw -Psoak test -Dtest=LiveVsVirtualValidation</pre>
 */
@Tag("soak")
class LiveVsVirtualValidation {
    private static final long[] SEEDS = {1, 2, 3, 4, 5};
    private static final Duration DURATION = Duration.ofSeconds(8);

    private record Row(double[] share, double goodput, double[] p50, double[] p99) {}

    @Test
    void steadyAndOverload_liveVersusVirtual() throws Exception {
        int cores = RouterConfig.machineCores();
        Calibration cal = new CalibrationCache().loadOrCalibrate(Calibrator.create(), false);
        Overheads overheads = new OverheadCache().loadOrMeasure(cal.fingerprint(),
                () -> OverheadCalibrator.standard(null).measure(), false);
        ScenarioCatalog catalog = new ScenarioCatalog();
        StringBuilder md = new StringBuilder();
        for (String name : List.of("steady", "overload")) {
            List<Row> live = new ArrayList<>();
            List<Row> virtual = new ArrayList<>();
            for (long seed : SEEDS) {
                Scenario sc = RunOverrides.NONE.withSeed(seed).withDuration(DURATION)
                        .applyTo(catalog.find(name));
                RouterConfig cfg = sc.routerConfig(RouterConfig.defaults(cores));
                double lambda = Capacity.lambdaStar(cal.model(), overheads, cores, sc.generator().take(20_000), cfg);
                List<Arrival> arrivals = ArrivalPlan.of(sc, lambda, 1.0).stream().toList();
                double seconds = arrivals.getLast().offsetNanos() / 1e9;
                try (HelixRouter router = HelixRouter.builder().config(cfg).build()) {
                    LoadDriver.Run run = new LoadDriver(router, cores).start(arrivals, null);
                    run.await(Duration.ofMinutes(5));
                    live.add(row(router.sampleNow(), seconds));
                }
                VirtualRun.Result v = new VirtualRun(new VirtualRun.Machine(cores, cores, cal.model(), overheads), null)
                        .run(cfg, arrivals);
                virtual.add(row(v.snapshot(), seconds));
                assertEquals(arrivals.size(), v.snapshot().submitted());
            }
            md.append(table(name, cores, live, virtual));
        }
        Path out = Path.of("target", "validation.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    private static Row row(RouterSnapshot s, double seconds) {
        Strategy[] st = Strategy.values();
        double[] share = new double[st.length];
        double[] p50 = new double[st.length];
        double[] p99 = new double[st.length];
        long met = 0;
        for (int i = 0; i < st.length; i++) {
            StrategyStats x = s.strategy(st[i]);
            share[i] = (double) x.routed() / Math.max(1, s.submitted());
            p50[i] = x.latency().count() == 0 ? Double.NaN : x.latency().p50Micros() / 1000;
            p99[i] = x.latency().count() == 0 ? Double.NaN : x.latency().p99Micros() / 1000;
            met += x.met();
        }
        return new Row(share, met / seconds, p50, p99);
    }

    private static double median(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        double[] v = rows.stream().mapToDouble(f).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static String table(String name, int cores, List<Row> live, List<Row> virtual) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n### %s (%d cores, medians over %d seeds)%n%n", name, cores,
                SEEDS.length));
        sb.append(String.format(Locale.ROOT, "goodput (met/s): live %.0f, virtual %.0f%n%n",
                median(live, Row::goodput), median(virtual, Row::goodput)));
        sb.append("| strategy | share live | share virtual | p50 live ms | p50 virtual ms | p99 live ms | p99 virtual ms |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        Strategy[] st = Strategy.values();
        for (int i = 0; i < st.length; i++) {
            int k = i;
            sb.append(String.format(Locale.ROOT, "| %s | %.1f %% | %.1f %% | %.3f | %.3f | %.3f | %.3f |%n",
                    st[i].wireName(), 100 * median(live, r -> r.share()[k]), 100 * median(virtual, r -> r.share()[k]),
                    median(live, r -> r.p50()[k]), median(virtual, r -> r.p50()[k]),
                    median(live, r -> r.p99()[k]), median(virtual, r -> r.p99()[k])));
        }
        return sb.toString();
    }
}
