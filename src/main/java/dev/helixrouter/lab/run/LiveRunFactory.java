package dev.helixrouter.lab.run;

import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.ArrivalPattern;
import dev.helixrouter.workload.ArrivalPlan;
import dev.helixrouter.workload.Scenario;
import dev.helixrouter.workload.calibration.Calibration;
import dev.helixrouter.workload.calibration.CalibrationCache;
import dev.helixrouter.workload.calibration.Calibrator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Runs scenarios in live time, the way {@code helixrouter run} does: the scenario's arrival
 * rates are scaled by this machine's calibrated capacity λ* (measured on first use and cached,
 * see {@link CalibrationCache}), the arrivals are planned once with {@link ArrivalPlan}, and a
 * {@link LiveRunSession} replays them against a fresh router from caller platform threads.
 */
public final class LiveRunFactory implements RunFactory {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveRunFactory.class);
    /** Jobs sampled from the scenario's generator to compute λ*, as the {@code run} command does. */
    static final int CAPACITY_SAMPLE = 20_000;

    private final CalibrationCache cache;
    private final Supplier<Calibrator.Builder> calibrator;
    private final int callers;

    /**
     * A factory calibrating with {@code calibrator} (cached in {@code cache}) and submitting from
     * {@code callers} platform threads.
     */
    public LiveRunFactory(CalibrationCache cache, Supplier<Calibrator.Builder> calibrator, int callers) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.calibrator = Objects.requireNonNull(calibrator, "calibrator");
        if (callers < 1) {
            throw new IllegalArgumentException("callers must be >= 1, was " + callers);
        }
        this.callers = callers;
    }

    @Override
    public TimeMode timeMode() {
        return TimeMode.LIVE;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public RunSession start(RunSpec spec, Preparation preparation) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(preparation, "preparation");
        if (spec.timeMode() != TimeMode.LIVE) {
            throw new IllegalArgumentException("a live factory cannot run " + spec.timeMode().wireName() + " time");
        }
        Scenario scenario = spec.scenario();
        double lambdaStar = Double.NaN;
        if (!(scenario.arrival() instanceof ArrivalPattern.AllAtOnce)) {
            Calibration c = calibration(preparation);
            checkCancelled(preparation);
            preparation.progress(0.8, "Sizing the load to this machine");
            lambdaStar = c.model().capacityJobsPerSec(spec.cores(), scenario.generator().take(CAPACITY_SAMPLE));
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
        LOG.info("planned {} arrivals of {} in {} ms", arrivals.size(), scenario.name(), (System.nanoTime() - t0) / 1_000_000);
        preparation.progress(1.0, "Starting");
        return LiveRunSession.start(spec, arrivals, lambdaStar, callers);
    }

    private Calibration calibration(Preparation preparation) {
        Calibrator c = calibrator.get().progress((fraction, message) -> {
            if (preparation.isCancelled()) {
                throw new CancellationException("calibration cancelled");
            }
            preparation.progress(0.75 * fraction, "Measuring this machine (once): " + message);
        }).build();
        preparation.progress(0, "Reading this machine's capacity");
        long t0 = System.nanoTime();
        Calibration result = cache.loadOrCalibrate(c, false);
        LOG.info("capacity model ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
        return result;
    }

    private static void checkCancelled(Preparation preparation) {
        if (preparation.isCancelled()) {
            throw new CancellationException("run cancelled before it started");
        }
    }
}
