package dev.helixrouter.engine;

import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.policy.HeuristicPolicy;
import dev.helixrouter.engine.policy.Gate;
import dev.helixrouter.engine.policy.Rule;
import java.util.Locale;

/**
 * One routing decision, with the numbers it was made from. Recorded on the hot path as plain
 * fields; {@link #explain()} builds the words only when someone asks.
 *
 * @param sequence            position in the decision stream, from 0
 * @param timeNanos           router clock at the decision
 * @param jobId               the job
 * @param kind                its kind
 * @param cost                compute_cost
 * @param scaling             scaling_potential
 * @param budgetMs            latency_budget_ms
 * @param blocking            declared blocking
 * @param strategy            the strategy chosen
 * @param rule                the rule that fired
 * @param decidedBy           heuristic, learned, exploration or gate
 * @param cpuBusy             lane workers busy at the decision
 * @param queueDepth          lane queue depth at the decision
 * @param parallelism         lane workers configured
 * @param pressure            effective pressure
 * @param inlineThreshold     inline_threshold in force
 * @param spawnThreshold      spawn threshold in force (adaptive or configured)
 * @param busyThreshold       backpressure_busy_threshold in force
 * @param pressureShedThreshold pressure_shed_threshold in force
 * @param gate                the gate mode
 * @param poolEstimateNanos   deadline gate: estimated completion on the lane (for a spawn or inline
 *                            deadline drop: on that strategy), or -1 if not computed
 * @param batchEstimateNanos  deadline gate: estimated completion in a batch, or -1 if not computed
 * @param budgetLeftNanos     budget left at the decision
 */
public record DecisionEvent(long sequence, long timeNanos, long jobId, String kind, long cost, double scaling,
                            long budgetMs, boolean blocking, Strategy strategy, Rule rule, DecidedBy decidedBy,
                            int cpuBusy, int queueDepth, int parallelism, double pressure, long inlineThreshold,
                            long spawnThreshold, int busyThreshold, double pressureShedThreshold, GateMode gate,
                            long poolEstimateNanos, long batchEstimateNanos, long budgetLeftNanos) {

    /** Why this strategy, in words with the numbers, e.g. {@code cost 98324 >= spawn_threshold 60000, scaling 0.31 < 0.70 -> cpu_pool}. */
    public String explain() {
        String costVsThresholds = "cost " + cost + " > inline_threshold " + inlineThreshold + ", cost " + cost
                + " >= spawn_threshold " + spawnThreshold;
        String shortCost = "cost " + cost + " >= spawn_threshold " + spawnThreshold;
        return switch (rule) {
            case BUSY_GATE_BATCH -> "cpu_busy " + cpuBusy + " >= backpressure_busy_threshold " + busyThreshold
                    + " (busy gate), scaling " + f2(scaling) + " >= " + f2(Gate.BUSY_BATCH_SCALING) + " -> batch";
            case BUSY_GATE_DROP -> "cpu_busy " + cpuBusy + " >= backpressure_busy_threshold " + busyThreshold
                    + " (busy gate), scaling " + f2(scaling) + " < " + f2(Gate.BUSY_BATCH_SCALING)
                    + " -> drop (backpressure)";
            case BLOCKING_SPAWN -> "blocking job -> spawn (a waiting virtual thread frees its carrier)";
            case INLINE_CHEAP -> "cost " + cost + " <= inline_threshold " + inlineThreshold + " -> inline";
            case SPAWN_BELOW_THRESHOLD -> "cost " + cost + " > inline_threshold " + inlineThreshold + ", cost " + cost
                    + " < spawn_threshold " + spawnThreshold + " -> spawn";
            case BATCH_SCALABLE -> shortCost + ", scaling " + f2(scaling) + " >= " + f2(HeuristicPolicy.BATCH_SCALING)
                    + " -> batch" + fitNote(batchEstimateNanos);
            case CPU_DEFAULT -> shortCost + ", scaling " + f2(scaling) + " < " + f2(HeuristicPolicy.BATCH_SCALING)
                    + " -> cpu_pool" + fitNote(poolEstimateNanos);
            case DEADLINE_BATCH_TO_POOL -> shortCost + ", scaling " + f2(scaling) + " >= "
                    + f2(HeuristicPolicy.BATCH_SCALING) + " -> batch, but est. " + ms(batchEstimateNanos)
                    + " > budget left " + ms(budgetLeftNanos) + "; cpu_pool est. " + ms(poolEstimateNanos)
                    + " fits -> cpu_pool";
            case DEADLINE_DROP -> (batchEstimateNanos >= 0
                    ? costVsThresholds + ", batch est. " + ms(batchEstimateNanos) + " and cpu_pool est. "
                    + ms(poolEstimateNanos) + " both > budget left " + ms(budgetLeftNanos)
                    : shortCost + " -> cpu_pool, but est. " + ms(poolEstimateNanos) + " > budget left "
                    + ms(budgetLeftNanos)) + " -> drop (deadline)";
            case DEADLINE_SPAWN_DROP -> "cost " + cost + " < spawn_threshold " + spawnThreshold
                    + " -> spawn, but the carriers' backlog leaves it no time: est. " + ms(poolEstimateNanos)
                    + " > budget left " + ms(budgetLeftNanos) + " -> drop (deadline)";
            case DEADLINE_INLINE_DROP -> "budget left " + ms(budgetLeftNanos) + " < est. run time "
                    + ms(poolEstimateNanos) + " on arrival (callers are behind) -> drop (deadline)";
            case PRESSURE_SHED -> "pressure " + f2(pressure) + " >= pressure_shed_threshold "
                    + f2(pressureShedThreshold) + " on a job bound for cpu_pool or batch -> drop (pressure)";
            case LEARNED_INLINE, LEARNED_SPAWN, LEARNED_CPU_POOL, LEARNED_BATCH,
                 EXPLORED_INLINE, EXPLORED_SPAWN, EXPLORED_CPU_POOL, EXPLORED_BATCH ->
                    (decidedBy == DecidedBy.EXPLORATION ? "learned policy explored -> " : "learned policy chose -> ")
                            + strategy.wireName() + " (cost " + cost + ", scaling " + f2(scaling) + ", pressure "
                            + f2(pressure) + ")";
            case SHUTDOWN -> "router closing -> drop (shutdown)";
        };
    }

    /** The structured log line of the original's trace. */
    public String logLine() {
        return "route job_id=" + jobId + " kind=" + kind + " cost=" + cost + " scaling=" + f2(scaling)
                + " latency_budget_ms=" + budgetMs + " strategy=" + strategy.wireName() + " cpu_busy=" + cpuBusy;
    }

    private String fitNote(long estimate) {
        if (gate != GateMode.DEADLINE || estimate < 0) {
            return "";
        }
        return " (est. " + ms(estimate) + " <= budget left " + ms(budgetLeftNanos) + ")";
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
