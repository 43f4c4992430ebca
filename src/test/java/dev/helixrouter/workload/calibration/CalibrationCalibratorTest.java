package dev.helixrouter.workload.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.JobKind;
import dev.helixrouter.workload.calibration.ServiceModel.Line;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationCalibratorTest {

    @Test
    void fakeKernels_fitRecoversTheirLinesExactly() {
        FakeKernels fake = new FakeKernels();
        Calibration calibration = fake.builder().build().calibrate();

        assertLine(FakeKernels.TRUTH.hashMix(), calibration.model().hashMix());
        assertLine(FakeKernels.TRUTH.primeCount(), calibration.model().primeCount());
        assertLine(FakeKernels.TRUTH.monteCarloRisk(), calibration.model().monteCarloRisk());
    }

    @Test
    void fakeKernels_measuredPointsAreTheTrueTimes() {
        FakeKernels fake = new FakeKernels();
        Calibration calibration = fake.builder().build().calibrate();

        assertEquals(15, calibration.points().size());
        for (Calibration.Point p : calibration.points()) {
            assertEquals(FakeKernels.nanos(p.kind(), p.cost()), p.medianNanos(), 1e-9, p.toString());
        }
        List<Long> primeCosts = calibration.points(JobKind.PRIME_COUNT).stream().map(Calibration.Point::cost).toList();
        assertEquals(Calibrator.DEFAULT_COSTS.get(JobKind.PRIME_COUNT), primeCosts);
    }

    @Test
    void calibration_describesTheInjectedMachineAndTime() {
        Calibration calibration = new FakeKernels().builder().build().calibrate();
        assertEquals(FakeKernels.MACHINE, calibration.machine());
        assertEquals(FakeKernels.MACHINE.fingerprint(), calibration.fingerprint());
        assertEquals(FakeKernels.AT, calibration.calibratedAt());
    }

    @Test
    void customCosts_areTheOnesTimed() {
        FakeKernels fake = new FakeKernels();
        Calibration calibration = fake.builder().costs(JobKind.HASH_MIX, 640, 6_400).samples(3).build().calibrate();
        assertEquals(List.of(640L, 6_400L),
                calibration.points(JobKind.HASH_MIX).stream().map(Calibration.Point::cost).toList());
        assertLine(FakeKernels.TRUTH.hashMix(), calibration.model().hashMix());
    }

    @Test
    void cheapCalls_areTimedInBatchesOfAtLeastTheMinimum() {
        FakeKernels fake = new FakeKernels();
        Calibrator.KernelRunner timed = fake.runner();
        long[] hashMixCalls = new long[1];
        // HashMix at cost 64 takes 52 fake ns: a 1 µs minimum needs batches of 20 or more calls.
        Calibrator calibrator = fake.builder().warmupNanos(0).samples(1).minBatchNanos(1_000)
                .costs(JobKind.HASH_MIX, 64, 128)
                .runner(job -> {
                    if (job.kind() == JobKind.HASH_MIX && job.computeCost() == 64) {
                        hashMixCalls[0]++;
                    }
                    return timed.run(job);
                })
                .build();
        Calibration calibration = calibrator.calibrate();
        assertEquals(52, calibration.points(JobKind.HASH_MIX).getFirst().medianNanos(), 1e-9);
        // Sizing (1 call, then a batch of 20+) and one timed batch of 20+.
        assertTrue(hashMixCalls[0] >= 41, "calls " + hashMixCalls[0]);
    }

    @Test
    void warmUp_runsForItsBudgetOnTheInjectedClock() {
        FakeKernels withoutWarmup = new FakeKernels();
        withoutWarmup.builder().warmupNanos(0).build().calibrate();
        FakeKernels withWarmup = new FakeKernels();
        withWarmup.builder().warmupNanos(50_000_000).build().calibrate();
        assertTrue(withWarmup.now - withoutWarmup.now >= 50_000_000L,
                "warm-up took " + (withWarmup.now - withoutWarmup.now) + " fake ns");
    }

    @Test
    void warmUp_mixesEveryKindBeforeAnythingIsTimed() {
        FakeKernels fake = new FakeKernels();
        Calibrator.KernelRunner timed = fake.runner();
        List<JobKind> firstKinds = new ArrayList<>();
        fake.builder().runner(job -> {
            if (firstKinds.size() < 100) {
                firstKinds.add(job.kind());
            }
            return timed.run(job);
        }).build().calibrate();
        assertTrue(firstKinds.containsAll(Calibrator.KINDS), firstKinds.toString());
    }

    @Test
    void kernelsThatTakeNoTime_stillFinish() {
        FakeKernels frozen = new FakeKernels();
        Calibration calibration = frozen.builder().runner(job -> 0).samples(1).build().calibrate();
        assertEquals(new Line(0, 0, 1.0), calibration.model().primeCount());
    }

    @Test
    void progress_risesToExactlyOne() {
        List<Double> fractions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        new FakeKernels().builder().progress((f, m) -> {
            fractions.add(f);
            messages.add(m);
        }).build().calibrate();

        assertEquals(0.0, fractions.getFirst());
        assertEquals(1.0, fractions.getLast());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress fell at " + i + ": " + fractions);
            assertTrue(fractions.get(i) <= 1.0);
        }
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("MonteCarloRisk: timing")), messages.toString());
    }

    @Test
    void builder_refusesBadSettings() {
        Calibrator.Builder b = Calibrator.builder();
        assertThrows(IllegalArgumentException.class, () -> b.costs(JobKind.of("calibration-test-custom"), 1, 2));
        // Both costs sieve to the minimum limit of 10 000: no slope to fit.
        assertThrows(IllegalArgumentException.class, () -> b.costs(JobKind.PRIME_COUNT, 1_000, 5_000));
        assertThrows(IllegalArgumentException.class, () -> b.costs(JobKind.HASH_MIX, -64, 6_400));
        assertThrows(IllegalArgumentException.class, () -> b.samples(0));
        assertThrows(IllegalArgumentException.class, () -> b.warmupNanos(-1));
        assertThrows(IllegalArgumentException.class, () -> b.minBatchNanos(-1));
    }

    @Test
    void median_ofOddAndEvenCounts() {
        assertEquals(3, Calibrator.median(new double[] {9, 1, 3}));
        assertEquals(2.5, Calibrator.median(new double[] {4, 1, 2, 3}));
    }

    private static void assertLine(Line expected, Line actual) {
        assertEquals(expected.interceptNanos(), actual.interceptNanos(), 1e-6, "intercept of " + actual);
        assertEquals(expected.slopeNanos(), actual.slopeNanos(), 1e-9, "slope of " + actual);
        assertEquals(1.0, actual.r2(), 1e-12, "r2 of " + actual);
    }
}
