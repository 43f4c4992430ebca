package dev.helixrouter.engine.policy;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;

/**
 * The gate around the routing policy (SPEC §4).
 *
 * <ul>
 *   <li>{@code busy} — the original, exactly: before any rule, if {@code cpu_busy >=
 *       backpressure_busy_threshold}, batch when scaling ≥ 0.65, else drop (backpressure).</li>
 *   <li>{@code deadline} — the policy first; a job it sends to the CPU lane or a batch is admitted
 *       only if its estimated completion (queue wait + own service, plus the remaining flush delay
 *       for a batch) fits the budget it has left. A batch that would miss is tried on the lane;
 *       one that fits nowhere is dropped (deadline). The same test guards the two strategies no
 *       queue bounds: a CPU-bound job sent to {@code spawn} must fit behind the carriers' backlog
 *       (virtual threads are not time-sliced, so that backlog is a queue), and a job sent
 *       {@code inline} must still have its own service time left — under overload, callers fall
 *       behind their schedule and a job can arrive with its budget already spent. Running such a
 *       job only makes every job behind it later. A blocking spawned job is admitted while it has
 *       budget left (its wait holds no carrier).</li>
 *   <li>In both modes, effective pressure ≥ {@code pressure_shed_threshold} sheds jobs bound
 *       for the lane or a batch.</li>
 * </ul>
 *
 * Stateless and allocation-free.
 */
public final class Gate {
    /** scaling_potential at or above which the busy gate batches instead of dropping. */
    public static final double BUSY_BATCH_SCALING = 0.65;

    private Gate() {}

    /** The busy gate's verdict before any policy, or null if it does not trip. */
    public static Rule preGate(Job job, LoadView load, RouterConfig config) {
        if (config.backpressureGate() == GateMode.BUSY && load.cpuBusy() >= config.busyThreshold()) {
            return job.scalingPotential() >= BUSY_BATCH_SCALING ? Rule.BUSY_GATE_BATCH : Rule.BUSY_GATE_DROP;
        }
        return null;
    }

    /** The deadline admission and pressure shed applied to the policy's choice. */
    public static Rule postGate(Rule chosen, Job job, LoadView load, RouterConfig config) {
        Rule rule = chosen;
        Strategy s = rule.strategy();
        if (config.backpressureGate() == GateMode.DEADLINE && s == Strategy.SPAWN && !fits(job, load, s, config)) {
            return Rule.DEADLINE_SPAWN_DROP;
        }
        if (config.backpressureGate() == GateMode.DEADLINE && s == Strategy.INLINE && !fits(job, load, s, config)) {
            return Rule.DEADLINE_INLINE_DROP;
        }
        if (config.backpressureGate() == GateMode.DEADLINE && (s == Strategy.CPU_POOL || s == Strategy.BATCH)) {
            if (s == Strategy.BATCH && !fits(job, load, Strategy.BATCH, config)) {
                rule = fits(job, load, Strategy.CPU_POOL, config) ? Rule.DEADLINE_BATCH_TO_POOL : Rule.DEADLINE_DROP;
            } else if (s == Strategy.CPU_POOL && !fits(job, load, Strategy.CPU_POOL, config)) {
                rule = Rule.DEADLINE_DROP;
            }
            s = rule.strategy();
        }
        if ((s == Strategy.CPU_POOL || s == Strategy.BATCH) && load.pressure() >= config.pressureShedThreshold()) {
            return Rule.PRESSURE_SHED;
        }
        return rule;
    }

    /**
     * Whether the gate would let {@code job} run on {@code s} now, given that the {@code busy}
     * gate did not trip: spawn only below {@code spawn_max_in_flight}; the lane and a batch
     * unless pressure sheds them; and with the {@code deadline} gate, any strategy only if the
     * job is estimated to finish there within its budget. The learned policy chooses among these.
     */
    public static boolean admits(Strategy s, Job job, LoadView load, RouterConfig config) {
        boolean deadline = config.backpressureGate() == GateMode.DEADLINE;
        return switch (s) {
            case INLINE -> !deadline || fits(job, load, s, config);
            case SPAWN -> load.spawnedInFlight() < config.spawnMaxInFlight() && (!deadline || fits(job, load, s, config));
            case CPU_POOL, BATCH -> load.pressure() < config.pressureShedThreshold()
                    && (!deadline || fits(job, load, s, config));
            case DROP -> false;
        };
    }

