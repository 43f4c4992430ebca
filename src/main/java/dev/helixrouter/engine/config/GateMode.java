package dev.helixrouter.engine.config;

import java.util.Locale;

/** How the router sheds load before the CPU lane (SPEC §4). */
public enum GateMode {
    /** The original HelixRouter's gate: shed by CPU-lane busy count before any other rule. */
    BUSY,
    /** Admit a job to the CPU lane or a batch only if its estimated completion fits its budget. */
    DEADLINE;

    /** JSON name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
