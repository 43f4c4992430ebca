package dev.helixrouter.lab.model;

import dev.helixrouter.engine.Strategy;
import java.util.Map;
import java.util.Objects;

/**
 * One point of the overview's time series: the rates and latencies of one metrics interval.
 *
 * @param timeSecs     router uptime at the end of the interval, seconds
 * @param arrivals     jobs submitted per second over the interval
 * @param throughput   completions per second
 * @param goodput      completions within budget per second
 * @param dropRate     drops per second
 * @param latency      per strategy that completed jobs in the interval: its latency percentiles
 */
public record HistoryPoint(double timeSecs, double arrivals, double throughput, double goodput, double dropRate,
                           Map<Strategy, Percentiles> latency) {

    /**
     * Latency percentiles of one interval, in milliseconds.
     *
     * @param p50 median
     * @param p95 95th percentile
     * @param p99 99th percentile
     */
    public record Percentiles(double p50, double p95, double p99) {}

    /** Copies the map. */
    public HistoryPoint {
        latency = Map.copyOf(Objects.requireNonNull(latency, "latency"));
    }
}
