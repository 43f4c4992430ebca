package dev.helixrouter.lab.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What the lab shows of the autoscaler, read from the {@code autoscaler} extension of a
 * snapshot. The fields it reads (all optional, others ignored):
 *
 * <pre>{@code
 * {
 *   "mode": "recommend",                 // off | recommend | apply
 *   "observed_rate": 1830.5,             // arrivals per second now (or "arrival_rate")
 *   "forecast_rate": 2100.0,             // forecast a horizon ahead
 *   "horizon_secs": 30,
 *   "recommended_parallelism": 4,
 *   "recommended_queue_cap": 220,
 *   "reason": "forecast x mean service 1.9 ms = 4.0 workers"
 * }
 * }</pre>
 *
 * @param mode                    off, recommend or apply; empty if not published
 * @param observedRate            arrivals per second; NaN if not published
 * @param forecastRate            forecast arrivals per second; NaN if not published
 * @param horizonSecs             how far ahead the forecast looks; NaN if not published
 * @param recommendedParallelism  recommended cpu_parallelism; -1 if none
 * @param recommendedQueueCap     recommended cpu_queue_cap; -1 if none
 * @param reason                  why, in words; empty if not published
 */
public record AutoscalerState(Optional<String> mode, double observedRate, double forecastRate, double horizonSecs,
                              int recommendedParallelism, int recommendedQueueCap, Optional<String> reason) {

    /** The extension's name in {@code RouterSnapshot.extensions()}. */
    public static final String EXTENSION = "autoscaler";

    /**
     * Reads the state from the extension's value.
     *
     * @throws IllegalArgumentException if it is not a JSON object
     */
    public static AutoscalerState from(Object extensionValue) {
        JsonNode n = ExtensionJson.tree(extensionValue);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("autoscaler: expected an object");
        }
        double p = ExtensionJson.number(n, "recommended_parallelism");
        double q = ExtensionJson.number(n, "recommended_queue_cap");
        return new AutoscalerState(ExtensionJson.text(n, "mode"),
                ExtensionJson.number(n, "observed_rate", "arrival_rate"), ExtensionJson.number(n, "forecast_rate"),
                ExtensionJson.number(n, "horizon_secs"), Double.isFinite(p) ? (int) p : -1,
                Double.isFinite(q) ? (int) q : -1, ExtensionJson.text(n, "reason"));
    }
}
