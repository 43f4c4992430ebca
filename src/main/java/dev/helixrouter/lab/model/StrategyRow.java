package dev.helixrouter.lab.model;

import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.metrics.LatencyStats;
import dev.helixrouter.engine.metrics.StrategyStats;

/**
 * One row of the lab's strategy table: what the router did with one strategy since the run
 * began, already formatted for display (latencies in ms, see {@link DisplayFormat}).
 *
 * @param strategy  the strategy
 * @param routed    jobs routed to it
 * @param share     its share of all routed jobs, 0–1
 * @param completed jobs it completed
 * @param met       completed within their budget
 * @param late      completed past their budget
 * @param mean      mean latency, ms
 * @param p50       median, ms
 * @param p95       95th percentile, ms
 * @param p99       99th percentile, ms
 * @param max       largest, ms
 * @param ema       exponential moving average of interval means ({@code ema_alpha}), ms
 */
public record StrategyRow(Strategy strategy, long routed, double share, long completed, long met, long late, String mean,
                          String p50, String p95, String p99, String max, String ema) {

    /** The row for {@code stats}, out of {@code totalRouted} jobs routed to any strategy. */
    public static StrategyRow of(StrategyStats stats, long totalRouted) {
        LatencyStats l = stats.latency();
        long n = l.count();
        double share = totalRouted > 0 ? (double) stats.routed() / totalRouted : 0;
        return new StrategyRow(stats.strategy(), stats.routed(), share, stats.completed(), stats.met(), stats.late(),
                DisplayFormat.millis(l.meanMicros(), n), DisplayFormat.millis(l.p50Micros(), n),
                DisplayFormat.millis(l.p95Micros(), n), DisplayFormat.millis(l.p99Micros(), n),
                DisplayFormat.millis(l.maxMicros(), n), DisplayFormat.millis(l.emaMicros(), n));
    }

    /** The strategy's wire name: {@code inline}, {@code cpu_pool}, … */
    public String name() {
        return strategy.wireName();
    }
}
