package dev.helixrouter.workload;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The first line of a trace: where its jobs came from.
 *
 * @param scenario       the scenario's name (or any label, for a trace recorded elsewhere)
 * @param seed           the seed the jobs and arrivals were drawn with
 * @param jobs           how many job lines follow, when known before writing; a reader checks it,
 *                       so a truncated file is caught
 * @param lambdaStar     the calibrated capacity the offsets were planned for, jobs/s, if known
 * @param loadMultiplier the load multiplier the offsets were planned with, if known
 */
public record TraceHeader(String scenario, long seed, OptionalLong jobs, OptionalDouble lambdaStar,
                          OptionalDouble loadMultiplier) {

    /** Checks for nulls, a non-negative job count and positive finite rates. */
    public TraceHeader {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(lambdaStar, "lambdaStar");
        Objects.requireNonNull(loadMultiplier, "loadMultiplier");
        if (jobs.isPresent() && jobs.getAsLong() < 0) {
            throw new IllegalArgumentException("jobs must be >= 0, was " + jobs.getAsLong());
        }
        if (lambdaStar.isPresent() && !(lambdaStar.getAsDouble() > 0 && Double.isFinite(lambdaStar.getAsDouble()))) {
            throw new IllegalArgumentException("lambda_star must be finite and > 0, was " + lambdaStar.getAsDouble());
        }
        if (loadMultiplier.isPresent()
                && !(loadMultiplier.getAsDouble() > 0 && Double.isFinite(loadMultiplier.getAsDouble()))) {
            throw new IllegalArgumentException("load must be finite and > 0, was " + loadMultiplier.getAsDouble());
        }
    }

    /** A header with only a label and a seed. */
    public static TraceHeader of(String scenario, long seed) {
        return new TraceHeader(scenario, seed, OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** This header announcing {@code n} jobs. */
    public TraceHeader withJobs(long n) {
        return new TraceHeader(scenario, seed, OptionalLong.of(n), lambdaStar, loadMultiplier);
    }
}
