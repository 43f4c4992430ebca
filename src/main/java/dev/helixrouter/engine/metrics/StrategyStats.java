package dev.helixrouter.engine.metrics;

import dev.helixrouter.engine.Strategy;

/**
 * What one strategy did, since start and over the last interval.
 *
 * @param strategy       the strategy
 * @param routed         jobs the router sent here (for {@code drop}: jobs dropped by the policy or gate)
 * @param completed      jobs that ran to completion
 * @param met            completed within budget
 * @param late           completed past budget
 * @param failed         jobs whose work threw or timed out at shutdown
 * @param latency        end-to-end latency since start (intended start to end)
 * @param intervalLatency latency over the last interval
 * @param queueWait      for queued strategies: intended start to start of execution, since start
 * @param service        start of execution to end, since start
 * @param intervalCompleted completions in the last interval
 * @param intervalMet    completions within budget in the last interval
 * @param intervalQueueWait queue wait over the last interval
 * @param intervalService service time over the last interval
 */
public record StrategyStats(Strategy strategy, long routed, long completed, long met, long late, long failed,
                            LatencyStats latency, LatencyStats intervalLatency, LatencyStats queueWait,
                            LatencyStats service, long intervalCompleted, long intervalMet,
                            LatencyStats intervalQueueWait, LatencyStats intervalService) {}
