package dev.helixrouter.engine.config;

import java.util.Locale;

/** What the autoscaler does with its recommendation (config key {@code autoscaler_mode}). */
public enum AutoscalerMode {
    /** Nothing: no forecast, no recommendation. */
    OFF,
    /** Forecasts and recommends (in the snapshot, the lab and {@code run --json}); changes nothing. */
    RECOMMEND,
    /** Recommends and applies: patches {@code cpu_parallelism} and {@code cpu_queue_cap} live. */
    APPLY;

    /** JSON name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
