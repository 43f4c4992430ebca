package dev.helixrouter.engine;

/** Who made a routing decision. */
public enum DecidedBy {
    /** The heuristic policy's rules. */
    HEURISTIC,
    /** The learned policy's greedy choice. */
    LEARNED,
    /** The learned policy's exploration draw. */
    EXPLORATION,
    /** The gate overruled or pre-empted the policy. */
    GATE;

    /** JSON name. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
