package dev.helixrouter.engine.policy;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.Strategy;

/**
 * What a {@link LearningPolicy} learns from: one job it routed, the load at the decision, and
 * how the job ended.
 *
 * @param job             the job
 * @param strategy        the strategy it ran with (or was dropped from)
 * @param explored        whether the policy's exploration draw chose it
 * @param pressure        effective pressure at the decision, in [0, 1]
 * @param saturation      CPU-lane workers busy ÷ workers at the decision
 * @param queueFill       CPU-lane queue depth ÷ queue bound at the decision
 * @param budgetLeftNanos latency budget left at the decision (negative when already late)
 * @param ended           how the job ended
 * @param dropReason      for {@link Ended#DROPPED}, why; otherwise null
 * @param latencyNanos    for a completed job, intended start to completion; otherwise 0
 * @param serviceNanos    for a completed job, the time its work ran; otherwise 0
 * @param met             whether it completed within its budget
 * @param pressureNow     effective pressure when it ended, in [0, 1]
 */
public record Feedback(Job job, Strategy strategy, boolean explored, double pressure, double saturation,
                       double queueFill, long budgetLeftNanos, Ended ended, DropReason dropReason,
                       long latencyNanos, long serviceNanos, boolean met, double pressureNow) {

    /** How a routed job ended. */
    public enum Ended {
        /** Its work returned. */
        COMPLETED,
        /** Its work threw, or the router gave up on it at shutdown. */
        FAILED,
        /** It was dropped after routing (queue full, spawn limit, shutdown). */
        DROPPED
    }
}
