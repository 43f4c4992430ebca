package dev.helixrouter.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.PrimitiveIterator;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void poisson_at1000PerSecond_over10s_givesAbout10000() {
        for (long seed = 1; seed <= 5; seed++) {
            long[] offsets = ArrivalSchedule.of(new ArrivalPattern.Poisson(1.0), 1000, 1.0, seed,
                    RunBound.duration(Duration.ofSeconds(10))).toArray();
            assertTrue(Math.abs(offsets.length - 10_000) < 300, "seed " + seed + ": " + offsets.length);
            assertTrue(offsets[offsets.length - 1] < 10 * SECOND);
            assertSorted(offsets);
        }
    }

    @Test
    void rate_isLambdaStarTimesLoadTimesMultiplier() {
        int a = ArrivalSchedule.of(new ArrivalPattern.Poisson(2.0), 250, 2.0, 3,
                RunBound.duration(Duration.ofSeconds(10))).toArray().length;
        assertTrue(Math.abs(a - 10_000) < 300, "250/s x 2 x 2 over 10 s gave " + a);
        assertEquals(2000.0, ArrivalSchedule.of(new ArrivalPattern.Poisson(2.0), 500, 2.0, 3, RunBound.jobs(1))
                .ratePerSecondAt(0));
    }

    @Test
    void poissonGaps_areExponential() {
        long[] o = ArrivalSchedule.of(new ArrivalPattern.Poisson(1.0), 1000, 1.0, 8, RunBound.jobs(50_000)).toArray();
        double sum = 0;
        double sumSq = 0;
        for (int i = 1; i < o.length; i++) {
            double gap = o[i] - o[i - 1];
            sum += gap;
            sumSq += gap * gap;
        }
        int n = o.length - 1;
        double mean = sum / n;
        double cv = Math.sqrt(sumSq / n - mean * mean) / mean;
        assertTrue(Math.abs(mean - 1e6) < 2e4, "mean gap " + mean + " ns");
        assertTrue(Math.abs(cv - 1) < 0.03, "coefficient of variation " + cv + " (1 for exponential gaps)");
    }

    @Test
    void sameSeed_sameOffsets_differentSeed_differentOffsets_lazyOrNot() {
        ArrivalSchedule s = ArrivalSchedule.of(new ArrivalPattern.Poisson(1.3), 777, 1.0, 99, RunBound.jobs(5_000));
        long[] a = s.toArray();
        assertArrayEquals(a, ArrivalSchedule.of(new ArrivalPattern.Poisson(1.3), 777, 1.0, 99, RunBound.jobs(5_000))
                .toArray());
        assertArrayEquals(a, s.stream().toArray());
        PrimitiveIterator.OfLong it = s.iterator();
        for (long x : a) {
            assertEquals(x, it.nextLong());
        }
        assertFalse(it.hasNext());
        assertFalse(Arrays.equals(a, ArrivalSchedule.of(new ArrivalPattern.Poisson(1.3), 777, 1.0, 100,
                RunBound.jobs(5_000)).toArray()));
    }

    @Test
    void bounds_stopAtWhicheverComesFirst() {
        ArrivalPattern p = new ArrivalPattern.Poisson(1.0);
        assertEquals(500, ArrivalSchedule.of(p, 1000, 1, 1, RunBound.jobs(500)).toArray().length);
        assertEquals(500, ArrivalSchedule.of(p, 1000, 1, 1, RunBound.of(500, Duration.ofSeconds(10))).toArray().length);
        long[] byTime = ArrivalSchedule.of(p, 1000, 1, 1, RunBound.of(1_000_000, Duration.ofMillis(100))).toArray();
        assertTrue(byTime.length > 60 && byTime.length < 140, "in 100 ms: " + byTime.length);
        assertTrue(Arrays.stream(byTime).allMatch(o -> o < 100_000_000L));
        // The job bound cuts the time-bounded schedule at its prefix.
        long[] prefix = ArrivalSchedule.of(p, 1000, 1, 1, RunBound.of(10, Duration.ofMillis(100))).toArray();
        assertArrayEquals(Arrays.copyOf(byTime, 10), prefix);
    }

    @Test
    void allAtOnce_isEveryJobAtZero_andNeedsAJobCount() {
        assertArrayEquals(new long[200], ArrivalSchedule.of(new ArrivalPattern.AllAtOnce(), 1, 1, 7,
                RunBound.jobs(200)).toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.of(
                new ArrivalPattern.AllAtOnce(), 1, 1, 7, RunBound.duration(Duration.ofSeconds(1))));
        assertTrue(e.getMessage().startsWith("jobs:"), e.getMessage());
    }

    @Test
    void refusesUnboundedRuns_andBadRates() {
        ArrivalPattern p = new ArrivalPattern.Poisson(1);
        assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.of(p, 1000, 1, 1, RunBound.NONE));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.of(p, 0, 1, 1, RunBound.jobs(1)))
                .getMessage().contains("lambda_star"));
        assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.of(p, Double.NaN, 1, 1, RunBound.jobs(1)));
        assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.of(p, 1000, -1, 1, RunBound.jobs(1)));
        assertThrows(IllegalArgumentException.class,
                () -> ArrivalSchedule.of(p, 1000, Double.POSITIVE_INFINITY, 1, RunBound.jobs(1)));
    }

    @Test
    void bursts_alternateBetweenOnAndOffRates() {
        // 100 ms at 2x, 100 ms at 0.5x, at 1000/s: 200 vs 50 expected per window.
        long[] o = ArrivalSchedule.of(new ArrivalPattern.Bursts(2.0, 0.5, 100, 100), 1000, 1, 4,
                RunBound.duration(Duration.ofSeconds(20))).toArray();
        long on = Arrays.stream(o).filter(x -> (x / 100_000_000L) % 2 == 0).count();
        long off = o.length - on;
        assertTrue(Math.abs(on - 20_000) < 600, "on " + on);
        assertTrue(Math.abs(off - 5_000) < 300, "off " + off);
        // With silence between bursts, nothing arrives in an off window.
        long[] silent = ArrivalSchedule.of(new ArrivalPattern.Bursts(3.0, 0, 50, 150), 1000, 1, 4,
                RunBound.jobs(3_000)).toArray();
        assertTrue(Arrays.stream(silent).allMatch(x -> x % 200_000_000L < 50_000_000L));
        assertEquals(3_000, silent.length);
    }

    @Test
    void ramp_increasesTheRate() {
        // 0 -> 2x over 10 s at 1000/s: 10 000 expected, a quarter in the first half.
        long[] o = ArrivalSchedule.of(new ArrivalPattern.Ramp(0, 2, 10_000), 1000, 1, 6,
                RunBound.duration(Duration.ofSeconds(10))).toArray();
        assertTrue(Math.abs(o.length - 10_000) < 300, "total " + o.length);
        long[] perSecond = new long[10];
        for (long x : o) {
            perSecond[(int) (x / SECOND)]++;
        }
        for (int s = 0; s < 10; s++) {
            double expected = 200.0 * s + 100; // integral of 200 t over [s, s+1]
            assertTrue(Math.abs(perSecond[s] - expected) < 5 * Math.sqrt(expected) + 5,
                    "second " + s + ": " + perSecond[s] + ", expected " + expected);
        }
        long firstHalf = Arrays.stream(o).filter(x -> x < 5 * SECOND).count();
        assertTrue(Math.abs(firstHalf - 2_500) < 200, "first half " + firstHalf);
    }

    @Test
    void rampDownToZero_endsByItself() {
        // 1x -> 0 over 1 s at 1000/s: about 500 arrivals, then none ever again.
        long[] o = ArrivalSchedule.of(new ArrivalPattern.Ramp(1, 0, 1_000), 1000, 1, 2, RunBound.jobs(1_000_000))
                .toArray();
        assertTrue(Math.abs(o.length - 500) < 90, "arrivals " + o.length);
        assertTrue(o[o.length - 1] < SECOND);
    }

    @Test
    void spike_raisesTheRateForItsWindowOnly() {
        long[] o = ArrivalSchedule.of(new ArrivalPattern.Spike(0.5, 4, 2_000, 1_000), 1000, 1, 5,
                RunBound.duration(Duration.ofSeconds(5))).toArray();
        long during = Arrays.stream(o).filter(x -> x >= 2 * SECOND && x < 3 * SECOND).count();
        long before = Arrays.stream(o).filter(x -> x < 2 * SECOND).count();
        long after = Arrays.stream(o).filter(x -> x >= 3 * SECOND).count();
        assertTrue(Math.abs(during - 4_000) < 250, "during " + during);
        assertTrue(Math.abs(before - 1_000) < 130, "before " + before);
        assertTrue(Math.abs(after - 1_000) < 130, "after " + after);
        // A spike on a zero base: only the spike, then the schedule ends.
        long[] only = ArrivalSchedule.of(new ArrivalPattern.Spike(0, 1, 0, 1_000), 1000, 1, 5, RunBound.jobs(100_000))
                .toArray();
        assertTrue(Math.abs(only.length - 1_000) < 130 && only[only.length - 1] < SECOND, "spike only " + only.length);
    }

    @Test
    void patterns_refuseBadValues_namingTheField() {
        assertMessage("load: must be > 0", () -> new ArrivalPattern.Poisson(-1));
        assertMessage("load: must be > 0", () -> new ArrivalPattern.Poisson(Double.NaN));
        assertMessage("on_ms: must be >= 1, was 0", () -> new ArrivalPattern.Bursts(1, 0, 0, 10));
        assertMessage("off_load: must be within 0..1000", () -> new ArrivalPattern.Bursts(1, -1, 10, 10));
        assertMessage("to_load: from_load and to_load are both 0", () -> new ArrivalPattern.Ramp(0, 0, 10));
        assertMessage("spike_at_ms: must be >= 0", () -> new ArrivalPattern.Spike(1, 2, -5, 10));
    }

    @Test
    void loadAt_describesThePattern() {
        assertEquals(2.0, new ArrivalPattern.Bursts(2, 0.5, 100, 100).loadAt(50_000_000L));
        assertEquals(0.5, new ArrivalPattern.Bursts(2, 0.5, 100, 100).loadAt(150_000_000L));
        assertEquals(1.0, new ArrivalPattern.Ramp(0, 2, 1_000).loadAt(500_000_000L), 1e-12);
        assertEquals(2.0, new ArrivalPattern.Ramp(0, 2, 1_000).loadAt(5 * SECOND));
        assertEquals(4.0, new ArrivalPattern.Spike(0.5, 4, 1_000, 10).loadAt(1_005_000_000L));
        assertTrue(Double.isNaN(new ArrivalPattern.AllAtOnce().loadAt(0)));
    }

    private static void assertMessage(String start, Runnable r) {
        ScenarioException e = assertThrows(ScenarioException.class, r::run);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    private static void assertSorted(long[] a) {
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] >= a[i - 1], "offsets decrease at " + i);
        }
    }
}
