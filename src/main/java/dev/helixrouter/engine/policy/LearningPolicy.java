package dev.helixrouter.engine.policy;

/**
 * A routing policy that learns from what happened to the jobs it routed.
 *
 * <p>The router calls {@link #learn} once for every job whose strategy this policy chose (its
 * greedy choice or an exploration draw, not a gate's verdict), when the job ends: completed,
 * failed, or dropped after routing ({@code queue_full}, {@code spawn_full}, {@code shutdown}) —
 * never for a cancelled job. Calls come from whichever thread ended the job, concurrently.
 */
public interface LearningPolicy extends RoutingPolicy {
    /** One routed job's outcome, with the load it was routed under. */
    void learn(Feedback feedback);
}
