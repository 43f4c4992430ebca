package dev.helixrouter.bench.shootout;

import java.util.Arrays;

/**
 * An upper bound on a phase's goodput from the trace alone: serve the phase's jobs cheapest
 * first ({@link JobClass#minimumCpuNanos}) until the cores' time in the phase is used up; the
 * count served, per second, is the ceiling. No system can meet more budgets with that CPU, since
 * every job needs at least its minimum, and the bound ignores queueing, overheads and budgets
 * (a generous bound: waiting jobs cost no CPU and always count).
 */
public final class Ceiling {
    private Ceiling() {
    }

    /** The ceiling of {@code phase} in jobs per second, on {@code cores} cores. */
    public static double of(ShootoutTrace trace, LoadShape.Phase phase, int cores) {
        int from = trace.dueBy(phase.startNanos() - 1);
        int to = trace.dueBy(phase.endNanos() - 1);
        long[] costs = new long[to - from];
        for (int i = from; i < to; i++) {
            costs[i - from] = trace.jobClass(i).minimumCpuNanos();
        }
        Arrays.sort(costs);
        double budget = cores * (double) (phase.endNanos() - phase.startNanos());
        int served = 0;
        double used = 0;
        for (long c : costs) {
            if (used + c > budget) {
                break;
            }
            used += c;
            served++;
        }
        return served / phase.seconds();
    }
}
