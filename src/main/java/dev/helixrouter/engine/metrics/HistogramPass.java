package dev.helixrouter.engine.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Everything the interval close reads from one histogram, in a single walk of its recorded
 * values: mean, the reported percentiles and, when asked, the cumulative bucket counts.
 *
 * <p>Each of {@link Histogram#getMean()}, {@link Histogram#getValueAtPercentile(double)} and
 * {@link Histogram#getCountBetweenValues(long, long)} walks the counts array on its own; a
 * summary and its Prometheus buckets took about 25 walks per histogram, and the sampler closes
 * some 30 histograms per interval. This gives the same answers as those methods (the tests
 * compare them on random histograms) from one walk, using the histogram's own iterator and
 * value equivalence.
 */
final class HistogramPass {
    /** The percentiles {@link LatencyStats} reports, ascending. */
    static final double[] PERCENTILES = {50, 95, 99, 99.9};

    final long count;
    final double meanNanos;
    final long minNanos;
    final long maxNanos;
    /** Value at each of {@link #PERCENTILES}. */
    final long[] percentileNanos = new long[PERCENTILES.length];
    /** Samples at or below each bound (by the histogram's equivalence), or null if not asked. */
    final long[] cumulativeAtBounds;

    private HistogramPass(Histogram h, long[] boundsNanos) {
        count = h.getTotalCount();
        cumulativeAtBounds = boundsNanos == null ? null : new long[boundsNanos.length];
        if (count == 0) {
            meanNanos = 0;
            minNanos = 0;
            maxNanos = 0;
            return;
        }
        minNanos = h.getMinValue();
        maxNanos = h.getMaxValue();
        long[] thresholds = new long[PERCENTILES.length];
        for (int i = 0; i < PERCENTILES.length; i++) {
            thresholds[i] = countAtPercentile(PERCENTILES[i], count);
        }
        int nextPercentile = 0;
        int nextBound = 0;
        double total = 0;
        long cumulative = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            long value = v.getValueIteratedTo();
            long n = v.getCountAtValueIteratedTo();
            long lowest = h.lowestEquivalentValue(value);
            if (boundsNanos != null) {
                while (nextBound < boundsNanos.length && boundsNanos[nextBound] < lowest) {
                    cumulativeAtBounds[nextBound++] = cumulative;
                }
            }
            total += h.medianEquivalentValue(value) * (double) n;
            cumulative += n;
            while (nextPercentile < thresholds.length && cumulative >= thresholds[nextPercentile]) {
                percentileNanos[nextPercentile++] = h.highestEquivalentValue(value);
            }
        }
        if (boundsNanos != null) {
            while (nextBound < boundsNanos.length) {
                cumulativeAtBounds[nextBound++] = cumulative;
            }
        }
        meanNanos = total / count;
    }

    /** One walk of {@code h}; with {@code boundsNanos} (ascending) also the cumulative bucket counts. */
    static HistogramPass of(Histogram h, long[] boundsNanos) {
        return new HistogramPass(h, boundsNanos);
    }

    /** The rank HdrHistogram's {@code getValueAtPercentile} looks for. */
    private static long countAtPercentile(double percentile, long total) {
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        return Math.max(1, (long) Math.ceil(requested / 100.0 * total));
    }

    /** As a summary in microseconds. */
    LatencyStats stats(double emaMicros) {
        if (count == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, emaMicros);
        }
        return new LatencyStats(count, meanNanos / 1e3, minNanos / 1e3, percentileNanos[0] / 1e3,
                percentileNanos[1] / 1e3, percentileNanos[2] / 1e3, percentileNanos[3] / 1e3, maxNanos / 1e3,
                emaMicros);
    }
}
