package dev.helixrouter.engine.policy;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Strategy;
import java.util.Optional;

/**
 * Which rule decided a job's strategy. Returning a constant keeps {@code choose} allocation-free,
 * and the rule is what {@link dev.helixrouter.engine.DecisionEvent#explain()} puts into words.
 */
public enum Rule {
    /** {@code busy} gate tripped, scaling ≥ 0.65: batch. */
    BUSY_GATE_BATCH(Strategy.BATCH, null),
    /** {@code busy} gate tripped, scaling &lt; 0.65: drop. */
    BUSY_GATE_DROP(Strategy.DROP, DropReason.BACKPRESSURE),
    /** A blocking job goes to a virtual thread whatever its cost. */
    BLOCKING_SPAWN(Strategy.SPAWN, null),
    /** cost ≤ inline_threshold. */
    INLINE_CHEAP(Strategy.INLINE, null),
    /** cost &lt; spawn_threshold. */
    SPAWN_BELOW_THRESHOLD(Strategy.SPAWN, null),
    /** scaling ≥ 0.70. */
    BATCH_SCALABLE(Strategy.BATCH, null),
    /** Everything else. */
    CPU_DEFAULT(Strategy.CPU_POOL, null),
    /** {@code deadline} gate: a batch would miss its budget in the buffer, the CPU lane fits. */
    DEADLINE_BATCH_TO_POOL(Strategy.CPU_POOL, null),
    /** {@code deadline} gate: fits nowhere. */
    DEADLINE_DROP(Strategy.DROP, DropReason.DEADLINE),
    /** {@code deadline} gate: a spawned job would wait behind the carriers' backlog past its budget. */
    DEADLINE_SPAWN_DROP(Strategy.DROP, DropReason.DEADLINE),
    /** {@code deadline} gate: the job's budget is spent before it could run inline. */
    DEADLINE_INLINE_DROP(Strategy.DROP, DropReason.DEADLINE),
    /** Effective pressure ≥ pressure_shed_threshold on a job bound for the lane or a batch. */
    PRESSURE_SHED(Strategy.DROP, DropReason.PRESSURE),
    /** The learned policy chose inline. */
    LEARNED_INLINE(Strategy.INLINE, null),
    /** The learned policy chose spawn. */
    LEARNED_SPAWN(Strategy.SPAWN, null),
    /** The learned policy chose the CPU lane. */
    LEARNED_CPU_POOL(Strategy.CPU_POOL, null),
    /** The learned policy chose batch. */
    LEARNED_BATCH(Strategy.BATCH, null),
    /** The learned policy's exploration draw picked inline. */
    EXPLORED_INLINE(Strategy.INLINE, null),
    /** The learned policy's exploration draw picked spawn. */
    EXPLORED_SPAWN(Strategy.SPAWN, null),
    /** The learned policy's exploration draw picked the CPU lane. */
    EXPLORED_CPU_POOL(Strategy.CPU_POOL, null),
    /** The learned policy's exploration draw picked batch. */
    EXPLORED_BATCH(Strategy.BATCH, null),
    /** The router is closing. */
    SHUTDOWN(Strategy.DROP, DropReason.SHUTDOWN);

    private final Strategy strategy;
    private final DropReason dropReason;

    Rule(Strategy strategy, DropReason dropReason) {
        this.strategy = strategy;
        this.dropReason = dropReason;
    }

    /** The strategy this rule routes to. */
    public Strategy strategy() {
        return strategy;
    }

    /** For drop rules, the reason. */
    public Optional<DropReason> dropReason() {
        return Optional.ofNullable(dropReason);
    }

    /** The drop reason, or null: for the hot path. */
    public DropReason dropReasonOrNull() {
        return dropReason;
    }

    /** Whether the gate (not the policy) decided. */
    public boolean isGate() {
        return switch (this) {
            case BUSY_GATE_BATCH, BUSY_GATE_DROP, DEADLINE_BATCH_TO_POOL, DEADLINE_DROP, DEADLINE_SPAWN_DROP,
                 DEADLINE_INLINE_DROP, PRESSURE_SHED, SHUTDOWN -> true;
            default -> false;
        };
    }

    /** Whether the learned policy's exploration draw chose (rather than its greedy choice). */
    public boolean isExploration() {
        return switch (this) {
            case EXPLORED_INLINE, EXPLORED_SPAWN, EXPLORED_CPU_POOL, EXPLORED_BATCH -> true;
            default -> false;
        };
    }

    /** The exploration rule for a strategy. */
    public static Rule explored(Strategy s) {
        return switch (s) {
            case INLINE -> EXPLORED_INLINE;
            case SPAWN -> EXPLORED_SPAWN;
            case CPU_POOL -> EXPLORED_CPU_POOL;
            case BATCH -> EXPLORED_BATCH;
            case DROP -> throw new IllegalArgumentException("the learned policy never drops; the gate does");
        };
    }

    /** The learned-policy rule for a strategy. */
    public static Rule learned(Strategy s) {
        return switch (s) {
            case INLINE -> LEARNED_INLINE;
            case SPAWN -> LEARNED_SPAWN;
            case CPU_POOL -> LEARNED_CPU_POOL;
            case BATCH -> LEARNED_BATCH;
            case DROP -> throw new IllegalArgumentException("the learned policy never drops; the gate does");
        };
    }
}
