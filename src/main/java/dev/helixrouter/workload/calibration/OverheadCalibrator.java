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
 * <p>Each strategy is measured twice and the second pass kept (the first warms the JIT up).
 * About 2 s in all with the defaults.
 */
public final class OverheadCalibrator {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Strategy[] MEASURED = {Strategy.INLINE, Strategy.SPAWN, Strategy.CPU_POOL, Strategy.BATCH};

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

    /** Runs the measurement (blocks for a couple of seconds). */
    public Overheads measure() {
        int passes = 2 * (MEASURED.length + 1);
        int pass = 0;
        progress.progress(0, "overheads: pacing");
        double[] idle = null;
        for (int i = 0; i < 2; i++) {
            idle = pass(null);
            progress.progress((double) ++pass / passes, "overheads: pacing");
        }
        Map<Strategy, double[]> measured = new EnumMap<>(Strategy.class);
        for (Strategy s : MEASURED) {
            for (int i = 0; i < 2; i++) {
                measured.put(s, pass(s));
                progress.progress(Math.min(1.0, (double) ++pass / passes), "overheads: " + s.wireName());
            }
        }
        double idleProcess = idle[0];
        double callerAll = 0;
        for (Strategy s : MEASURED) {
            callerAll += measured.get(s)[1];
        }
        double caller = callerAll / MEASURED.length;
        double inlineExtra = Math.max(0, measured.get(Strategy.INLINE)[1] - caller);
        // Executor side: process CPU beyond the caller's and beyond an idle pass's background.
        double idleBackground = Math.max(0, idleProcess - idle[1]);
        double[] exec = new double[MEASURED.length];
        for (int i = 0; i < MEASURED.length; i++) {
            double[] m = measured.get(MEASURED[i]);
            exec[i] = Math.max(0, m[0] - m[1] - idleBackground);
        }
        progress.progress(1.0, "overheads done");
        return new Overheads(caller, inlineExtra, exec[1], exec[2], exec[3]);
    }

    /** One pass; returns {process CPU ns per job, caller CPU ns per job}. */
    private double[] pass(Strategy strategy) {
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
            List<JobHandle<Integer>> handles = new ArrayList<>(jobsPerPass);
            long p0 = OS.getProcessCpuTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < jobsPerPass; i++) {
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
            return new double[] {(double) (p1 - p0) / jobsPerPass, (double) (c1 - c0) / jobsPerPass};
        }
    }
}
