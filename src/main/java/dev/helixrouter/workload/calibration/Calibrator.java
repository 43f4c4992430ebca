package dev.helixrouter.workload.calibration;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.kernel.Kernels;
import dev.helixrouter.engine.time.Clock;
import dev.helixrouter.workload.JobGenerator;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Times the built-in kernels on this machine and fits a {@link ServiceModel} to the results:
 * the capacity calibration of SPEC §8.
 *
 * <p>The calibrator first warms up: for {@linkplain Builder#warmupNanos a time budget} it runs
 * jobs of the original workload ({@link JobGenerator} seed 1, all three kinds mixed), so the JIT
 * compiles the kernels — and {@link Kernels#run(Job)}, which dispatches to them — from the same
 * mixture of kinds and costs the router will run, before anything is timed. This matters more
 * than it seems: how fast a kernel's compiled code is depends on the profile it was compiled
 * from (on a 2-core EPYC, {@code PrimeCount} ran at 0.6 or 1.4 ns per unit of sieve limit
 * depending on how C2 unrolled its sieve loop, and a 5 000-return {@code MonteCarloRisk} took
 * 120 µs alone but 180 µs among other kinds), so warming up one kind at a time would time code
 * the router never runs. Then, for each kind in turn, it
 * <ol>
 * <li>sizes a batch per cost: how many calls in a row take at least
 *     {@linkplain Builder#minBatchNanos a minimum time}, so that cheap calls (a {@code HashMix}
 *     of a few rounds takes about 100 ns) are not lost in the clock's resolution and the cost of
 *     reading it;</li>
 * <li>times {@linkplain Builder#samples a number of} batches per cost, visiting the costs in
 *     turn rather than one after the other, so a slow spell of the machine (another process, a
 *     frequency change) spreads over every cost instead of bending the line;</li>
 * <li>takes the median per-call time at each cost — robust against the odd GC pause or
 *     preemption — and fits a least-squares {@link ServiceModel.Line} through the medians
 *     against the kernel's {@linkplain ServiceModel#effectiveWork effective work}.</li>
 * </ol>
 * With the defaults this takes about one second; a {@link ProgressListener} hears how
 * far it has got. The work runs on the calling thread: call {@link #calibrate()} off any UI
 * thread. Timings include whatever else the machine is doing, so calibrate an idle machine.
 *
 * <p>The clock and the timed function are injectable, so the calibrator can be tested without
 * timing anything: a fake {@link KernelRunner} that advances a fake {@link Clock} by a known
 * amount per call makes the whole calibration deterministic.
 *
 * <p>A calibrator is immutable; {@link #calibrate()} may be called more than once, but not
 * concurrently (parallel calibrations would time each other).
 */
public final class Calibrator {

    /** The kinds calibrated, in order. */
    public static final List<JobKind> KINDS = List.of(JobKind.HASH_MIX, JobKind.PRIME_COUNT, JobKind.MONTE_CARLO_RISK);

    /**
     * Default costs timed per kind: five points over each kernel's effective range (for the
     * unbounded {@code HashMix}, over the generator's costs, up to 320 000), spaced roughly
     * geometrically. Least squares minimises absolute error, so evenly spaced points would let
     * the expensive end dominate the fit, while the original workload lives at the cheap end:
     * its {@code MonteCarloRisk} jobs all run the minimum 5 000 returns, most of its
     * {@code PrimeCount} jobs sieve below 80 000.
     */
    public static final Map<JobKind, List<Long>> DEFAULT_COSTS = defaultCosts();

    /**
     * Default warm-up time: 800 ms, 12 000 to 16 000 jobs of the original workload on a current
     * core — enough for every kernel, and {@link Kernels#run(Job)}, to reach the JIT's
     * optimising tier (C2 compiles a method after a few thousand calls).
     */
    public static final long DEFAULT_WARMUP_NANOS = 800_000_000L;
    /** Default number of timed batches per cost. */
    public static final int DEFAULT_SAMPLES = 21;
    /** Default shortest batch: 100 µs, far above {@code System.nanoTime()}'s resolution. */
    public static final long DEFAULT_MIN_BATCH_NANOS = 100_000L;

    /** Most calls in one timed batch, so a runner that takes no time cannot loop for ever. */
    static final long MAX_BATCH_CALLS = 1L << 20;
    /** Most warm-up calls, for the same reason. */
    static final long MAX_WARMUP_CALLS = 1_000_000;
    /** Distinct warm-up jobs, cycled: more than enough to mix kinds and costs like the workload. */
    static final int WARMUP_JOBS = 4_096;
    /** Progress steps the warm-up counts for, against {@code 1 + samples} per kind. */
    static final int WARMUP_STEPS = 20;
    /** Inputs of the timed jobs: fixed, so every calibration runs identical work. */
    private static final long[] INPUTS = {123_456L, 7_890L, 199_999L, 42L};

    /** Keeps the kernels' results alive, so the JIT cannot drop the work being timed. */
    @SuppressWarnings("unused")
    private static volatile long blackhole;

    private final Clock clock;
    private final KernelRunner runner;
    private final Calibration.Machine machine;
    private final ProgressListener progress;
    private final InstantSource wallClock;
    private final Map<JobKind, long[]> costs;
    private final long warmupNanos;
    private final int samples;
    private final long minBatchNanos;

    private Calibrator(Builder b) {
        this.clock = b.clock;
        this.runner = b.runner;
        this.machine = b.machine != null ? b.machine : Calibration.Machine.current();
        this.progress = b.progress;
        this.wallClock = b.wallClock;
        this.costs = Map.copyOf(b.costs);
        this.warmupNanos = b.warmupNanos;
        this.samples = b.samples;
        this.minBatchNanos = b.minBatchNanos;
    }

    /**
     * Runs one job's kernel; the function a calibrator times.
     *
     * <p>The returned value is folded into a sink that outlives the calibration, so the JIT
     * cannot prove the work useless and remove it; return something derived from the result.
     */
    @FunctionalInterface
    public interface KernelRunner {
        /** Runs {@code job}'s kernel and returns any value derived from its result. */
        long run(Job job);

        /** The real kernels, through {@link Kernels#run(Job)} as the router calls them. */
        static KernelRunner builtin() {
            return job -> Kernels.run(job).hashCode();
        }
    }

    /** Hears how far a calibration has got. */
    @FunctionalInterface
    public interface ProgressListener {
        /**
         * Called on the calibrating thread, with a fraction that never decreases and ends at
         * exactly 1.0; keep it quick, it is not timed but it delays the calibration.
         *
         * @param fractionDone in [0, 1]
         * @param message      what is happening, for example {@code "PrimeCount: timing 3/21"}
         */
        void progress(double fractionDone, String message);

        /** A listener that ignores everything. */
        static ProgressListener none() {
            return (fraction, message) -> {};
        }
    }

    /** A builder with the defaults: the system clock, the real kernels, this machine. */
    public static Builder builder() {
        return new Builder();
    }

    /** A calibrator with every default. */
    public static Calibrator create() {
        return builder().build();
    }

    /** The machine this calibrator's results are described as coming from. */
    public Calibration.Machine machine() {
        return machine;
    }

    /**
     * Times every kernel and fits the model. Blocks for the duration (about 1 s with the
     * defaults).
     *
     * @throws RuntimeException whatever the kernel runner or the progress listener throws
     */
    public Calibration calibrate() {
        int stepsPerKind = 1 + samples; // batch sizing, then one step per round of samples
        int totalSteps = WARMUP_STEPS + KINDS.size() * stepsPerKind;
        int step = 0;
        progress.progress(0.0, "warming up");
        long sink = warmUp(totalSteps);
        step += WARMUP_STEPS;
        List<Calibration.Point> points = new ArrayList<>();
        Map<JobKind, ServiceModel.Line> lines = new LinkedHashMap<>();
        for (JobKind kind : KINDS) {
            long[] kindCosts = costs.get(kind);
            Job[] jobs = new Job[kindCosts.length];
            for (int i = 0; i < jobs.length; i++) {
                jobs[i] = new Job(i + 1, kind, INPUTS, kindCosts[i], 0.5, 1_000);
            }

            progress.progress(fraction(step, totalSteps), kind + ": sizing batches");

            long[] batch = new long[jobs.length];
            for (int i = 0; i < jobs.length; i++) {
                batch[i] = batchSize(jobs[i]);
            }
            step++;

            double[][] perCall = new double[jobs.length][samples];
            for (int s = 0; s < samples; s++) {
                progress.progress(fraction(step, totalSteps),
                        String.format(Locale.ROOT, "%s: timing %d/%d", kind, s + 1, samples));
                for (int i = 0; i < jobs.length; i++) {
                    long start = clock.nanoTime();
                    for (long r = 0; r < batch[i]; r++) {
                        sink ^= runner.run(jobs[i]);
                    }
                    perCall[i][s] = (double) (clock.nanoTime() - start) / batch[i];
                }
                step++;
            }

            double[] work = new double[jobs.length];
            double[] medians = new double[jobs.length];
            for (int i = 0; i < jobs.length; i++) {
                work[i] = ServiceModel.effectiveWork(kind, kindCosts[i]);
                medians[i] = Math.max(0.0, median(perCall[i]));
                points.add(new Calibration.Point(kind, kindCosts[i], medians[i]));
            }
            lines.put(kind, ServiceModel.Line.fit(work, medians));
        }
        blackhole = sink;
        ServiceModel model = new ServiceModel(
                lines.get(JobKind.HASH_MIX), lines.get(JobKind.PRIME_COUNT), lines.get(JobKind.MONTE_CARLO_RISK));
        Calibration result = new Calibration(model, points, machine, machine.fingerprint(), wallClock.instant());
        progress.progress(1.0, "calibration done");
        return result;
    }

    /** Runs the original workload's jobs until the warm-up budget is spent. */
    private long warmUp(int totalSteps) {
        if (warmupNanos == 0) {
            return 0;
        }
        List<Job> jobs = new JobGenerator(CalibrationReport.ORIGINAL_SEED).take(WARMUP_JOBS);
        long sink = 0;
        long start = clock.nanoTime();
        int reported = 0;
        for (long calls = 0; calls < MAX_WARMUP_CALLS; calls++) {
            long elapsed = clock.nanoTime() - start;
            if (elapsed >= warmupNanos) {
                break;
            }
            int steps = (int) (WARMUP_STEPS * (double) elapsed / warmupNanos);
            if (steps > reported) {
                reported = steps;
                progress.progress(fraction(steps, totalSteps), "warming up");
            }
            sink ^= runner.run(jobs.get((int) (calls % WARMUP_JOBS)));
        }
        return sink;
    }

    /** How many calls of {@code job} in a row take at least {@link #minBatchNanos}. */
    private long batchSize(Job job) {
        long calls = 1;
        while (true) {
            long sink = 0;
            long start = clock.nanoTime();
            for (long r = 0; r < calls; r++) {
                sink ^= runner.run(job);
            }
            long elapsed = clock.nanoTime() - start;
            blackhole ^= sink;
            if (elapsed >= minBatchNanos || calls >= MAX_BATCH_CALLS) {
                return calls;
            }
            // Jump close to the target in one step when the elapsed time says how far it is
            // (10 % over, so noise does not make it fall just short); at least one more call.
            long next = elapsed <= 0 ? calls * 16 : (long) Math.ceil(calls * 1.1 * minBatchNanos / elapsed);
            calls = Math.min(MAX_BATCH_CALLS, Math.max(calls + 1, next));
        }
    }

    private static double fraction(int step, int total) {
        return Math.min(1.0, (double) step / total);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Map<JobKind, List<Long>> defaultCosts() {
        Map<JobKind, List<Long>> m = new LinkedHashMap<>();
        m.put(JobKind.HASH_MIX, List.of(1_000L, 4_000L, 18_000L, 75_000L, 320_000L));
        m.put(JobKind.PRIME_COUNT, List.of(10_000L, 22_000L, 50_000L, 112_000L, 250_000L));
        m.put(JobKind.MONTE_CARLO_RISK, List.of(1_000_000L, 1_800_000L, 3_200_000L, 5_600_000L, 10_000_000L));
        return Collections.unmodifiableMap(m);
    }

    /** Configures a {@link Calibrator}; every setting is checked when it is made. */
    public static final class Builder {
        private Clock clock = Clock.system();
        private KernelRunner runner = KernelRunner.builtin();
        private Calibration.Machine machine;
        private ProgressListener progress = ProgressListener.none();
        private InstantSource wallClock = InstantSource.system();
        private final Map<JobKind, long[]> costs = new LinkedHashMap<>();
        private long warmupNanos = DEFAULT_WARMUP_NANOS;
        private int samples = DEFAULT_SAMPLES;
        private long minBatchNanos = DEFAULT_MIN_BATCH_NANOS;

        private Builder() {
            DEFAULT_COSTS.forEach((kind, list) -> costs.put(kind, list.stream().mapToLong(Long::longValue).toArray()));
        }

        /** The clock the kernels are timed with (default: {@link Clock#system()}). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The function timed (default: {@link KernelRunner#builtin()}). */
        public Builder runner(KernelRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /** The machine the results are attributed to (default: {@link Calibration.Machine#current()}). */
        public Builder machine(Calibration.Machine machine) {
            this.machine = Objects.requireNonNull(machine, "machine");
            return this;
        }

        /** Who hears the progress (default: nobody). */
        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** The source of the calibration's timestamp (default: the system's). */
        public Builder wallClock(InstantSource wallClock) {
            this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
            return this;
        }

        /**
         * The costs timed for a built-in {@code kind} (default: {@link #DEFAULT_COSTS}).
         *
         * @throws IllegalArgumentException if the kind is not built in, a cost is negative, or
         *         the costs do not give at least two distinct effective work values
         */
        public Builder costs(JobKind kind, long... costs) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(costs, "costs");
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("costs: '" + kind + "' is not a built-in kind; built-in kinds are " + KINDS);
            }
            for (long c : costs) {
                if (c < 0) {
                    throw new IllegalArgumentException("costs of " + kind + " must be >= 0, had " + c);
                }
            }
            if (Arrays.stream(costs).map(c -> ServiceModel.effectiveWork(kind, c)).distinct().count() < 2) {
                throw new IllegalArgumentException("costs of " + kind + " must give at least two distinct effective"
                        + " work values to fit a line, had " + Arrays.toString(costs));
            }
            this.costs.put(kind, costs.clone());
            return this;
        }

        /**
         * Warm-up time, in nanoseconds of the calibrator's clock (default 800 ms); 0 skips the
         * warm-up.
         */
        public Builder warmupNanos(long nanos) {
            if (nanos < 0) {
                throw new IllegalArgumentException("warmupNanos must be >= 0, was " + nanos);
            }
            this.warmupNanos = nanos;
            return this;
        }

        /** Timed batches per cost; the median is kept (default 21). */
        public Builder samples(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("samples must be >= 1, was " + samples);
            }
            this.samples = samples;
            return this;
        }

        /** Shortest timed batch, in nanoseconds (default 100 µs); 0 times single calls. */
        public Builder minBatchNanos(long nanos) {
            if (nanos < 0) {
                throw new IllegalArgumentException("minBatchNanos must be >= 0, was " + nanos);
            }
            this.minBatchNanos = nanos;
            return this;
        }

        /** A calibrator with these settings. */
        public Calibrator build() {
            return new Calibrator(this);
        }
    }
}
