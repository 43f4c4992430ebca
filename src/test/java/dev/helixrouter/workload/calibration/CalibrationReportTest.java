package dev.helixrouter.workload.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.workload.JobGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationReportTest {

    private static final Calibration CALIBRATION = new FakeKernels().builder().samples(3).build().calibrate();

    @Test
    void originalWorkloadCapacity_isCoresOverTheMeanOfTwentyThousandJobsOfSeedOne() {
        ServiceModel model = FakeKernels.TRUTH;
        double mean = model.meanServiceNanos(new JobGenerator(1).take(20_000));
        assertEquals(2e9 / mean, CalibrationReport.originalWorkloadCapacity(model, 2), 1e-6);
        assertEquals(20_000, CalibrationReport.originalWorkloadSample().size());
    }

    @Test
    void render_showsPointsLinesAndLambdaStar() {
        String report = CalibrationReport.render(CALIBRATION, 12_345.6);
        for (String expected : List.of("Fake CPU 9000", FakeKernels.MACHINE.fingerprint(), "2026-11-22T10:00:00Z",
                "HashMix", "PrimeCount", "MonteCarloRisk", "250 000", "1.00000", "0.7500", "25.0000",
                "λ* = 12 346 jobs/s for the original workload on 4 cores", "20 000 jobs of JobGenerator(1)")) {
            assertTrue(report.contains(expected), "missing '" + expected + "' in:\n" + report);
        }
        assertEquals(15 + 3, report.lines().filter(l -> l.matches("  (HashMix|PrimeCount|MonteCarloRisk) .*")).count(),
                report);
    }

    @Test
    void render_withoutLambdaStar_computesItForTheCalibratedCores() {
        double lambda = CalibrationReport.originalWorkloadCapacity(CALIBRATION.model(), 4);
        assertEquals(CalibrationReport.render(CALIBRATION, lambda), CalibrationReport.render(CALIBRATION));
    }

    @Test
    void render_refusesAMeaninglessLambdaStar() {
        assertThrows(IllegalArgumentException.class, () -> CalibrationReport.render(CALIBRATION, 0));
        assertThrows(IllegalArgumentException.class, () -> CalibrationReport.render(CALIBRATION, Double.NaN));
    }
}
