package dev.helixrouter.engine.kernel;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Output;
import java.util.Objects;

/**
 * The built-in kernels: real, deterministic CPU work whose running time grows with a job's
 * {@code compute_cost}, used by the simulator, the calibration and the benchmarks.
 *
 * <p>Every kernel is a pure function of its arguments: equal inputs and cost give the same
 * result on any JVM and any platform, bit for bit. Inputs are {@code long}s read as unsigned
 * 64-bit values; integer arithmetic wraps modulo 2<sup>64</sup>, which is exactly unsigned
 * arithmetic for addition, multiplication, shifts and xor. The kernels are thread-safe, allocate
 * little (at most a few kilobytes of scratch per call) and never block.
 *
 * <table class="striped">
 * <caption>Kernels and how their work scales</caption>
 * <tr><th>kind</th><th>method</th><th>work</th><th>output</th></tr>
 * <tr><td>{@code HashMix}</td><td>{@link #hashMix(long[], long)}</td>
 *     <td>{@code max(cost / 64, 1)} mixing rounds, unbounded</td><td>{@link Output.U64}</td></tr>
 * <tr><td>{@code PrimeCount}</td><td>{@link #primeCount(long)}</td>
 *     <td>a sieve up to {@code clamp(cost, 10 000, 250 000)}</td><td>{@link Output.U64}</td></tr>
 * <tr><td>{@code MonteCarloRisk}</td><td>{@link #monteCarloRisk(long[], long)}</td>
 *     <td>{@code clamp(cost / 200, 5 000, 50 000)} simulated returns</td><td>{@link Output.F64}</td></tr>
 * </table>
 *
 * <p>A negative cost is refused with an {@link IllegalArgumentException}, as {@link Job} refuses it.
 */
public final class Kernels {

    /** FNV-1a 64-bit offset basis. */
    static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    /** FNV-1a 64-bit prime. */
    static final long FNV_PRIME = 0x100000001b3L;
    /** 2<sup>64</sup> / φ, odd: the multiplier of the hash rounds (Fibonacci hashing). */
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** Cost units per hash round. */
    public static final long HASH_COST_PER_ROUND = 64;

    /** Smallest sieve limit of {@link #primeCount(long)}. */
    public static final long PRIME_MIN_LIMIT = 10_000;
    /** Largest sieve limit of {@link #primeCount(long)}. */
    public static final long PRIME_MAX_LIMIT = 250_000;

    /** Cost units per simulated return of {@link #monteCarloRisk(long[], long)}. */
    public static final long RISK_COST_PER_SAMPLE = 200;
    /** Fewest simulated returns of {@link #monteCarloRisk(long[], long)}. */
    public static final int RISK_MIN_SAMPLES = 5_000;
    /** Most simulated returns of {@link #monteCarloRisk(long[], long)}. */
    public static final int RISK_MAX_SAMPLES = 50_000;
    /** Mean of one simulated return. */
    public static final double RISK_MEAN = 0.0005;
    /** Standard deviation (volatility) of one simulated return. */
    public static final double RISK_VOLATILITY = 0.02;
    /** Uniforms summed per normal variate (Irwin–Hall); 12 makes the variance exactly 1. */
    static final int UNIFORMS_PER_NORMAL = 12;
    /** xorshift64* output multiplier (Vigna 2016). */
    static final long XORSHIFT_STAR_MULTIPLIER = 0x2545F4914F6CDD1DL;
    /** Replaces a zero seed: xorshift never leaves the all-zero state. */
    static final long NONZERO_SEED = GOLDEN_GAMMA;

    private Kernels() {
    }

    /** Whether {@code kind} is one of the three built-in kinds that {@link #run(Job)} computes. */
    public static boolean isBuiltin(JobKind kind) {
        Objects.requireNonNull(kind, "kind");
        return kind == JobKind.HASH_MIX || kind == JobKind.PRIME_COUNT || kind == JobKind.MONTE_CARLO_RISK;
    }

    /**
     * Runs the built-in kernel of the job's kind on its inputs and cost.
     *
     * @return {@code U64} for {@code HashMix} and {@code PrimeCount}, {@code F64} for
     *         {@code MonteCarloRisk}
     * @throws IllegalArgumentException if the job's kind is not built in (the message names it)
     */
    public static Output run(Job job) {
        Objects.requireNonNull(job, "job");
        JobKind kind = job.kind();
        if (kind == JobKind.HASH_MIX) {
            return new Output.U64(hashMix(job));
        } else if (kind == JobKind.PRIME_COUNT) {
            return new Output.U64(primeCount(job.computeCost()));
        } else if (kind == JobKind.MONTE_CARLO_RISK) {
            return new Output.F64(riskFromSeed(seedFrom(fnv1a(job)), riskSamples(job.computeCost())));
        }
        throw new IllegalArgumentException("kind: '" + kind + "' has no built-in kernel; built-in kinds are "
                + JobKind.HASH_MIX + ", " + JobKind.PRIME_COUNT + " and " + JobKind.MONTE_CARLO_RISK);
    }

