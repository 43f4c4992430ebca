package dev.helixrouter.engine.metrics;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.Strategy;
import java.util.Map;

/**
 * An immutable picture of the router, published once per metrics interval by the sampler.
 *
 * <p>Reading it costs nothing: every reader (the lab, {@code /metrics}, the adaptive layer) gets
 * the same published object, and no reader can steal another's interval.
 *
 * @param sequence          number of intervals closed so far (0 = the initial, empty snapshot)
 * @param takenAtNanos      clock reading when the interval closed
 * @param uptimeNanos       since the router started
 * @param intervalNanos     length of the interval this snapshot closes
 * @param configVersion     version of the config in force
 * @param submitted         jobs submitted
 * @param completed         jobs completed
 * @param dropped           jobs dropped, all reasons
 * @param droppedByReason   jobs dropped per reason (every reason present)
 * @param failed            jobs failed
 * @param inFlight          handles not yet ended (counted on its own, not derived)
 * @param strategies        per strategy (every strategy present)
 * @param kinds             per kind name (kinds seen so far)
 * @param queueDepth        jobs and batches waiting in the CPU lane's queue
 * @param queueCapacity     the lane's current bound
 * @param cpuBusy           lane workers executing a task
 * @param parallelism       lane workers configured
 * @param cpuStuck          lane tasks running far beyond their budget, each compensated by an
 *                          extra worker (docs/RELIABILITY.md, stuck workers)
 * @param spawnedInFlight   virtual threads running jobs
 * @param batchDepths       jobs waiting per batch buffer (kind name)
 * @param pressure          pressure scores
 * @param adaptiveSpawnThreshold the spawn threshold in force (adaptive, or the configured one)
 * @param throughputPerSec  completions per second over the last interval
 * @param goodputPerSec     completions within budget per second over the last interval
 * @param dropRatePerSec    drops per second over the last interval
 * @param decisionsPublished decision events published since start
 * @param extensions        state of plugged-in components (learned policy, autoscaler), by name
 */
public record RouterSnapshot(long sequence, long takenAtNanos, long uptimeNanos, long intervalNanos,
                             long configVersion, long submitted, long completed, long dropped,
                             Map<DropReason, Long> droppedByReason, long failed, long inFlight,
                             Map<Strategy, StrategyStats> strategies, Map<String, KindStats> kinds,
                             int queueDepth, int queueCapacity, int cpuBusy, int parallelism, int cpuStuck, int spawnedInFlight,
                             Map<String, Integer> batchDepths, PressureReading pressure,
                             long adaptiveSpawnThreshold, double throughputPerSec, double goodputPerSec,
                             double dropRatePerSec, long decisionsPublished, Map<String, Object> extensions) {

    /** Stats of one strategy. */
    public StrategyStats strategy(Strategy s) {
        return strategies.get(s);
    }

    /** Routed count of one strategy. */
    public long routed(Strategy s) {
        return strategies.get(s).routed();
    }

    /** Whether the router is idle: nothing in flight. */
    public boolean idle() {
        return inFlight == 0;
    }
}
