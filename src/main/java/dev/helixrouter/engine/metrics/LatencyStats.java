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

    /** Summarises a histogram of nanoseconds. */
    public static LatencyStats ofNanos(Histogram h, double emaMicros) {
        long n = h.getTotalCount();
        if (n == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, emaMicros);
        }
        return new LatencyStats(n, h.getMean() / 1e3, h.getMinValue() / 1e3,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(95) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
                h.getMaxValue() / 1e3, emaMicros);
    }
}
