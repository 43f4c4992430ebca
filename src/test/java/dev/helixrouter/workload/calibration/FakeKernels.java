package dev.helixrouter.workload.calibration;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.time.Clock;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A fake machine for calibration tests: kernels that take exactly a known number of fake
 * nanoseconds, on a clock that only moves when they run.
 */
final class FakeKernels {
    static final ServiceModel TRUTH = new ServiceModel(
            ServiceModel.Line.of(50, 2),          // HashMix: 50 ns + 2 ns per round
            ServiceModel.Line.of(300, 0.75),      // PrimeCount: 0.75 ns per unit of limit
            ServiceModel.Line.of(2_000, 25));     // MonteCarloRisk: 25 ns per return
    static final Calibration.Machine MACHINE = new Calibration.Machine(4, "Fake CPU 9000", "fake64", "FakeVM 25");
    static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    long now;
    long calls;

    Clock clock() {
        return () -> now;
    }

    /** Advances the clock by the true service time; every default cost gives whole nanoseconds. */
    Calibrator.KernelRunner runner() {
        return job -> {
            calls++;
            now += TRUTH.serviceNanos(job);
            return job.id();
        };
    }

    Calibrator.Builder builder() {
        return Calibrator.builder().clock(clock()).runner(runner()).machine(MACHINE)
                .wallClock(InstantSource.fixed(AT));
    }

    static Calibrator throwingCalibrator(Calibration.Machine machine) {
        return Calibrator.builder().machine(machine).warmupNanos(0).samples(1)
                .runner(job -> {
                    throw new AssertionError("calibrated, but the cache should have hit: " + job.kind());
                })
                .build();
    }

    static long nanos(JobKind kind, long cost) {
        return TRUTH.serviceNanos(kind, cost);
    }
}
