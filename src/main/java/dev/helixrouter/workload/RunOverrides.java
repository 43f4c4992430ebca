package dev.helixrouter.workload;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a run changes about its scenario without editing it: the command line's {@code --seed},
 * {@code --jobs} and {@code --duration}, or the lab's fields. Each present value replaces the
 * scenario's own; an absent one keeps it. Replacing the job count keeps the scenario's duration
 * bound and vice versa, so arrivals stop at whichever of the two comes first.
 *
 * @param seed     replaces the scenario's seed
 * @param jobs     replaces the scenario's job bound, {@code >= 1}
 * @param duration replaces the scenario's duration bound, {@code > 0}
 */
public record RunOverrides(OptionalLong seed, OptionalLong jobs, Optional<Duration> duration) {

    /** Change nothing. */
    public static final RunOverrides NONE = new RunOverrides(OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

    /** Checks for nulls (values are checked where they are applied, by {@link RunBound}). */
    public RunOverrides {
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(duration, "duration");
    }

    /** These overrides, also replacing the seed. */
    public RunOverrides withSeed(long s) {
        return new RunOverrides(OptionalLong.of(s), jobs, duration);
    }

    /** These overrides, also replacing the job bound. */
    public RunOverrides withJobs(long n) {
        return new RunOverrides(seed, OptionalLong.of(n), duration);
    }

    /** These overrides, also replacing the duration bound. */
    public RunOverrides withDuration(Duration d) {
        return new RunOverrides(seed, jobs, Optional.of(d));
    }

    /**
     * {@code scenario} with these overrides applied.
     *
     * @throws ScenarioException if an override is out of range
     */
    public Scenario applyTo(Scenario scenario) {
        RunBound bound = scenario.bound();
        if (jobs.isPresent()) {
            bound = bound.withMaxJobs(jobs.getAsLong());
        }
        if (duration.isPresent()) {
            bound = bound.withMaxDuration(duration.get());
        }
        Scenario s = bound.equals(scenario.bound()) ? scenario : scenario.withBound(bound);
        return seed.isPresent() ? s.withSeed(seed.getAsLong()) : s;
    }
}
