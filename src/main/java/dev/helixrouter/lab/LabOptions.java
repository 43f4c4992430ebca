package dev.helixrouter.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the lab window runs: the original HelixRouter's warm-up of {@code jobs} jobs drawn from
 * {@code seed}, and optionally a time after which the window closes itself (screenshots, smoke
 * tests).
 *
 * @param jobs      jobs in the warm-up, 1 to {@value #MAX_JOBS}
 * @param seed      seed of the job generator (the same seed gives the same jobs)
 * @param exitAfter close the window this long after it opened; empty to stay open
 */
public record LabOptions(int jobs, long seed, Optional<Duration> exitAfter) {

    /** Jobs in the warm-up unless told otherwise (the original's {@code HELIX_SIM_JOBS} default). */
    public static final int DEFAULT_JOBS = 200;
    /** Seed unless told otherwise (the original's {@code HELIX_SIM_SEED} default). */
    public static final long DEFAULT_SEED = 7;
    /** Largest warm-up: every job and its handle are held in memory until the run ends. */
    public static final int MAX_JOBS = 1_000_000;

    /** Validates every field. */
    public LabOptions {
        Objects.requireNonNull(exitAfter, "exitAfter");
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw new IllegalArgumentException("jobs must be within 1.." + MAX_JOBS + ", was " + jobs);
        }
        if (exitAfter.isPresent() && (exitAfter.get().isNegative() || exitAfter.get().isZero())) {
            throw new IllegalArgumentException("exitAfter must be > 0, was " + exitAfter.get());
        }
    }

    /** The defaults: 200 jobs, seed 7, no automatic exit. */
    public static LabOptions defaults() {
        return new LabOptions(DEFAULT_JOBS, DEFAULT_SEED, Optional.empty());
    }

    /** As JavaFX named parameters ({@code --jobs=200 --seed=7 [--exit-after=PT8S]}). */
    List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--jobs=" + jobs, "--seed=" + seed));
        exitAfter.ifPresent(d -> args.add("--exit-after=" + d));
        return args;
    }

    /** Reads what {@link #toArgs()} wrote; missing keys take their defaults. */
    static LabOptions fromNamed(Map<String, String> named) {
        int jobs = named.containsKey("jobs") ? Integer.parseInt(named.get("jobs")) : DEFAULT_JOBS;
        long seed = named.containsKey("seed") ? Long.parseLong(named.get("seed")) : DEFAULT_SEED;
        Optional<Duration> exit = Optional.ofNullable(named.get("exit-after")).map(Duration::parse);
        return new LabOptions(jobs, seed, exit);
    }
}
