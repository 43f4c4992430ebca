package dev.helixrouter.workload;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded source of jobs drawn from a {@link WorkloadSpec}: the same spec and seed always give
 * the same jobs, on any JVM. Without a spec it draws the original HelixRouter's mixed workload
 * ({@link WorkloadSpec#ORIGINAL}).
 *
 * <p>Each job is drawn as follows (every range inclusive; the numbers are those of the original):
 * <ul>
 * <li>kind: {@code PrimeCount} with probability {@code prime_count_share} (55 %); otherwise
 *     {@code HashMix} with probability {@code hash_mix_share_of_rest} (75 %); otherwise
 *     {@code MonteCarloRisk} — overall 55 % / 33.75 % / 11.25 %;</li>
 * <li>{@code min_inputs}–{@code max_inputs} inputs (2–6), each uniform in
 *     {@code min_input_value}–{@code max_input_value} (0–200 000);</li>
 * <li>cost: with probability {@code heavy_share} (15 %) a heavy job, uniform in the heavy range
 *     (80 000–300 000) whatever its kind; otherwise by kind: {@code HashMix} 500–120 000,
 *     {@code PrimeCount} 2 000–80 000, {@code MonteCarloRisk} 20 000–250 000;</li>
 * <li>scaling potential uniform in [{@code min_scaling_potential}, {@code max_scaling_potential})
 *     ([0, 1));</li>
 * <li>latency budget uniform in {@code min_latency_budget_ms}–{@code max_latency_budget_ms}
 *     (5–80 ms);</li>
 * <li>blocking with probability {@code blocking_share} (0 %), then waiting a time uniform in
 *     {@code min_blocking_wait_ms}–{@code max_blocking_wait_ms}, to the nanosecond (see
 *     {@link GeneratedJob});</li>
 * <li>starting at submission ({@link Job#AT_SUBMIT}).</li>
 * </ul>
 * Ids count up by one from the start id (1 unless given).
 *
 * <p>Draws come from {@link SplittableRandom}, whose algorithm is specified and so stable
 * across JDK versions, always in the order listed above; changing that order changes every
 * recorded workload. The blocking draws come from a second stream derived from the seed, and
 * only when {@code blocking_share > 0}: so {@link WorkloadSpec#ORIGINAL} gives exactly the jobs
 * the original generator gave, and turning blocking on (or changing its share) leaves every
 * other property of every job unchanged — the same jobs, some of them now blocking, which is
 * what an A/B comparison wants. Both blocking draws are taken for every job, so raising the
 * share only ever adds blocking jobs.
 *
 * <p>A generator is not thread-safe: give each thread its own, or split seeds.
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

    private final WorkloadSpec spec;
    private final SplittableRandom random;
    private final SplittableRandom blockingRandom;
    private long nextId;

    /** A generator of the original workload whose first job has id 1. */
    public JobGenerator(long seed) {
        this(WorkloadSpec.ORIGINAL, seed, 1);
    }

    /** A generator of the original workload whose first job has id {@code firstId}. */
    public JobGenerator(long seed, long firstId) {
        this(WorkloadSpec.ORIGINAL, seed, firstId);
    }

    /** A generator of {@code spec}'s workload whose first job has id 1. */
    public JobGenerator(WorkloadSpec spec, long seed) {
        this(spec, seed, 1);
    }

    /** A generator of {@code spec}'s workload whose first job has id {@code firstId}. */
    public JobGenerator(WorkloadSpec spec, long seed, long firstId) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.random = new SplittableRandom(seed);
        this.blockingRandom = new SplittableRandom(Seeds.derive(seed, Seeds.BLOCKING));
        this.nextId = firstId;
    }

    /** The workload this generator draws from. */
    public WorkloadSpec spec() {
        return spec;
    }

    /** The next job (its blocking wait, if any, is dropped: see {@link #nextGenerated()}). */
    public Job next() {
        return nextGenerated().job();
    }

    /** The next job with its blocking wait. */
    public GeneratedJob nextGenerated() {
        WorkloadSpec s = spec;
        JobKind kind;
        long minCost;
        long maxCost;
        if (random.nextDouble() < s.primeCountShare()) {
            kind = JobKind.PRIME_COUNT;
            minCost = s.primeCountMinCost();
            maxCost = s.primeCountMaxCost();
        } else if (random.nextDouble() < s.hashMixShareOfRest()) {
            kind = JobKind.HASH_MIX;
            minCost = s.hashMixMinCost();
            maxCost = s.hashMixMaxCost();
        } else {
            kind = JobKind.MONTE_CARLO_RISK;
            minCost = s.monteCarloRiskMinCost();
            maxCost = s.monteCarloRiskMaxCost();
        }
        long[] inputs = new long[random.nextInt((int) s.minInputs(), (int) s.maxInputs() + 1)];
        for (int i = 0; i < inputs.length; i++) {
            // The original drew nextLong(bound); keep that exact call for a zero origin.
            inputs[i] = s.minInputValue() == 0 ? random.nextLong(s.maxInputValue() + 1)
                    : random.nextLong(s.minInputValue(), s.maxInputValue() + 1);
        }
        if (random.nextDouble() < s.heavyShare()) {
            minCost = s.heavyMinCost();
            maxCost = s.heavyMaxCost();
        }
        long cost = random.nextLong(minCost, maxCost + 1);
        double u = random.nextDouble();
        // min + (max - min) * u with min = 0, max = 1 is u exactly, as the original drew it.
        double scaling = Math.min(s.maxScalingPotential(),
                s.minScalingPotential() + (s.maxScalingPotential() - s.minScalingPotential()) * u);
        long budgetMs = random.nextLong(s.minLatencyBudgetMs(), s.maxLatencyBudgetMs() + 1);
        boolean blocking = false;
        long waitNanos = 0;
        if (s.blockingShare() > 0) {
            double coin = blockingRandom.nextDouble();
            long wait = blockingRandom.nextLong(s.minBlockingWaitMs() * 1_000_000L,
                    s.maxBlockingWaitMs() * 1_000_000L + 1);
            if (coin < s.blockingShare()) {
                blocking = true;
                waitNanos = wait;
            }
        }
        Job job = new Job(nextId++, kind, inputs, cost, scaling, budgetMs, blocking, Job.AT_SUBMIT);
        return new GeneratedJob(job, waitNanos);
    }

    /**
     * The next {@code n} jobs, in order.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public List<Job> take(int n) {
        return takeGenerated(n).stream().map(GeneratedJob::job).toList();
    }

    /**
     * The next {@code n} jobs with their blocking waits, in order.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public List<GeneratedJob> takeGenerated(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        List<GeneratedJob> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            jobs.add(nextGenerated());
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
