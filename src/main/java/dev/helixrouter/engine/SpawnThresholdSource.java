package dev.helixrouter.engine;

import dev.helixrouter.engine.config.RouterConfig;

/**
 * Supplies the spawn threshold in force. The adaptive layer raises it while the CPU lane's p95
 * is over budget because of queue wait; without it, the configured {@code spawn_threshold}.
 */
@FunctionalInterface
public interface SpawnThresholdSource {
    /** The threshold now. Called per decision: must be a cheap read. */
    long spawnThreshold(RouterConfig config);

    /** The configured value, unchanged. */
    SpawnThresholdSource CONFIGURED = RouterConfig::spawnThreshold;
}
