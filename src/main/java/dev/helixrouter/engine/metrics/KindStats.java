package dev.helixrouter.engine.metrics;

/**
 * What the router did with one kind of job, since start and over the last interval.
 *
 * @param kind            the kind's name
 * @param routed          jobs of this kind submitted
 * @param completed       completed
 * @param met             completed within budget
 * @param late            completed past budget
 * @param dropped         dropped for any reason
 * @param failed          failed
 * @param latency         latency since start
 * @param intervalLatency latency over the last interval
 */
public record KindStats(String kind, long routed, long completed, long met, long late, long dropped, long failed,
                        LatencyStats latency, LatencyStats intervalLatency) {}
