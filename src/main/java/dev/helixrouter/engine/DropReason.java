package dev.helixrouter.engine;

import java.util.Locale;

/** Why a job was dropped. */
public enum DropReason {
    /** The {@code busy} gate: CPU lane busy at or above the threshold. */
    BACKPRESSURE,
    /** The CPU lane's queue was at its bound. */
    QUEUE_FULL,
    /** {@code spawn_max_in_flight} virtual threads were already running. */
    SPAWN_FULL,
    /** The {@code deadline} gate: the job could not finish within its budget anywhere. */
    DEADLINE,
    /** Effective pressure at or above {@code pressure_shed_threshold}. */
    PRESSURE,
    /** The router was closing. */
    SHUTDOWN,
    /** Cancelled through its handle while queued. */
    CANCELLED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The name used in JSON, metrics labels and logs. */
    public String wireName() {
        return wire;
    }
}
