package dev.helixrouter.adapt;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.policy.Feedback;
import dev.helixrouter.engine.policy.Gate;
import dev.helixrouter.engine.policy.HeuristicPolicy;
import dev.helixrouter.engine.policy.LearningPolicy;
import dev.helixrouter.engine.policy.LoadView;
import dev.helixrouter.engine.policy.Rule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The learned policy (SPEC §7): a contextual bandit that estimates, per job kind, what each
 * strategy is worth for a job in the current load, and routes to the best one the gate allows.
 *
 * <h2>Model</h2>
 * Per kind, a matrix of {@link #ARMS 4 strategies} × {@link #FEATURES features}; a strategy's
 * value for a job is the dot product of its row with the job's features. The features are all
 * in about [-1, 1.5]: bias, log cost ({@code log10(cost) / 6}), scaling potential, log budget
 * left ({@code log10(ms) / 2}, clamped), blocking, effective pressure, CPU-lane saturation,
 * queue fill, and four tent functions of log cost centred on 1 k, 8 k, 63 k and 500 k, which let
 * a linear model draw cost thresholds (a single log-cost slope cannot put spawn between inline
 * and the lane). The last column, {@code heuristic_choice}, is 1 only in the row of the strategy
 * the heuristic's class rules pick for the job (before any gate), so the model can learn how much
 * following the heuristic is worth and where deviating pays. Per-kind matrices take the place of
 * the kind one-hot features.
 *
 * <h2>Choosing</h2>
 * <ul>
 *   <li>Only strategies the gate admits ({@link Gate#admits}) are candidates. If the best of
 *       them is worth less than shedding the job (value 0, i.e. {@code -baseline} in the
 *       model's frame), the policy names the best strategy the gate refuses instead, and the
 *       gate drops the job with its own reason: the policy never overrides the gate.</li>
 *   <li>With probability ε it explores: a uniformly drawn admitted strategy. Both draws are
 *       hashes of ({@code learned_seed}, job id), so a run is reproducible with any number of
 *       submitting threads. ε = floor + (start − floor) · 2^(−updates / half-life).</li>
 * </ul>
 *
 * <h2>Learning</h2>
 * Each outcome of a job it routed gives a reward that charges the job for the harm it did to
 * others, not only for its own result (SPEC §7), clipped to [−1, 1]:
 * <pre>
 *   +1 if it met its budget
 *   − lateness / budget
 *   − pressure at completion × (CPU time + time it held a caller (inline), a carrier
 *                               (spawned, non-blocking) or a lane worker it did not use
 *                               (blocking, on the lane)) / mean CPU time of a job
 * </pre>
 * A blocking job's CPU time is taken as 0: its service time is its wait (a spawned one parks
 * and frees its carrier). Counting the wait as CPU (done first) made every waiting job under
 * pressure worth −1, and the policy shed them all (the overload shootout showed it).
 * The harm is counted in jobs: CPU (and a held caller or carrier) that one job uses is what an
 * average job would have needed, and pressure says how likely that other job was to be turned
 * away for want of it. Dividing the harm by the job's own budget instead (tried first) makes it
 * a thousandth of the +1 for a met budget — a reward that cannot tell a heavy job from a light
 * one, so under overload the policy kept heavy jobs that crowded out several light ones.
 * A failure is −1; a drop after routing (queue full, spawn limit) 0, like a shed job. The
 * chosen strategy's row takes one stochastic-gradient step towards {@code reward − baseline}
 * with L2 decay, every weight clipped to ±{@code learned_weight_clip}; the per-kind baseline is
 * a slow moving average of the rewards.
 *
 * <h2>Warm start</h2>
 * A new policy first imitates the heuristic under the config it is built with: 30 000 synthetic
 * jobs and loads (seeded), least squares towards +0.5 for the heuristic's choice and −0.5 for the
 * others, so it starts routing like the heuristic and preferring its choice to shedding.
 *
 * <p>Thread safety: {@link #choose} runs on submitting threads and reads the weights without
 * locking (a race only mixes an old and a new weight); {@link #learn} updates one kind's model
 * under that model's lock.
 */
public final class LearnedPolicy implements LearningPolicy, Consumer<RouterSnapshot> {
    /** The strategies the policy chooses among (matrix rows). */
    public static final List<Strategy> ARMS = List.of(Strategy.INLINE, Strategy.SPAWN, Strategy.CPU_POOL,
            Strategy.BATCH);
    /** The features (matrix columns). */
    public static final List<String> FEATURES = List.of("bias", "log_cost", "scaling", "log_budget", "blocking",
            "pressure", "saturation", "queue_fill", "cost_1k", "cost_8k", "cost_63k", "cost_500k", "heuristic_choice");
    /** Reward-curve points kept. */
    public static final int CURVE_POINTS = 300;

    static final int A = 4;
    /** Row of each strategy by ordinal (−1: not an arm). */
    private static final int[] ARM_OF = new int[Strategy.values().length];

    static {
        java.util.Arrays.fill(ARM_OF, -1);
        for (int a = 0; a < A; a++) {
            ARM_OF[ARMS.get(a).ordinal()] = a;
        }
    }
    static final int F = 13;
    /** The arm-specific column: 1 in the row of the heuristic's class choice, 0 in the others. */
    static final int HEURISTIC_COLUMN = F - 1;
    /**
     * Where the warm start puts the {@link #HEURISTIC_COLUMN} weight of every row. Not fitted:
     * an exact imitation of the heuristic (which that column allows) starts from a policy that
     * learns to less on overload (see docs/ADAPTIVE.md), so the column starts as a small pull
     * towards the heuristic and learning sets it. 0.3 of 0, 0.1, 0.3 and 1 tried (docs/ADAPTIVE.md).
     */
    static final double WARM_HEURISTIC_WEIGHT = 0.3;
    private static final double[] TENT_CENTRES = {3.0, 3.9, 4.8, 5.7};
    private static final double TENT_WIDTH = 0.9;
    private static final double BASELINE_RATE = 0.002;
    /** Agreement is sampled on a fixed 1 in 8 of the greedy decisions (by hash of the job id). */
    private static final long AGREEMENT_SAMPLE_MASK = 7;
    /** EMA rate per sample: about the last 8 000 decisions, as 0.001 per decision was. */
    private static final double AGREEMENT_RATE = 0.008;
    private static final int WARM_SAMPLES = 30_000;
    private static final int WARM_EPOCHS = 4;
    private static final double WARM_RATE = 0.02;
    private static final int WARM_REFINE_EPOCHS = 0;
    private static final double WARM_MARGIN = 0.05;
    private static final long WARM_SEED = 0x5EED_4E1CL;

    private final double[][] warmStart;
    private final Map<JobKind, KindModel> models = new ConcurrentHashMap<>();
    private final AtomicLong updates = new AtomicLong();
    private final DoubleAdder intervalReward = new DoubleAdder();
    private final LongAdder intervalCount = new LongAdder();
    private final ArrayDeque<double[]> curve = new ArrayDeque<>();
    private final ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[F]);
    private volatile double lastMeanReward = Double.NaN;
    /** Moving average of a learned job's CPU time (racy on purpose), the unit of harm. */
    private volatile double meanCpuNanos = Double.NaN;
    private volatile RouterConfig lastConfig;
    /** The spawn threshold at the latest decision: what the heuristic column saw (racy on purpose). */
    private volatile long lastSpawnThreshold = -1;
    private final String source;
    private final String loadError;

    /** One kind's weights, baseline and counters. */
    static final class KindModel {
        final double[][] w;
        volatile double baseline;
        long updates;
        volatile double agreement = 1.0;
        final double[] x = new double[F];

        KindModel(double[][] init) {
            w = new double[A][];
            for (int a = 0; a < A; a++) {
                w[a] = init[a].clone();
            }
        }
    }

    private LearnedPolicy(RouterConfig initial, LearnedWeights loaded, String loadError) {
        this.lastConfig = Objects.requireNonNull(initial, "initial");
        this.warmStart = imitateHeuristic(initial);
        this.loadError = loadError;
        if (loaded != null) {
            this.source = "file";
            updates.set(loaded.updates());
            loaded.kinds().forEach((kind, k) -> {
                KindModel m = new KindModel(clip(k.weights(), initial.learnedWeightClip()));
                m.baseline = k.baseline();
                m.updates = k.updates();
                models.put(JobKind.of(kind), m);
            });
        } else {
            this.source = "warm_start";
        }
        for (JobKind builtin : List.of(JobKind.HASH_MIX, JobKind.PRIME_COUNT, JobKind.MONTE_CARLO_RISK)) {
            model(builtin);
        }
    }

    /** A policy warm-started by imitating the heuristic under {@code initial}. */
    public static LearnedPolicy warmStart(RouterConfig initial) {
        return new LearnedPolicy(initial, null, null);
    }

    /**
     * A policy restored from {@code weights}; if they are null the policy warm-starts and
     * reports {@code error} (why a file could not be used) in its state.
     */
    static LearnedPolicy restore(RouterConfig initial, LearnedWeights weights, String error) {
        return new LearnedPolicy(initial, weights, error);
    }

    // ------------------------------------------------------------------ choosing

    @Override
    public Rule choose(Job job, LoadView load, RouterConfig config) {
        lastConfig = config;
        KindModel m = model(job.kind());
        double[] x = scratch.get();
        int parallelism = Math.max(1, load.parallelism());
        long left = Gate.remainingBudgetNanos(job, load);
        double pressure = load.pressure();
        features(x, job, pressure, Math.min(1.0, (double) load.cpuBusy() / parallelism),
                Math.min(1.0, (double) load.queueDepth() / Math.max(1, load.queueCapacity())), left);
        long spawnThreshold = load.spawnThreshold();
        if (spawnThreshold != lastSpawnThreshold) {
            lastSpawnThreshold = spawnThreshold;
        }
        int heuristicArm = heuristicArm(job, config, spawnThreshold);
        int gate = Gate.admittedMask(job, load, config, left, pressure);
        int admitted = 0;
        for (int a = 0; a < A; a++) {
            if ((gate & (1 << ARMS.get(a).ordinal())) != 0) {
                admitted |= 1 << a;
            }
        }
        long h = mix(config.learnedSeed() ^ 0x9E3779B97F4A7C15L, job.id());
        double u = (h >>> 11) * 0x1.0p-53;
        if (admitted != 0 && u < epsilon(config)) {
            int n = Integer.bitCount(admitted);
            int pick = (int) Long.remainderUnsigned(mix(h, 0x632BE59BD9B4E019L), n);
            int a = nthSetBit(admitted, pick);
            return Rule.explored(ARMS.get(a));
        }
        int bestIn = -1;
        int bestOut = -1;
        double qIn = Double.NEGATIVE_INFINITY;
        double qOut = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < A; a++) {
            x[HEURISTIC_COLUMN] = a == heuristicArm ? 1.0 : 0.0;
            double q = dot(m.w[a], x);
            if ((admitted & (1 << a)) != 0) {
                if (q > qIn) {
                    qIn = q;
                    bestIn = a;
                }
            } else if (q > qOut) {
                qOut = q;
                bestOut = a;
            }
        }
        int choice = bestIn >= 0 && (qIn >= -m.baseline || bestOut < 0) ? bestIn : bestOut;
        if (choice < 0) {
            return Rule.learned(ARMS.get(heuristicArm)); // unreachable with finite weights
        }
        Strategy chosen = ARMS.get(choice);
        if ((h & AGREEMENT_SAMPLE_MASK) == 0) {
            m.agreement += AGREEMENT_RATE * ((choice == heuristicArm ? 1.0 : 0.0) - m.agreement);
        }
        return Rule.learned(chosen);
    }

    /** Exploration rate now. */
    public double epsilon(RouterConfig config) {
        double start = config.learnedEpsilon();
        double floor = Math.min(config.learnedEpsilonFloor(), start);
        return floor + (start - floor) * Math.pow(2.0, -(double) updates.get() / config.learnedEpsilonHalfLife());
    }

    // ------------------------------------------------------------------ learning

    @Override
    public void learn(Feedback f) {
        if (f.ended() == Feedback.Ended.DROPPED && f.dropReason() == DropReason.SHUTDOWN) {
            return; // says nothing about the strategy
        }
        RouterConfig cfg = lastConfig;
        if (f.ended() == Feedback.Ended.COMPLETED && f.serviceNanos() > 0) {
            double prev = meanCpuNanos;
            meanCpuNanos = Double.isNaN(prev) ? f.serviceNanos() : prev + 0.01 * (f.serviceNanos() - prev);
        }
        double r = reward(f);
        int a = ARMS.indexOf(f.strategy());
        if (a < 0 || !Double.isFinite(r)) {
            return;
        }
        KindModel m = model(f.job().kind());
        synchronized (m) {
            double[] x = m.x;
            features(x, f.job(), f.pressure(), f.saturation(), f.queueFill(), f.budgetLeftNanos());
            long spawnThreshold = lastSpawnThreshold;
            int heuristicArm = heuristicArm(f.job(), cfg, spawnThreshold < 0 ? cfg.spawnThreshold() : spawnThreshold);
            x[HEURISTIC_COLUMN] = a == heuristicArm ? 1.0 : 0.0;
            double[] w = m.w[a];
            double err = (r - m.baseline) - dot(w, x);
            double rate = cfg.learnedRate();
            double l2 = cfg.learnedL2();
            double clip = cfg.learnedWeightClip();
            for (int j = 0; j < F; j++) {
                double v = w[j] + rate * (err * x[j] - l2 * w[j]);
                w[j] = Math.max(-clip, Math.min(clip, v));
            }
            m.baseline += BASELINE_RATE * (r - m.baseline);
            m.updates++;
        }
        updates.incrementAndGet();
        intervalReward.add(r);
        intervalCount.increment();
    }

    /** The reward of one outcome, in [−1, 1] (see the class comment). */
    public double reward(Feedback f) {
        return reward(f, meanCpuNanos);
    }

    /**
     * The reward of one outcome given the mean CPU time of a job, {@code meanCpuNanos}: the
     * unit in which the harm to other jobs is counted.
     */
    public static double reward(Feedback f, double meanCpuNanos) {
        return switch (f.ended()) {
            case FAILED -> -1.0;
            case DROPPED -> 0.0;
            case COMPLETED -> {
                double budget = Math.max(1.0, f.job().latencyBudgetNanos());
                double r = f.met() ? 1.0 : 0.0;
                r -= Math.max(0.0, f.latencyNanos() - budget) / budget;
                // A blocking job's service time is mostly waiting: it uses no CPU then, and
                // holds a thread only where it cannot park (a caller, a lane worker).
                boolean blocking = f.job().blocking();
                boolean holds = switch (f.strategy()) {
                    case INLINE -> true;
                    case SPAWN -> !blocking;
                    case CPU_POOL, BATCH -> blocking;
                    default -> false;
                };
                double harm = (blocking ? 0 : f.serviceNanos()) + (holds ? f.serviceNanos() : 0);
                if (meanCpuNanos > 0) { // NaN (no CPU time seen yet) charges nothing
                    r -= clampUnit(f.pressureNow()) * harm / Math.max(1.0, meanCpuNanos);
                }
                yield Math.max(-1.0, Math.min(1.0, r));
            }
        };
    }

    // ------------------------------------------------------------------ intervals and state

    /** Closes a reward-curve point per metrics interval (with at least one outcome). */
    @Override
    public void accept(RouterSnapshot s) {
        long n = intervalCount.sumThenReset();
        double sum = intervalReward.sumThenReset();
        if (n > 0) {
            double mean = sum / n;
            lastMeanReward = mean;
            synchronized (curve) {
                curve.addLast(new double[] {s.uptimeNanos() / 1e9, mean});
                while (curve.size() > CURVE_POINTS) {
                    curve.removeFirst();
                }
            }
        }
    }

    /** Outcomes learned from. */
    public long updates() {
        return updates.get();
    }

    /** The largest absolute weight of any kind. */
    public double maxAbsWeight() {
        double max = 0;
        for (KindModel m : models.values()) {
            for (double[] row : m.w) {
                for (double v : row) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        return max;
    }

    /** Where the weights came from: {@code file} or {@code warm_start}. */
    public String source() {
        return source;
    }

    /** Why a weights file could not be used, or null. */
    public String loadError() {
        return loadError;
    }

    /** Share of recent greedy decisions for {@code kind} equal to the heuristic's (1 before any). */
    public double agreement(JobKind kind) {
        KindModel m = models.get(kind);
        return m == null ? 1.0 : m.agreement;
    }

    /** A copy of {@code kind}'s matrix (the warm start for a kind not seen yet). */
    public double[][] weights(JobKind kind) {
        KindModel m = models.get(kind);
        double[][] src = m == null ? warmStart : m.w;
        double[][] out = new double[A][];
        synchronized (m == null ? this : m) {
            for (int a = 0; a < A; a++) {
                out[a] = src[a].clone();
            }
        }
        return out;
    }

    /** The state for the snapshot's {@code learned_policy} extension and {@code run --json}. */
    public Map<String, Object> state() {
        RouterConfig cfg = lastConfig;
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("epsilon", epsilon(cfg));
        st.put("samples", updates.get());
        st.put("strategies", ARMS.stream().map(Strategy::wireName).toList());
        st.put("features", FEATURES);
        Map<String, Object> weights = new LinkedHashMap<>();
        Map<String, Object> baselines = new LinkedHashMap<>();
        Map<String, Object> agreement = new LinkedHashMap<>();
        for (JobKind kind : sortedKinds()) {
            double[][] w = weights(kind);
            List<List<Double>> rows = new ArrayList<>();
            for (double[] row : w) {
                List<Double> r = new ArrayList<>(F);
                for (double v : row) {
                    r.add(v);
                }
                rows.add(r);
            }
            weights.put(kind.name(), rows);
            baselines.put(kind.name(), models.get(kind).baseline);
            agreement.put(kind.name(), models.get(kind).agreement);
        }
        st.put("weights", weights);
        st.put("baseline", baselines);
        st.put("agreement", agreement);
        List<Map<String, Object>> points = new ArrayList<>();
        synchronized (curve) {
            for (double[] p : curve) {
                points.add(Map.of("t_secs", p[0], "reward", p[1]));
            }
        }
        st.put("reward_curve", points);
        st.put("mean_reward", lastMeanReward);
        st.put("max_abs_weight", maxAbsWeight());
        st.put("weights_source", source);
        if (loadError != null) {
            st.put("weights_error", loadError);
        }
        return st;
    }

    /** The weights, baselines and counters, for saving. */
    LearnedWeights snapshotWeights() {
        Map<String, LearnedWeights.Kind> kinds = new LinkedHashMap<>();
        for (JobKind kind : sortedKinds()) {
            KindModel m = models.get(kind);
            synchronized (m) {
                kinds.put(kind.name(), new LearnedWeights.Kind(weights(kind), m.baseline, m.updates));
            }
        }
        return new LearnedWeights(ARMS.stream().map(Strategy::wireName).toList(), FEATURES, updates.get(), kinds);
    }

    private List<JobKind> sortedKinds() {
        List<JobKind> kinds = new ArrayList<>(models.keySet());
        kinds.sort(java.util.Comparator.comparing(JobKind::name));
        return kinds;
    }

    // ------------------------------------------------------------------ internals

    private KindModel model(JobKind kind) {
        KindModel m = models.get(kind);
        return m != null ? m : models.computeIfAbsent(kind, k -> new KindModel(warmStart));
    }

    /** Fills {@code x} with a job's features under the given load. */
    static void features(double[] x, Job job, double pressure, double saturation, double queueFill,
                         long budgetLeftNanos) {
        double logCost = Math.log10(Math.max(1, job.computeCost()));
        double budgetMs = Math.max(0.1, budgetLeftNanos / 1e6);
        x[0] = 1.0;
        x[1] = Math.min(1.2, logCost / 6.0);
        x[2] = clampUnit(job.scalingPotential());
        x[3] = Math.max(-0.5, Math.min(1.5, Math.log10(budgetMs) / 2.0));
        x[4] = job.blocking() ? 1.0 : 0.0;
        x[5] = clampUnit(pressure);
        x[6] = clampUnit(saturation);
        x[7] = clampUnit(queueFill);
        double l = Math.max(TENT_CENTRES[0], Math.min(TENT_CENTRES[TENT_CENTRES.length - 1], logCost));
        for (int i = 0; i < TENT_CENTRES.length; i++) {
            x[8 + i] = Math.max(0.0, 1.0 - Math.abs(l - TENT_CENTRES[i]) / TENT_WIDTH);
        }
        x[HEURISTIC_COLUMN] = 0.0; // set per row by the caller
    }

    /**
     * The row of the heuristic's class choice for {@code job} (its rules before any gate, with
     * the spawn threshold in force): what the {@link #HEURISTIC_COLUMN} marks.
     */
    static int heuristicArm(Job job, RouterConfig config, long spawnThreshold) {
        return ARM_OF[HeuristicPolicy.classChoice(job, config, spawnThreshold).strategy().ordinal()];
    }

    private static double clampUnit(double v) {
        return v >= 0 ? Math.min(1.0, v) : 0.0; // NaN -> 0
    }

    static double dot(double[] w, double[] x) {
        double s = 0;
        for (int j = 0; j < F; j++) {
            s += w[j] * x[j];
        }
        return s;
    }

    private static int nthSetBit(int mask, int n) {
        int m = mask;
        for (int i = 0; i < n; i++) {
            m &= m - 1;
        }
        return Integer.numberOfTrailingZeros(m);
    }

    /** A 64-bit mix of two longs (SplitMix64's finaliser over their combination). */
    static long mix(long a, long b) {
        long z = a + 0x9E3779B97F4A7C15L * (b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double[][] clip(double[][] w, double bound) {
        double[][] out = new double[A][F];
        for (int a = 0; a < A; a++) {
            for (int j = 0; j < F; j++) {
                out[a][j] = Math.max(-bound, Math.min(bound, w[a][j]));
            }
        }
        return out;
    }

    /**
     * Fits a matrix whose greedy choice is the heuristic's under {@code config}: least squares
     * towards +0.5 for the heuristic's strategy and −0.5 for the others, on synthetic jobs and
     * loads drawn from a fixed seed.
     */
    static double[][] imitateHeuristic(RouterConfig config) {
        double[][] w = new double[A][F];
        SplittableRandom rnd = new SplittableRandom(WARM_SEED);
        int n = WARM_SAMPLES;
        double[][] xs = new double[n][F];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            long cost = (long) Math.pow(10, rnd.nextDouble(2.5, 6.0));
            boolean blocking = rnd.nextDouble() < 0.05;
            Job job = new Job(i + 1, JobKind.HASH_MIX, new long[] {0}, Math.max(1, cost), rnd.nextDouble(),
                    rnd.nextLong(5, 81), blocking, Job.AT_SUBMIT);
            features(xs[i], job, rnd.nextDouble(0, 0.6), rnd.nextDouble(), rnd.nextDouble(0, 0.6),
                    rnd.nextLong(1_000_000L, 80_000_001L));
            labels[i] = ARMS.indexOf(heuristicChoice(job, config));
        }
        for (int epoch = 0; epoch < WARM_EPOCHS; epoch++) {
            for (int i = 0; i < n; i++) {
                double[] x = xs[i];
                for (int a = 0; a < A; a++) {
                    // The heuristic column stays 0 here (x[HEURISTIC_COLUMN] = 0): it is not fitted.
                    double target = a == labels[i] ? 0.5 : -0.5;
                    double err = target - dot(w[a], x);
                    for (int j = 0; j < F; j++) {
                        w[a][j] += WARM_RATE * err * x[j];
                    }
                }
            }
        }
        // Optionally, passes of a margin perceptron sharpen the thresholds (least squares blurs
        // them: 75 % agreement on the original workload; 8 passes give 96 %). Off: on the overload
        // benchmark trace the sharper start learned to a lower goodput (see docs/ADAPTIVE.md).
        for (int epoch = 0; epoch < WARM_REFINE_EPOCHS; epoch++) {
            for (int i = 0; i < n; i++) {
                double[] x = xs[i];
                int y = labels[i];
                double qy = dot(w[y], x);
                for (int a = 0; a < A; a++) {
                    if (a != y && dot(w[a], x) + WARM_MARGIN > qy) {
                        for (int j = 0; j < F; j++) {
                            w[y][j] += WARM_RATE * x[j];
                            w[a][j] -= WARM_RATE * x[j];
                        }
                        qy = dot(w[y], x);
                    }
                }
            }
        }
        for (int a = 0; a < A; a++) {
            w[a][HEURISTIC_COLUMN] = WARM_HEURISTIC_WEIGHT;
        }
        return clip(w, config.learnedWeightClip());
    }

    /** The heuristic's strategy for {@code job} under {@code config}, on an idle machine. */
    static Strategy heuristicChoice(Job job, RouterConfig config) {
        return HeuristicPolicy.INSTANCE.choose(job, new IdleLoad(config), config).strategy();
    }

    /** An idle machine with the configured spawn threshold: what the heuristic's rules see. */
    private record IdleLoad(RouterConfig config) implements LoadView {
        @Override public long nowNanos() { return 0; }
        @Override public int cpuBusy() { return 0; }
        @Override public int queueDepth() { return 0; }
        @Override public int queueCapacity() { return config.cpuQueueCap(); }
        @Override public int parallelism() { return config.cpuParallelism(); }
        @Override public int spawnedInFlight() { return 0; }
        @Override public double pressure() { return 0; }
        @Override public long spawnThreshold() { return config.spawnThreshold(); }
        @Override public long estimatedLaneWaitNanos() { return 0; }
        @Override public long estimatedServiceNanos(Job job) { return 0; }
        @Override public long estimatedBatchFlushNanos(Job job) { return 0; }
        @Override public int batchDepth(Job job) { return 0; }
    }
}