    // ---------------------------------------------------------------------------------------------
    // HashMix

    /**
     * FNV-1a mixing of the inputs, then {@code max(cost / 64, 1)} rounds of rotate-xor-multiply.
     *
     * <p>Exactly:
     * <ol>
     * <li>{@code h = 0xcbf29ce484222325} (the FNV-1a 64-bit offset basis);</li>
     * <li>for each input in order, for each of its 8 bytes from the least significant to the most
     *     significant (little-endian): {@code h ^= byte; h *= 0x100000001b3} — plain FNV-1a over
     *     the inputs' little-endian bytes;</li>
     * <li>for each round {@code r = 0, 1, …, max(cost / 64, 1) - 1}:
     *     {@code h = rotateLeft(h, 27) ^ r; h ^= h >>> 31; h *= 0x9E3779B97F4A7C15};</li>
     * <li>the result is {@code h}, an unsigned 64-bit value.</li>
     * </ol>
     * Each step of a round is a bijection on 64-bit values, so the rounds never merge two distinct
     * FNV states; xoring in the round number keeps zero from being a fixed point. With no inputs
     * the result depends on the cost alone.
     *
     * @param inputs the inputs, unsigned 64-bit (read, not kept)
     * @param cost   the cost proxy, {@code >= 0}; the running time is linear in it, without bound
     */
    public static long hashMix(long[] inputs, long cost) {
        return hashRounds(fnv1a(inputs), hashRounds(cost));
    }

    /** {@link #hashMix(long[], long)} on the job's inputs and compute cost, without copying them. */
    public static long hashMix(Job job) {
        return hashRounds(fnv1a(job), hashRounds(job.computeCost()));
    }

    /** FNV-1a over the little-endian bytes of {@code inputs}. */
    static long fnv1a(long[] inputs) {
        long h = FNV_OFFSET_BASIS;
        for (long x : inputs) {
            h = fnv1aStep(h, x);
        }
        return h;
    }

    private static long fnv1a(Job job) {
        long h = FNV_OFFSET_BASIS;
        for (int i = 0, n = job.inputCount(); i < n; i++) {
            h = fnv1aStep(h, job.input(i));
        }
        return h;
    }

