package dev.helixrouter.engine;

import java.util.Locale;

/** How the router runs a job. */
public enum Strategy {
    /** Run now, synchronously, on the caller's thread. */
    INLINE,
    /** Run concurrently on a new virtual thread (bounded in number). */
    SPAWN,
    /** Run on the bounded CPU lane of platform workers. */
    CPU_POOL,
    /** Queue with jobs of the same kind; the batch runs as one task on the CPU lane. */
    BATCH,
    /** Refuse the job on purpose, now. */
    DROP;

    private static final Strategy[] VALUES = values();

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The name used in JSON, metrics labels and logs: {@code inline}, {@code cpu_pool}, … */
    public String wireName() {
        return wire;
    }

    /** Parses a wire name. */
    public static Strategy fromWire(String s) {
        for (Strategy v : VALUES) {
            if (v.wire.equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + s + "' (expected inline, spawn, cpu_pool, batch or drop)");
    }

    /** All strategies, shared array: do not modify. */
    static Strategy[] all() {
        return VALUES;
    }
}
