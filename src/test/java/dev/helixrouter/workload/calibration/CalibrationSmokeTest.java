package dev.helixrouter.workload.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.JobKind;
import org.junit.jupiter.api.Test;

/** The real kernels on the real clock, with a tiny budget: only the signs are asserted. */
class CalibrationSmokeTest {

    @Test
    void realKernels_haveFinitePositiveSlopes() {
        Calibration calibration = Calibrator.builder()
                .warmupNanos(20_000_000)
                .samples(5)
                .minBatchNanos(20_000)
                .costs(JobKind.HASH_MIX, 1_000, 64_000)
                .costs(JobKind.PRIME_COUNT, 10_000, 100_000)
                .costs(JobKind.MONTE_CARLO_RISK, 1_000_000, 3_000_000)
                .build()
                .calibrate();
        for (JobKind kind : Calibrator.KINDS) {
            ServiceModel.Line line = calibration.model().line(kind);
            assertTrue(Double.isFinite(line.slopeNanos()) && line.slopeNanos() > 0, kind + ": " + line);
            assertTrue(Double.isFinite(line.interceptNanos()), kind + ": " + line);
        }
    }
}