    /**
     * {@link #admits} for every strategy at once: bit {@code 1 << s.ordinal()} is set for each
     * strategy {@code s} the gate admits. One clock read and one service estimate serve all four,
     * where four {@code admits} calls make four of each (the learned policy's hot path).
     */
    public static int admittedMask(Job job, LoadView load, RouterConfig config) {
        return admittedMask(job, load, config, remainingBudgetNanos(job, load), load.pressure());
    }

    /**
     * {@link #admittedMask(Job, LoadView, RouterConfig)} with the budget left and the pressure
     * already read (each read costs a clock read).
     */
    public static int admittedMask(Job job, LoadView load, RouterConfig config, long budgetLeftNanos,
                                   double pressure) {
        boolean deadline = config.backpressureGate() == GateMode.DEADLINE;
        boolean lane = pressure < config.pressureShedThreshold();
        boolean spawn = load.spawnedInFlight() < config.spawnMaxInFlight();
        if (!deadline) {
            return bit(Strategy.INLINE) | (spawn ? bit(Strategy.SPAWN) : 0)
                    | (lane ? bit(Strategy.CPU_POOL) | bit(Strategy.BATCH) : 0);
        }
        long left = budgetLeftNanos;
        double headroom = config.deadlineHeadroom();
        long own = load.estimatedServiceNanos(job);
        int mask = own * headroom <= left ? bit(Strategy.INLINE) : 0;
        if (spawn && estimatedCompletionNanos(job, load, Strategy.SPAWN, own) * headroom <= left) {
            mask |= bit(Strategy.SPAWN);
        }
        if (lane) {
            if (estimatedCompletionNanos(job, load, Strategy.CPU_POOL, own) * headroom <= left) {
                mask |= bit(Strategy.CPU_POOL);
            }
            if (estimatedCompletionNanos(job, load, Strategy.BATCH, own) * headroom <= left) {
                mask |= bit(Strategy.BATCH);
            }
        }
        return mask;
    }

    private static int bit(Strategy s) {
        return 1 << s.ordinal();
    }

    /**
     * Whether {@code job} is estimated to finish within its remaining budget on {@code s}, with
     * {@code deadline_headroom}: the estimate times the headroom must fit.
     */
    public static boolean fits(Job job, LoadView load, Strategy s, RouterConfig config) {
        return estimatedCompletionNanos(job, load, s) * config.deadlineHeadroom() <= remainingBudgetNanos(job, load);
    }

    /** Budget left: the budget minus the time already spent since the intended start. */
    public static long remainingBudgetNanos(Job job, LoadView load) {
        long waited = job.intendedStartNanos() == Job.AT_SUBMIT ? 0 : Math.max(0, load.nowNanos() - job.intendedStartNanos());
        return job.latencyBudgetNanos() - waited;
    }

    /** Estimated time from now until {@code job} would complete on {@code s}. */
    public static long estimatedCompletionNanos(Job job, LoadView load, Strategy s) {
        if (s == Strategy.SPAWN && job.blocking()) {
            return 0; // its own time is mostly waiting, which holds no carrier: admitted while budget is left
        }
        return estimatedCompletionNanos(job, load, s, load.estimatedServiceNanos(job));
    }

    private static long estimatedCompletionNanos(Job job, LoadView load, Strategy s, long own) {
        if (s == Strategy.SPAWN && job.blocking()) {
            return 0;
        }
        if (s == Strategy.INLINE) {
            return own;
        }
        if (s == Strategy.SPAWN) {
            return load.estimatedSpawnWaitNanos() + own;
        }
        long wait = load.estimatedLaneWaitNanos();
        if (s == Strategy.BATCH) {
            // The batch runs as one task: the job waits for the flush, the lane queue, and its
            // batch-mates ahead of it (up to the buffer's depth).
            return load.estimatedBatchFlushNanos(job) + wait + own * (load.batchDepth(job) + 1L);
        }
        return wait + own;
    }
}
