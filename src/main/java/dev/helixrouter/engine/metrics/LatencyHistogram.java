package dev.helixrouter.engine.metrics;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution as fixed buckets, in seconds: what a monitoring system needs to add up
 * histograms across a fleet (percentiles cannot be averaged; bucket counts can).
 *
 * @param upperBoundsSeconds the buckets' upper bounds, increasing, the last one +Inf
 * @param counts             samples in each bucket (not cumulative), one per bound
 * @param count              all samples
 * @param sumSeconds         sum of the samples (from the histogram: within its 3 significant digits)
 */
public record LatencyHistogram(double[] upperBoundsSeconds, long[] counts, long count, double sumSeconds) {

    /** Bucket bounds from 10 µs to 10 s, in nanoseconds (a 1-2.5-5 series). */
    public static final long[] DEFAULT_BOUNDS_NANOS = {
        10_000L, 25_000L, 50_000L, 100_000L, 250_000L, 500_000L,
        1_000_000L, 2_500_000L, 5_000_000L, 10_000_000L, 25_000_000L, 50_000_000L,
        100_000_000L, 250_000_000L, 500_000_000L, 1_000_000_000L, 2_500_000_000L, 5_000_000_000L, 10_000_000_000L};

    /** Copies the arrays. */
    public LatencyHistogram {
        upperBoundsSeconds = upperBoundsSeconds.clone();
        counts = counts.clone();
        if (upperBoundsSeconds.length != counts.length) {
            throw new IllegalArgumentException("one count per bucket bound");
        }
    }

    @Override
    public double[] upperBoundsSeconds() {
        return upperBoundsSeconds.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** The buckets of a histogram of nanoseconds, with {@link #DEFAULT_BOUNDS_NANOS} and +Inf. */
    public static LatencyHistogram ofNanos(Histogram h) {
        return of(HistogramPass.of(h, DEFAULT_BOUNDS_NANOS));
    }

    /** The buckets from a pass made with {@link #DEFAULT_BOUNDS_NANOS}. */
    static LatencyHistogram of(HistogramPass pass) {
        long[] bounds = DEFAULT_BOUNDS_NANOS;
        double[] upper = new double[bounds.length + 1];
        long[] counts = new long[bounds.length + 1];
        long below = 0;
        for (int i = 0; i < bounds.length; i++) {
            upper[i] = bounds[i] / 1e9;
            counts[i] = pass.cumulativeAtBounds[i] - below;
            below = pass.cumulativeAtBounds[i];
        }
        upper[bounds.length] = Double.POSITIVE_INFINITY;
        counts[bounds.length] = pass.count - below;
        return new LatencyHistogram(upper, counts, pass.count, pass.meanNanos * pass.count / 1e9);
    }
}
