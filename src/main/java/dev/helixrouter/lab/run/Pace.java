package dev.helixrouter.lab.run;

/**
 * How fast a virtual run's simulated time passes against the wall clock, so that a person can
 * watch it. Pacing only spaces the simulation's events out in wall time: it never changes what
 * the simulation computes, so a run gives the same numbers at every pace. Live runs always go at
 * the wall clock's pace.
 */
public enum Pace {
    /** One simulated second per second: a virtual run looks like a live one. */
    REAL_TIME("1\u00d7", 1),
    /** Ten simulated seconds per second. */
    TEN_TIMES("10\u00d7", 10),
    /** A hundred simulated seconds per second. */
    HUNDRED_TIMES("100\u00d7", 100),
    /** As fast as the simulation goes (one core of this machine). */
    MAX("max", Double.POSITIVE_INFINITY);

    private final String label;
    private final double factor;

    Pace(String label, double factor) {
        this.label = label;
        this.factor = factor;
    }

    /** For the toolbar: {@code 1×}, {@code 10×}, {@code 100×}, {@code max}. */
    public String label() {
        return label;
    }

    /** Simulated seconds per wall-clock second; infinite for {@link #MAX}. */
    public double factor() {
        return factor;
    }
}
