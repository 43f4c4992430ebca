package dev.helixrouter.lab.model;

import java.util.Locale;

/**
 * How the lab writes numbers. Latencies are in milliseconds with three decimals (microsecond
 * resolution): one unit for every column, so 0.004 and 187.201 can be compared at a glance, and
 * inline work (well under a millisecond) still shows its size. Counts get thousands separators.
 */
public final class DisplayFormat {
    /** Shown where a strategy has no samples. */
    public static final String NONE = "\u2014";

    private DisplayFormat() {}

    /** {@code micros} as milliseconds, e.g. {@code 1234.5} → {@code "1.235"}; {@link #NONE} without samples. */
    public static String millis(double micros, long count) {
        if (count == 0 || Double.isNaN(micros)) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%,.3f", micros / 1000.0);
    }

    /** A count with grouping, e.g. {@code 12,345}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A count in at most five characters: {@code 9,999}, {@code 12.3k}, {@code 456k}, {@code 7.89M}. */
    public static String compact(long n) {
        if (n < 10_000) {
            return count(n);
        }
        if (n < 100_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.0fk", n / 1e3);
        }
        return String.format(Locale.ROOT, "%.2fM", n / 1e6);
    }

    /** A rate per second, e.g. {@code 12,345/s} or {@code 3.2/s}; {@link #NONE} for NaN. */
    public static String rate(double perSecond) {
        if (!Double.isFinite(perSecond)) {
            return NONE;
        }
        return perSecond >= 100 || perSecond == 0
                ? String.format(Locale.ROOT, "%,.0f/s", perSecond)
                : String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    /** A share 0–1 as a percentage with one decimal, e.g. {@code 34.5 %}. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** A run time: {@code 0:07.3} under a minute… {@code 12:04}, {@code 1:02:03} past an hour. */
    public static String elapsed(java.time.Duration d) {
        long millis = d.toMillis();
        long h = millis / 3_600_000;
        long m = millis / 60_000 % 60;
        long s = millis / 1000 % 60;
        if (h > 0) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s);
        }
        return String.format(Locale.ROOT, "%d:%02d.%d", m, s, millis / 100 % 10);
    }

    /** How many times faster than real time, e.g. {@code 0.04×}, {@code 0.8×}, {@code 37×}, {@code 1,250×}. */
    public static String speedup(double x) {
        if (!Double.isFinite(x)) {
            return NONE;
        }
        String f = x < 0.095 ? "%.2f\u00d7" : x < 9.95 ? "%.1f\u00d7" : "%,.0f\u00d7";
        return String.format(Locale.ROOT, f, x);
    }

    /** A decimal in its shortest plain form: {@code 0.9}, {@code 0.15}, {@code 1.5}, {@code 2}. */
    public static String decimal(double v) {
        if (!Double.isFinite(v)) {
            return NONE;
        }
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
