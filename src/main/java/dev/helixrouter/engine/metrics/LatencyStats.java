package dev.helixrouter.engine.metrics;

import org.HdrHistogram.Histogram;

/**
 * Summary of a latency distribution, in microseconds (fractional: inline and spawned work
 * lives below a millisecond, often below a microsecond).
 *
 * @param count number of samples
 * @param meanMicros mean
 * @param minMicros smallest
 * @param p50Micros median
 * @param p95Micros 95th percentile
 * @param p99Micros 99th percentile
 * @param p999Micros 99.9th percentile
 * @param maxMicros largest
 * @param emaMicros exponential moving average of interval means ({@code ema_alpha}); NaN before the first sample
 */
public record LatencyStats(long count, double meanMicros, double minMicros, double p50Micros, double p95Micros,
                           double p99Micros, double p999Micros, double maxMicros, double emaMicros) {

    /** No samples. */
    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, Double.NaN);

    /** Summarises a histogram of nanoseconds (one walk of its counts). */
    public static LatencyStats ofNanos(Histogram h, double emaMicros) {
        return HistogramPass.of(h, null).stats(emaMicros);
    }
}
