package dev.helixrouter.lab;

import java.util.Locale;

/**
 * How the lab writes numbers. Latencies are in milliseconds with three decimals (microsecond
 * resolution): one unit for every column, so 0.004 and 187.201 can be compared at a glance, and
 * inline work (well under a millisecond) still shows its size. Counts get thousands separators.
 */
final class DisplayFormat {
    /** Shown where a strategy has no samples. */
    static final String NONE = "\u2014";

    private DisplayFormat() {}

    /** {@code micros} as milliseconds, e.g. {@code 1234.5} → {@code "1.235"}; {@link #NONE} without samples. */
    static String millis(double micros, long count) {
        if (count == 0 || Double.isNaN(micros)) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%,.3f", micros / 1000.0);
    }

    /** A count with grouping, e.g. {@code 12,345}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
