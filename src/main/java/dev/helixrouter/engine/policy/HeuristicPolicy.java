package dev.helixrouter.engine.policy;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.config.RouterConfig;

/**
 * The original HelixRouter's rules (SPEC §4, rules 2–5), plus one addition: a blocking job goes
 * to a virtual thread whatever its cost, since it would otherwise hold a caller or a CPU worker
 * while it waits. The gate is not here: the router applies it around any policy.
 */
public final class HeuristicPolicy implements RoutingPolicy {
    /** scaling_potential at or above which a job is batched. */
    public static final double BATCH_SCALING = 0.70;

    /** The shared instance (the policy is stateless). */
    public static final HeuristicPolicy INSTANCE = new HeuristicPolicy();

    private HeuristicPolicy() {}

    @Override
    public Rule choose(Job job, LoadView load, RouterConfig config) {
        return classChoice(job, config, load.spawnThreshold());
    }

    /** The rules above with the spawn threshold given: they read nothing else of the load. */
    public static Rule classChoice(Job job, RouterConfig config, long spawnThreshold) {
        if (job.blocking()) {
            return Rule.BLOCKING_SPAWN;
        }
        long cost = job.computeCost();
        if (cost <= config.inlineThreshold()) {
            return Rule.INLINE_CHEAP;
        }
        if (cost < spawnThreshold) {
            return Rule.SPAWN_BELOW_THRESHOLD;
        }
        if (job.scalingPotential() >= BATCH_SCALING) {
            return Rule.BATCH_SCALABLE;
        }
        return Rule.CPU_DEFAULT;
    }
}
