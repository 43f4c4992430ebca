package dev.helixrouter.workload.calibration;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobHandle;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures {@link Overheads}: for each strategy, a live router is forced to route every job
 * there, and one caller submits trivial jobs (work that returns at once) paced at a steady rate,
 * as the load driver does. Process CPU time (all threads, virtual threads' carriers included)
 * minus the caller's own CPU time, per job, is the executing side's overhead; the caller's CPU
 * per job is the caller's. An idle pass (pacing only, no router) is measured too, so the pacing
 * cost is known and the background (sampler, GC, JIT) is subtracted from the executor side.
 *
 * <p>A warm-up round runs every pass once (so JIT compilation is not counted), then three rounds
 * are measured and the median of each quantity kept. About 5 s in all with the defaults; the
 * result is cached per machine.
 */
public final class OverheadCalibrator {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Strategy[] MEASURED = {Strategy.INLINE, Strategy.SPAWN, Strategy.CPU_POOL, Strategy.BATCH};
    /** Measured rounds after the warm-up; the median of each quantity is kept. */
    private static final int ROUNDS = 3;
    /** Warm-up passes are this many times longer: the spawn path's JIT takes a while to settle. */
    private static final int WARMUP_FACTOR = 4;

    private final int jobsPerPass;
    private final int ratePerSecond;
    private final Calibrator.ProgressListener progress;

    /** Measures with {@code jobsPerPass} jobs at {@code ratePerSecond} per pass. */
    public OverheadCalibrator(int jobsPerPass, int ratePerSecond, Calibrator.ProgressListener progress) {
        if (jobsPerPass < 100 || ratePerSecond < 100) {
            throw new IllegalArgumentException("need at least 100 jobs per pass at >= 100 jobs/s");
        }
        this.jobsPerPass = jobsPerPass;
        this.ratePerSecond = ratePerSecond;
        this.progress = progress == null ? Calibrator.ProgressListener.none() : progress;
    }

    /** The defaults: 5 000 jobs per pass at 20 000 jobs/s. */
    public static OverheadCalibrator standard(Calibrator.ProgressListener progress) {
        return new OverheadCalibrator(5_000, 20_000, progress);
    }

    /** Runs the measurement (blocks for a few seconds). */
    public Overheads measure() {
        int passes = (1 + ROUNDS) * (MEASURED.length + 1);
        int pass = 0;
        // Warm-up round: JIT compilation of the router's paths would otherwise be counted as
        // overhead (it inflates a cold pass several times over).
        progress.progress(0, "overheads: warming up");
        pass(null, jobsPerPass);
        for (Strategy s : MEASURED) {
            pass(s, WARMUP_FACTOR * jobsPerPass);
            progress.progress((double) ++pass / passes, "overheads: warming up");
        }
        pass++;
        double[][] idle = new double[ROUNDS][];
        Map<Strategy, double[][]> measured = new EnumMap<>(Strategy.class);
        for (Strategy s : MEASURED) {
            measured.put(s, new double[ROUNDS][]);
        }
        for (int r = 0; r < ROUNDS; r++) {
            idle[r] = pass(null, jobsPerPass);
            progress.progress((double) ++pass / passes, "overheads: pacing, round " + (r + 1));
            for (Strategy s : MEASURED) {
                measured.get(s)[r] = pass(s, jobsPerPass);
                progress.progress(Math.min(1.0, (double) ++pass / passes),
                        "overheads: " + s.wireName() + ", round " + (r + 1));
            }
        }
        // Executor side: process CPU beyond the caller's, and beyond an idle pass's background.
        double idleBackground = Math.max(0, median(idle, 0) - median(idle, 1));
        double caller = 0;
        for (Strategy s : MEASURED) {
            caller += median(measured.get(s), 1);
        }
        caller /= MEASURED.length;
        double inlineExtra = Math.max(0, median(measured.get(Strategy.INLINE), 1) - caller);
        double[] exec = new double[MEASURED.length];
        for (int i = 0; i < MEASURED.length; i++) {
            double[][] m = measured.get(MEASURED[i]);
            double[] beyondCaller = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                beyondCaller[r] = m[r][0] - m[r][1];
            }
            java.util.Arrays.sort(beyondCaller);
            exec[i] = Math.max(0, beyondCaller[ROUNDS / 2] - idleBackground);
        }
        progress.progress(1.0, "overheads done");
        return new Overheads(caller, inlineExtra, exec[1], exec[2], exec[3]);
    }

    private static double median(double[][] rounds, int column) {
        double[] v = new double[rounds.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rounds[i][column];
        }
        java.util.Arrays.sort(v);
        return v[v.length / 2];
    }

    /** One pass; returns {process CPU ns per job, caller CPU ns per job}. */
    private double[] pass(Strategy strategy, int jobs) {
        RouterConfig.Builder b = RouterConfig.defaults().toBuilder().metricsIntervalMs(1000);
        double scaling = 0.1;
        if (strategy != null) {
            switch (strategy) {
                case INLINE -> b.inlineThreshold(1000);
                case SPAWN -> b.inlineThreshold(1).spawnThreshold(1_000_000);
                case CPU_POOL -> b.inlineThreshold(1).spawnThreshold(2);
                case BATCH -> {
                    b.inlineThreshold(1).spawnThreshold(2);
                    scaling = 0.9;
                }
                default -> throw new IllegalArgumentException(strategy.wireName());
            }
        }
        long gap = 1_000_000_000L / ratePerSecond;
        try (HelixRouter router = HelixRouter.builder().config(b.build()).threadPrefix("helix-overheads").build()) {
            List<JobHandle<Integer>> handles = new ArrayList<>(jobs);
            long p0 = OS.getProcessCpuTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                long due = start + i * gap;
                for (long w = due - System.nanoTime(); w > 0; w = due - System.nanoTime()) {
                    LockSupport.parkNanos(w);
                }
                if (strategy != null) {
                    handles.add(router.submit(new Job(i, JobKind.HASH_MIX, new long[] {i}, 100, scaling, 10_000),
                            () -> 1));
                }
            }
            for (JobHandle<Integer> h : handles) {
                h.join();
            }
            long p1 = OS.getProcessCpuTime();
            long c1 = THREADS.getCurrentThreadCpuTime();
            return new double[] {(double) (p1 - p0) / jobs, (double) (c1 - c0) / jobs};
        }
    }
}
