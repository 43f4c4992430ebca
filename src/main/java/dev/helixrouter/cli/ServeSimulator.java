package dev.helixrouter.cli;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.ArrivalPattern;
import dev.helixrouter.workload.ArrivalPlan;
import dev.helixrouter.workload.LoadDriver;
import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.calibration.Calibration;
import dev.helixrouter.workload.calibration.CalibrationCache;
import dev.helixrouter.workload.calibration.Calibrator;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The simulator of {@code serve}: a scenario's arrivals, planned exactly as {@code run} plans
 * them (calibrating λ* first if the scenario's rates need it), replayed against the live router
 * by a {@link LoadDriver} on its own caller threads.
 */
final class ServeSimulator {
    private ServeSimulator() {}

    /**
     * The arrivals of {@code scenario} at {@code load}; all at once (every offset 0) for the warm-up.
     *
     * @throws IllegalArgumentException naming the value at fault
     */
    static List<Arrival> plan(Scenario scenario, double load, CalibrationCache cache,
                              Supplier<Calibrator.Builder> calibrator, PrintWriter err) {
        double lambdaStar = 1.0; // unused by all-at-once arrivals
        if (!(scenario.arrival() instanceof ArrivalPattern.AllAtOnce)) {
            Calibration c = cache.loadOrCalibrate(calibrator.get().progress((fraction, message) -> {
                if (fraction >= 1.0 || (int) (fraction * 100) % 25 == 0) {
                    err.printf(Locale.ROOT, "calibrating: %3d%% %s%n", (int) (fraction * 100), message);
                    err.flush();
                }
            }).build(), false);
            lambdaStar = c.model().capacityJobsPerSec(RouterConfig.machineCores(), scenario.generator().take(20_000));
        }
        return ArrivalPlan.of(scenario, lambdaStar, load).stream().toList();
    }

    /**
     * Starts replaying {@code arrivals} on {@code callers} threads; when the last job has ended
     * it publishes the final snapshot at once and says so on {@code out}. Null if there is nothing
     * to replay.
     */
    static LoadDriver.Run start(HelixRouter router, List<Arrival> arrivals, int callers, PrintWriter out) {
        if (arrivals.isEmpty()) {
            out.println("helixrouter serve: simulator: the plan has no jobs");
            return null;
        }
        long t0 = System.nanoTime();
        LoadDriver.Run run = new LoadDriver(router, callers).start(arrivals, null);
        run.done().thenRun(() -> {
            RouterSnapshot s = router.sampleNow(); // the final numbers now, not at the next interval
            out.printf(Locale.ROOT, "helixrouter serve: simulator done in %.2f s: %d submitted, %d completed, "
                    + "%d dropped, %d failed%n", (System.nanoTime() - t0) / 1e9, s.submitted(), s.completed(),
                    s.dropped(), s.failed());
            out.flush();
        });
        return run;
    }
}
