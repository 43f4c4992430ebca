package dev.helixrouter.bench.shootout;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import java.util.Locale;

/**
 * The five job classes of the overload shootout (BENCHMARKS.md), with their real work and the
 * intent each declares to HelixRouter. The intents were fixed from the design's table before any
 * run and are not tuned: {@code compute_cost} uses one scale for all classes, 150 cost units per
 * microsecond of CPU work, except where the table fixes a relation to the router's thresholds
 * (batchable: "above spawn_threshold").
 *
 * <table class="striped">
 * <caption>Classes</caption>
 * <tr><th>class</th><th>work</th><th>declared cost</th><th>scaling</th><th>budget</th><th>share</th></tr>
 * <tr><td>tiny</td><td>2 µs CPU</td><td>300 (≪ inline_threshold 8 000)</td><td>0.1</td><td>1 ms</td><td>55 %</td></tr>
 * <tr><td>medium</td><td>200 µs CPU</td><td>30 000 (between 8 000 and 60 000)</td><td>0.3</td><td>10 ms</td><td>25 %</td></tr>
 * <tr><td>heavy</td><td>20 ms CPU</td><td>3 000 000 (≫ spawn_threshold 60 000)</td><td>0.2</td><td>250 ms</td><td>5 %</td></tr>
 * <tr><td>waiting</td><td>5 ms blocking wait</td><td>100, blocking</td><td>0.1</td><td>50 ms</td><td>5 %</td></tr>
 * <tr><td>batchable</td><td>50 µs + 5 µs per item in a batch (55 µs alone)</td><td>80 000 (&gt; spawn_threshold)</td><td>0.9</td><td>50 ms</td><td>10 %</td></tr>
 * </table>
 */
public enum JobClass {
    TINY(0.55, 2_000, 0, 300, 0.1, 1),
    MEDIUM(0.25, 200_000, 0, 30_000, 0.3, 10),
    HEAVY(0.05, 20_000_000, 0, 3_000_000, 0.2, 250),
    WAITING(0.05, 0, 5_000_000, 100, 0.1, 50),
    BATCHABLE(0.10, BatchWork.FIXED_NANOS + BatchWork.PER_ITEM_NANOS, 0, 80_000, 0.9, 50);

    private final double share;
    private final long cpuNanos;
    private final long waitNanos;
    private final long declaredCost;
    private final double scaling;
    private final long budgetMs;
    private final JobKind kind;

    JobClass(double share, long cpuNanos, long waitNanos, long declaredCost, double scaling, long budgetMs) {
        this.share = share;
        this.cpuNanos = cpuNanos;
        this.waitNanos = waitNanos;
        this.declaredCost = declaredCost;
        this.scaling = scaling;
        this.budgetMs = budgetMs;
        this.kind = JobKind.of("shootout-" + label());
    }

    /** Lower-case name, as in the tables. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Share of the trace's jobs. */
    public double share() {
        return share;
    }

    /** CPU work of one job run alone, in nanoseconds (the declared work). */
    public long cpuNanos() {
        return cpuNanos;
    }

    /** Blocking wait of one job (0 unless waiting). */
    public long waitNanos() {
        return waitNanos;
    }

    /** The latency budget. */
    public long budgetMs() {
        return budgetMs;
    }

    /** The latency budget in nanoseconds. */
    public long budgetNanos() {
        return budgetMs * 1_000_000L;
    }

    /** Whether the job waits rather than computes. */
    public boolean blocking() {
        return waitNanos > 0;
    }

    /** The job kind HelixRouter sees (one per class, so batches hold one class). */
    public JobKind kind() {
        return kind;
    }

    /**
     * The least CPU one job of this class can take on any system: its work alone, or for a
     * batchable job only its per-item part (the fixed part shared by an unbounded batch). The
     * ceiling serves jobs in this order.
     */
    public long minimumCpuNanos() {
        return this == BATCHABLE ? BatchWork.PER_ITEM_NANOS : cpuNanos;
    }

    /** The intent this class declares to HelixRouter, for job {@code id} meant to start at {@code intendedNanos}. */
    public Job intent(long id, long intendedNanos) {
        return new Job(id, kind, new long[] {id}, declaredCost, scaling, budgetMs, blocking(), intendedNanos);
    }

    /** Mean CPU work per job of the mix, in nanoseconds (each job run alone). */
    public static double meanCpuNanos() {
        double sum = 0;
        for (JobClass c : values()) {
            sum += c.share * c.cpuNanos;
        }
        return sum;
    }

    /** Capacity λ* = cores ÷ mean CPU time per job, in jobs per second. */
    public static double lambdaStar(int cores) {
        return cores / (meanCpuNanos() / 1e9);
    }

    /** The class whose share interval holds {@code u} in [0, 1). */
    static JobClass ofUniform(double u) {
        double acc = 0;
        for (JobClass c : values()) {
            acc += c.share;
            if (u < acc) {
                return c;
            }
        }
        return BATCHABLE;
    }
}
