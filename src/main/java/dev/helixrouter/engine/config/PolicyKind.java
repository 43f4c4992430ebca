package dev.helixrouter.engine.config;

import java.util.Locale;

/** Which routing policy chooses strategies (config key {@code routing_policy}). */
public enum PolicyKind {
    /** The original's rules (SPEC §4). */
    HEURISTIC,
    /** The contextual bandit of the adaptive layer (SPEC §7). */
    LEARNED;

    /** JSON name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
