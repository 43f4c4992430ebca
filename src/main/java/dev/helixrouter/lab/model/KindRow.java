package dev.helixrouter.lab.model;

import dev.helixrouter.engine.metrics.KindStats;
import dev.helixrouter.engine.metrics.LatencyStats;

/**
 * One row of the lab's per-kind table: what happened to the jobs of one kind since the run began,
 * formatted for display (latencies in ms, see {@link DisplayFormat}).
 *
 * @param kind      the kind's name
 * @param routed    jobs of this kind submitted
 * @param completed completed
 * @param met       completed within budget
 * @param late      completed past budget
 * @param dropped   dropped, any reason
 * @param failed    failed
 * @param p50       median latency, ms
 * @param p95       95th percentile, ms
 * @param max       largest, ms
 */
public record KindRow(String kind, long routed, long completed, long met, long late, long dropped, long failed,
                      String p50, String p95, String max) {

    /** The row for {@code stats}. */
    public static KindRow of(KindStats stats) {
        LatencyStats l = stats.latency();
        long n = l.count();
        return new KindRow(stats.kind(), stats.routed(), stats.completed(), stats.met(), stats.late(), stats.dropped(),
                stats.failed(), DisplayFormat.millis(l.p50Micros(), n), DisplayFormat.millis(l.p95Micros(), n),
                DisplayFormat.millis(l.maxMicros(), n));
    }
}
