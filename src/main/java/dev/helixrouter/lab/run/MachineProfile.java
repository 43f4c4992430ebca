package dev.helixrouter.lab.run;

import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.ArrivalPattern;
import dev.helixrouter.workload.ArrivalPlan;
import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.calibration.Calibration;
import dev.helixrouter.workload.calibration.CalibrationCache;
import dev.helixrouter.workload.calibration.Calibrator;
import dev.helixrouter.workload.calibration.Capacity;
import dev.helixrouter.workload.calibration.OverheadCache;
import dev.helixrouter.workload.calibration.OverheadCalibrator;
import dev.helixrouter.workload.calibration.Overheads;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this machine costs, as the lab's runs need it, measured the way {@code helixrouter run}
 * measures it: the kernels' service model ({@link CalibrationCache}) and the router's own
 * overheads per job ({@link OverheadCache}), each measured on first use and cached per machine.
 * From them it sizes a run — λ* by {@link Capacity#lambdaStar} on the run's cores and config,
 * counting the overheads as well as the kernels — and plans its arrivals.
 *
 * <p>Measuring takes seconds the first time: call it from a background platform thread, with a
 * {@link RunFactory.Preparation} that shows the progress and may cancel.
 */
public final class MachineProfile {
    private static final Logger LOG = LoggerFactory.getLogger(MachineProfile.class);
    /** Jobs sampled from the scenario's generator to compute λ*, as the {@code run} command does. */
    static final int CAPACITY_SAMPLE = 20_000;

    private final CalibrationCache calibrationCache;
    private final Supplier<Calibrator.Builder> calibrator;
    private final OverheadCache overheadCache;
    private final Function<Calibrator.ProgressListener, OverheadCalibrator> overheadCalibrator;

    /**
     * A profile calibrating the kernels with {@code calibrator} (cached in {@code calibrationCache})
     * and measuring the router's overheads with {@code overheadCalibrator} (cached in
     * {@code overheadCache}).
     */
    public MachineProfile(CalibrationCache calibrationCache, Supplier<Calibrator.Builder> calibrator,
                          OverheadCache overheadCache,
                          Function<Calibrator.ProgressListener, OverheadCalibrator> overheadCalibrator) {
        this.calibrationCache = Objects.requireNonNull(calibrationCache, "calibrationCache");
        this.calibrator = Objects.requireNonNull(calibrator, "calibrator");
        this.overheadCache = Objects.requireNonNull(overheadCache, "overheadCache");
        this.overheadCalibrator = Objects.requireNonNull(overheadCalibrator, "overheadCalibrator");
    }

    /** The real thing: {@code ~/.helixrouter/calibration.json} and {@code overheads.json}, standard measurements. */
    public static MachineProfile standard() {
        return new MachineProfile(new CalibrationCache(), Calibrator::builder, new OverheadCache(),
                OverheadCalibrator::standard);
    }

    /**
     * A sized and planned run.
     *
     * @param arrivals   the arrivals, by offset
     * @param lambdaStar λ* the rates were scaled by; NaN for an all-at-once scenario
     * @param measured   the machine's costs, if they were needed
     */
    record Plan(List<Arrival> arrivals, double lambdaStar, Measured measured) {}

    /** The kernels' service model and the router's overheads on this machine. */
    record Measured(Calibration calibration, Overheads overheads) {}

    /**
     * Sizes {@code spec} to its cores and plans its arrivals, measuring the machine first if
     * {@code needModel} or the scenario's rates need λ*. Reports progress up to 1.
     *
     * @throws CancellationException if {@code preparation} is cancelled
     */
    Plan plan(RunSpec spec, boolean needModel, RunFactory.Preparation preparation) {
        Scenario scenario = spec.scenario();
        boolean needLambda = !(scenario.arrival() instanceof ArrivalPattern.AllAtOnce);
        Measured measured = needModel || needLambda ? measure(preparation) : null;
        double lambdaStar = Double.NaN;
        if (needLambda) {
            checkCancelled(preparation);
            preparation.progress(0.8, "Sizing the load to " + (spec.timeMode() == TimeMode.LIVE ? "this machine"
                    : "the modelled machine"));
            lambdaStar = Capacity.lambdaStar(measured.calibration().model(), measured.overheads(), spec.cores(),
                    scenario.generator().take(CAPACITY_SAMPLE), spec.config());
        }
        checkCancelled(preparation);
        long t0 = System.nanoTime();
        preparation.progress(0.85, "Planning the arrivals");
        ArrivalPlan plan = ArrivalPlan.of(scenario, Double.isNaN(lambdaStar) ? 1.0 : lambdaStar, spec.loadMultiplier());
        List<Arrival> arrivals = new ArrayList<>();
        for (Arrival a : plan) {
            arrivals.add(a);
            if ((arrivals.size() & 0xFFFF) == 0) {
                checkCancelled(preparation);
            }
        }
        if (arrivals.isEmpty()) {
            throw new IllegalArgumentException("the plan has no jobs: check the job count and the scenario's bounds");
        }
        checkCancelled(preparation);
        LOG.info("planned {} arrivals of {} in {} ms", arrivals.size(), scenario.name(),
                (System.nanoTime() - t0) / 1_000_000);
        preparation.progress(1.0, "Starting");
        return new Plan(List.copyOf(arrivals), lambdaStar, measured);
    }

    /** The kernels' model (0–60 % of the progress) and the router's overheads (60–75 %), cached or measured now. */
    Measured measure(RunFactory.Preparation preparation) {
        long t0 = System.nanoTime();
        preparation.progress(0, "Reading this machine's capacity");
        Calibrator c = calibrator.get().progress((fraction, message) -> {
            checkCancelled(preparation);
            preparation.progress(0.6 * fraction, "Measuring this machine (once): " + message);
        }).build();
        Calibration calibration = calibrationCache.loadOrCalibrate(c, false);
        checkCancelled(preparation);
        preparation.progress(0.6, "Reading the router's overheads");
        Calibrator.ProgressListener listener = (fraction, message) -> {
            checkCancelled(preparation);
            preparation.progress(0.6 + 0.15 * fraction, "Measuring the router's overheads (once): " + message);
        };
        Overheads overheads = overheadCache.loadOrMeasure(calibration.fingerprint(),
                () -> overheadCalibrator.apply(listener).measure(), false);
        LOG.info("machine profile ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
        return new Measured(calibration, overheads);
    }

    static void checkCancelled(RunFactory.Preparation preparation) {
        if (preparation.isCancelled()) {
            throw new CancellationException("run cancelled before it started");
        }
    }
}
