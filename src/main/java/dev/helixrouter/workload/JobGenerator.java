package dev.helixrouter.workload;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded source of the original HelixRouter's mixed workload of built-in jobs: the same seed
 * always gives the same jobs, on any JVM.
 *
 * <p>Each job is drawn as follows (every range inclusive):
 * <ul>
 * <li>kind: {@code PrimeCount} with probability 55 %; otherwise {@code HashMix} with probability
 *     75 %; otherwise {@code MonteCarloRisk} — overall 55 % / 33.75 % / 11.25 %;</li>
 * <li>2–6 inputs, each uniform in 0–200 000;</li>
 * <li>cost: with probability 15 % a heavy job, uniform in 80 000–300 000 whatever its kind;
 *     otherwise by kind: {@code HashMix} 500–120 000, {@code PrimeCount} 2 000–80 000,
 *     {@code MonteCarloRisk} 20 000–250 000;</li>
 * <li>scaling potential uniform in [0, 1);</li>
 * <li>latency budget uniform in 5–80 ms;</li>
 * <li>not blocking, starting at submission ({@link Job#AT_SUBMIT}).</li>
 * </ul>
 * Ids count up by one from the start id (1 unless given).
 *
 * <p>Draws come from {@link SplittableRandom}, whose algorithm is specified and so stable
 * across JDK versions, always in the order listed above; changing that order changes every
 * recorded workload. A generator is not thread-safe: give each thread its own, or split seeds.
 */
public final class JobGenerator {

    /** Share of {@code PrimeCount} jobs. */
    public static final double PRIME_COUNT_SHARE = 0.55;
    /** Share of {@code HashMix} among the jobs that are not {@code PrimeCount}. */
    public static final double HASH_MIX_SHARE_OF_REST = 0.75;
    /** Share of heavy jobs. */
    public static final double HEAVY_SHARE = 0.15;
    /** Fewest inputs of a job. */
    public static final int MIN_INPUTS = 2;
    /** Most inputs of a job. */
    public static final int MAX_INPUTS = 6;
    /** Largest input value (the smallest is 0). */
    public static final long MAX_INPUT = 200_000;
    /** Smallest cost of a heavy job. */
    public static final long HEAVY_MIN_COST = 80_000;
    /** Largest cost of a heavy job. */
    public static final long HEAVY_MAX_COST = 300_000;
    /** Shortest latency budget, in milliseconds. */
    public static final long MIN_BUDGET_MS = 5;
    /** Longest latency budget, in milliseconds. */
    public static final long MAX_BUDGET_MS = 80;

    private final SplittableRandom random;
    private long nextId;

    /** A generator whose first job has id 1. */
    public JobGenerator(long seed) {
        this(seed, 1);
    }

    /** A generator whose first job has id {@code firstId}. */
    public JobGenerator(long seed, long firstId) {
        this.random = new SplittableRandom(seed);
        this.nextId = firstId;
    }

    /** The next job. */
    public Job next() {
        JobKind kind;
        long minCost;
        long maxCost;
        if (random.nextDouble() < PRIME_COUNT_SHARE) {
            kind = JobKind.PRIME_COUNT;
            minCost = 2_000;
            maxCost = 80_000;
        } else if (random.nextDouble() < HASH_MIX_SHARE_OF_REST) {
            kind = JobKind.HASH_MIX;
            minCost = 500;
            maxCost = 120_000;
        } else {
            kind = JobKind.MONTE_CARLO_RISK;
            minCost = 20_000;
            maxCost = 250_000;
        }
        long[] inputs = new long[random.nextInt(MIN_INPUTS, MAX_INPUTS + 1)];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextLong(MAX_INPUT + 1);
        }
        if (random.nextDouble() < HEAVY_SHARE) {
            minCost = HEAVY_MIN_COST;
            maxCost = HEAVY_MAX_COST;
        }
        long cost = random.nextLong(minCost, maxCost + 1);
        double scaling = random.nextDouble();
        long budgetMs = random.nextLong(MIN_BUDGET_MS, MAX_BUDGET_MS + 1);
        return new Job(nextId++, kind, inputs, cost, scaling, budgetMs, false, Job.AT_SUBMIT);
    }

    /**
     * The next {@code n} jobs, in order.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public List<Job> take(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        List<Job> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            jobs.add(next());
        }
        return List.copyOf(jobs);
    }

    /**
     * The original warm-up workload: the first {@code n} jobs of a generator seeded with
     * {@code seed}, ids 1 to {@code n}, meant to be submitted all at once.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static List<Job> warmup(long seed, int n) {
        return new JobGenerator(seed).take(n);
    }
}
