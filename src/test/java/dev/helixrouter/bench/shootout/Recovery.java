package dev.helixrouter.bench.shootout;

import org.HdrHistogram.Histogram;

/**
 * Recovery time (BENCHMARKS.md): from the end of the 2λ* phase until the windowed tiny-job p99
 * is back within the tiny budget and the jobs waiting (due but neither running nor ended) are back
 * under a tenth of the common queue bound. Checked at every sample of the waiting count after
 * the overload ends; the window trails the sample time ({@link LoadShape#windowNanos}). A window
 * in which no tiny job completed does not count as recovered.
 */
public final class Recovery {
    /** The waiting count that counts as drained: a tenth of the queue bound. */
    public static final long DRAINED = SystemKind.QUEUE_BOUND / 10;

    private Recovery() {
    }

    /** Seconds from the end of the overload to recovery, or infinity if the run ended first. */
    public static double seconds(Replayer.Run run) {
        ShootoutTrace trace = run.trace();
        LoadShape shape = trace.shape();
        long overloadEnd = shape.phases().get(shape.overloadPhase()).endNanos();
        long[] at = run.sampleOffsets();
        long[] waiting = run.waitingSamples();
        for (int s = 0; s < at.length; s++) {
            if (at[s] < overloadEnd || at[s] > shape.endNanos()) {
                continue;
            }
            if (waiting[s] <= DRAINED && tinyP99WithinBudget(run, at[s] - shape.windowNanos(), at[s])) {
                return (at[s] - overloadEnd) / 1e9;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static boolean tinyP99WithinBudget(Replayer.Run run, long from, long to) {
        ShootoutTrace trace = run.trace();
        Histogram h = new Histogram(3);
        for (int i = trace.dueBy(from); i < trace.size() && trace.offsetNanos(i) < to; i++) {
            if (trace.jobClass(i) == JobClass.TINY && run.outcomes().end(i) == Outcomes.End.COMPLETED) {
                h.recordValue(Math.max(0, run.outcomes().latencyNanos(i)));
            }
        }
        return h.getTotalCount() > 0 && h.getValueAtPercentile(99) <= JobClass.TINY.budgetNanos();
    }
}
