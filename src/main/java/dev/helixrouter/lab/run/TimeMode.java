package dev.helixrouter.lab.run;

import java.util.Locale;

/** How a run's time passes: on the wall clock, or simulated (SPEC §8). */
public enum TimeMode {
    /** Real threads on this machine, in real time. */
    LIVE,
    /** A discrete-event simulation of a modelled machine: reproducible, faster than real time. */
    VIRTUAL;

    /** {@code live} or {@code virtual}, as in reports and on the command line. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