    private static long fnv1aStep(long h, long x) {
        for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
            h ^= (x >>> shift) & 0xFF;
            h *= FNV_PRIME;
        }
        return h;
    }

    private static long hashRounds(long cost) {
        requireCost(cost);
        return Math.max(cost / HASH_COST_PER_ROUND, 1);
    }

    private static long hashRounds(long h, long rounds) {
        for (long r = 0; r < rounds; r++) {
            h = Long.rotateLeft(h, 27) ^ r;
            h ^= h >>> 31;
            h *= GOLDEN_GAMMA;
        }
        return h;
    }

    // ---------------------------------------------------------------------------------------------
    // PrimeCount

    /**
     * The number of primes {@code <= clamp(cost, 10 000, 250 000)}, counted by a sieve of
     * Eratosthenes: 1 229 for a cost of 10 000 or less, 9 592 for 100 000, 22 044 for 250 000 or
     * more.
     *
     * <p>The sieve holds odd numbers only, one bit each (at most about 16 KB of scratch).
     *
     * @param cost the cost proxy, {@code >= 0}
     */
    public static long primeCount(long cost) {
        requireCost(cost);
        int limit = (int) Math.clamp(cost, PRIME_MIN_LIMIT, PRIME_MAX_LIMIT);
        // Bit i stands for the odd number 2i + 1 and is set once it is known to be composite.
        // Index 0 (the number 1) is marked at once: it is not prime.
        int odds = (limit + 1) / 2;
        long[] composite = new long[(odds + 63) >>> 6];
        composite[0] = 1L;
        for (int p = 3; (long) p * p <= limit; p += 2) {
            if ((composite[p >>> 7] & (1L << (p >>> 1))) != 0) {
                continue;
            }
            // Smaller multiples of p were struck by smaller primes; odd multiples are p apart in index.
            for (int i = (p * p) >>> 1; i < odds; i += p) {
                composite[i >>> 6] |= 1L << i;
            }
        }
        long count = 1; // the prime 2, which the odd-only sieve does not hold
        int fullWords = odds >>> 6;
        for (int w = 0; w < fullWords; w++) {
            count += Long.SIZE - Long.bitCount(composite[w]);
        }
        int tail = odds & 63;
        if (tail != 0) {
            long valid = (1L << tail) - 1;
            count += tail - Long.bitCount(composite[fullWords] & valid);
        }
        return count;
    }

    // ---------------------------------------------------------------------------------------------
    // MonteCarloRisk

    /**
     * Monte Carlo value at risk: the 5 % quantile of {@code clamp(cost / 200, 5 000, 50 000)}
     * simulated one-period returns, a negative number for a loss (about {@code -0.032}).
     *
     * <p>Exactly:
     * <ol>
     * <li>the seed is the FNV-1a value of the inputs (step 2 of {@link #hashMix(long[], long)})
     *     passed through the SplitMix64 finalizer; a zero seed is replaced by
     *     {@code 0x9E3779B97F4A7C15}, since xorshift stays at zero forever;</li>
     * <li>a xorshift64* generator (shifts 12, 25, 27; multiplier {@code 0x2545F4914F6CDD1D})
     *     gives uniforms in [0, 1) from the top 53 bits of each output;</li>
     * <li>each return is {@code 0.0005 + 0.02 * (u1 + … + u12 - 6)}: the sum of twelve uniforms
     *     minus six has mean 0 and variance exactly 1, a close approximation of a standard normal
     *     (Irwin–Hall) truncated at ±6. It uses only additions and multiplications, which Java
     *     rounds identically everywhere; Box–Muller would need {@code log} and {@code cos}, whose
     *     {@code Math} versions may differ in the last bit between platforms;</li>
     * <li>the result is the k-th smallest return with {@code k = ceil(0.05 n)} (the lower
     *     empirical 5 % quantile: the smallest return that at least 5 % of the returns do not
     *     exceed). It is found by keeping the k smallest returns in a bounded heap, not by sorting
     *     all n.</li>
     * </ol>
     * Equal inputs give the same result; the cost only sets how many returns are drawn.
     *
     * @param inputs the inputs, unsigned 64-bit (read, not kept); they seed the simulation
     * @param cost   the cost proxy, {@code >= 0}
     */
    public static double monteCarloRisk(long[] inputs, long cost) {
        return riskFromSeed(seedFrom(fnv1a(inputs)), riskSamples(cost));
    }

    private static int riskSamples(long cost) {
        requireCost(cost);
        return Math.clamp(cost / RISK_COST_PER_SAMPLE, RISK_MIN_SAMPLES, RISK_MAX_SAMPLES);
    }

    /** SplitMix64's finalizer (a bijection), then never zero. */
    static long seedFrom(long h) {
        long z = h;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z == 0 ? NONZERO_SEED : z;
    }

    /** Rank (1-based) of the 5 % lower quantile among {@code n} values: {@code ceil(n / 20)}. */
    static int quantileRank(int n) {
        return (n + 19) / 20;
    }

    private static double riskFromSeed(long seed, int n) {
        LowestK lowest = new LowestK(quantileRank(n));
        long s = seed;
        for (int i = 0; i < n; i++) {
            double sum = 0.0;
            for (int j = 0; j < UNIFORMS_PER_NORMAL; j++) {
                s ^= s >>> 12;
                s ^= s << 25;
                s ^= s >>> 27;
                sum += ((s * XORSHIFT_STAR_MULTIPLIER) >>> 11) * 0x1.0p-53;
            }
            lowest.offer(RISK_MEAN + RISK_VOLATILITY * (sum - UNIFORMS_PER_NORMAL / 2.0));
        }
        return lowest.max();
    }

    /**
     * The k smallest values offered so far, in a binary max-heap, so the k-th smallest is at the
     * root. Selecting a low quantile this way needs k slots instead of n, and once the heap is
     * full most values are rejected by one comparison with the root.
     */
    static final class LowestK {
        private final double[] heap;
        private int size;

        LowestK(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, was " + k);
            }
            heap = new double[k];
        }

        void offer(double x) {
            if (size < heap.length) {
                int i = size++;
                while (i > 0) { // sift up
                    int parent = (i - 1) >>> 1;
                    if (heap[parent] >= x) {
                        break;
                    }
                    heap[i] = heap[parent];
                    i = parent;
                }
                heap[i] = x;
            } else if (x < heap[0]) {
                int i = 0;
                while (true) { // sift the new value down from the root
                    int child = 2 * i + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && heap[child + 1] > heap[child]) {
                        child++;
                    }
                    if (heap[child] <= x) {
                        break;
                    }
                    heap[i] = heap[child];
                    i = child;
                }
                heap[i] = x;
            }
        }

        /** The k-th smallest value offered (the largest, while fewer than k were offered). */
        double max() {
            if (size == 0) {
                throw new IllegalStateException("no values offered");
            }
            return heap[0];
        }
    }

    private static void requireCost(long cost) {
        if (cost < 0) {
            throw new IllegalArgumentException("compute_cost must be >= 0, was " + cost);
        }
    }
}
