package dev.helixrouter.engine.policy;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.config.RouterConfig;

/**
 * Chooses a strategy for a job from its intent, the live load and the config.
 *
 * <p>A policy is pure and allocation-free on the hot path: it returns a {@link Rule} constant
 * naming both the strategy and why. The gate around it ({@code busy} or {@code deadline}, and the
 * pressure shed) is applied by the router, so a policy never overrides a gate decision.
 */
@FunctionalInterface
public interface RoutingPolicy {
    /** The rule that routes {@code job}. Never a gate rule. */
    Rule choose(Job job, LoadView load, RouterConfig config);
}
