package dev.helixrouter.engine.metrics;

import dev.helixrouter.engine.Strategy;
import java.util.Map;

/**
 * Since-start latency distributions as buckets, published with each snapshot (by
 * {@link dev.helixrouter.engine.HelixRouter#latencyHistograms()}), for {@code /metrics}.
 *
 * @param latency   end-to-end latency per strategy that runs jobs
 * @param queueWait queue wait per queued strategy (cpu_pool, batch)
 * @param service   service time per strategy that runs jobs
 * @param kinds     end-to-end latency per kind name
 */
public record LatencyHistograms(Map<Strategy, LatencyHistogram> latency, Map<Strategy, LatencyHistogram> queueWait,
                                Map<Strategy, LatencyHistogram> service, Map<String, LatencyHistogram> kinds) {
    /** Nothing recorded yet. */
    public static final LatencyHistograms EMPTY = new LatencyHistograms(Map.of(), Map.of(), Map.of(), Map.of());
}
