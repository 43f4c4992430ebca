package dev.helixrouter.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The one-walk summary gives exactly what HdrHistogram's own per-figure methods give. */
class HistogramPassTest {

    @Test
    void matchesTheLibraryOnRandomHistograms() {
        Random random = new Random(20261122L);
        long[] bounds = LatencyHistogram.DEFAULT_BOUNDS_NANOS;
        for (int trial = 0; trial < 300; trial++) {
            Histogram h = new Histogram(trial % 2 == 0 ? 2 : 3);
            int samples = trial % 50 == 0 ? 1 : 1 + random.nextInt(5_000);
            long scale = (long) Math.pow(10, 3 + random.nextInt(8));
            for (int i = 0; i < samples; i++) {
                long v = random.nextInt(4) == 0 ? bounds[random.nextInt(bounds.length)]
                        : (long) (random.nextDouble() * random.nextDouble() * scale);
                h.recordValue(v);
            }
            HistogramPass pass = HistogramPass.of(h, bounds);
            assertEquals(h.getTotalCount(), pass.count);
            assertEquals(h.getMean(), pass.meanNanos, Math.abs(h.getMean()) * 1e-12, "mean, trial " + trial);
            for (int p = 0; p < HistogramPass.PERCENTILES.length; p++) {
                assertEquals(h.getValueAtPercentile(HistogramPass.PERCENTILES[p]), pass.percentileNanos[p],
                        "p" + HistogramPass.PERCENTILES[p] + ", trial " + trial);
            }
            for (int b = 0; b < bounds.length; b++) {
                assertEquals(h.getCountBetweenValues(0, bounds[b]), pass.cumulativeAtBounds[b],
                        "count at or below " + bounds[b] + ", trial " + trial);
            }
        }
    }

    @Test
    void anEmptyHistogramSummarisesToZeros() {
        HistogramPass pass = HistogramPass.of(new Histogram(2), LatencyHistogram.DEFAULT_BOUNDS_NANOS);
        assertEquals(0, pass.count);
        assertEquals(0, pass.stats(Double.NaN).p99Micros());
        assertEquals(0, pass.cumulativeAtBounds[pass.cumulativeAtBounds.length - 1]);
    }
}
