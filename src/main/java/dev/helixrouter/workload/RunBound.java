package dev.helixrouter.workload;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When a run's arrivals stop: after {@code maxJobs} jobs, after {@code maxDuration}, or at
 * whichever comes first when both are given. Arrivals are planned only at offsets strictly
 * below the duration.
 *
 * <p>A run with neither bound never ends; {@link ArrivalSchedule} refuses it, except that an
 * {@link ArrivalPattern.AllAtOnce} run needs a job count whatever its duration.
 *
 * @param maxJobs     most jobs, {@code >= 1}, if bounded by count
 * @param maxDuration longest span of arrival offsets, {@code > 0}, if bounded by time
 */
public record RunBound(OptionalLong maxJobs, Optional<Duration> maxDuration) {

    /** No bound at all. */
    public static final RunBound NONE = new RunBound(OptionalLong.empty(), Optional.empty());

    /** Validates both bounds. */
    public RunBound {
        Objects.requireNonNull(maxJobs, "maxJobs");
        Objects.requireNonNull(maxDuration, "maxDuration");
        FieldChecks checks = new FieldChecks();
        if (maxJobs.isPresent() && maxJobs.getAsLong() < 1) {
            checks.add("jobs", "must be >= 1, was " + maxJobs.getAsLong());
        }
        if (maxDuration.isPresent()) {
            Duration d = maxDuration.get();
            if (d.isNegative() || d.isZero()) {
                checks.add("duration_s", "must be > 0, was " + Numbers.show(d.getSeconds() + d.getNano() / 1e9));
            } else if (d.compareTo(Duration.ofMillis(ArrivalPattern.MAX_MS)) > 0) {
                checks.add("duration_s", "must be at most a year (31536000), was " + d.getSeconds());
            }
        }
        checks.throwIfAny();
    }

    /** At most {@code n} jobs. */
    public static RunBound jobs(long n) {
        return new RunBound(OptionalLong.of(n), Optional.empty());
    }

    /** Arrivals within {@code d} of the start. */
    public static RunBound duration(Duration d) {
        return new RunBound(OptionalLong.empty(), Optional.of(d));
    }

    /** At most {@code n} jobs, within {@code d} of the start: whichever comes first. */
    public static RunBound of(long n, Duration d) {
        return new RunBound(OptionalLong.of(n), Optional.of(d));
    }

    /** This bound with the job count replaced. */
    public RunBound withMaxJobs(long n) {
        return new RunBound(OptionalLong.of(n), maxDuration);
    }

    /** This bound with the duration replaced. */
    public RunBound withMaxDuration(Duration d) {
        return new RunBound(maxJobs, Optional.of(d));
    }

    /** Whether neither bound is set. */
    public boolean isUnbounded() {
        return maxJobs.isEmpty() && maxDuration.isEmpty();
    }
}
