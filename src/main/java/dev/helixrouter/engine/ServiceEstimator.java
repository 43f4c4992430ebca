package dev.helixrouter.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Learns, per kind, how long a unit of declared cost takes to run, so the deadline gate can
 * estimate a job's service time from its {@code compute_cost}.
 *
 * <p>An exponential moving average of nanoseconds per cost unit (cost floored at 1). Updates
 * are racy on purpose: a lost update only delays the average by one sample, and keeping the
 * hot path free of locks matters more.
 */
final class ServiceEstimator {
    private static final double ALPHA = 0.1;
    private final ConcurrentHashMap<JobKind, AtomicLong> nanosPerCost = new ConcurrentHashMap<>();

    void record(Job job, long serviceNanos) {
        if (job.blocking() || serviceNanos <= 0) {
            return; // a blocking job's time is waiting, not CPU: it says nothing about cost
        }
        AtomicLong cell = nanosPerCost.get(job.kind());
        if (cell == null) {
            cell = nanosPerCost.computeIfAbsent(job.kind(), k -> new AtomicLong(Double.doubleToRawLongBits(Double.NaN)));
        }
        double sample = (double) serviceNanos / Math.max(1, job.computeCost());
        double prev = Double.longBitsToDouble(cell.get());
        double next = Double.isNaN(prev) ? sample : prev + ALPHA * (sample - prev);
        cell.set(Double.doubleToRawLongBits(next));
    }

    /** Estimated service time of {@code job}, 0 if its kind has no sample yet. */
    long estimate(Job job) {
        AtomicLong cell = nanosPerCost.get(job.kind());
        if (cell == null) {
            return 0;
        }
        double v = Double.longBitsToDouble(cell.get());
        return Double.isNaN(v) ? 0 : (long) (v * Math.max(1, job.computeCost()));
    }
}
