package dev.helixrouter.lab.model;

import dev.helixrouter.engine.config.ConfigKey;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Maps a config key's value to a slider position and back. Keys whose range spans two orders of
 * magnitude or more (1 to 100 000 for {@code spawn_max_in_flight}) get a logarithmic scale, so
 * the small values that matter most are not squeezed into the slider's first pixel. Values from
 * the slider are rounded to something a person would type: whole numbers below 100, then two
 * significant digits; decimals to two places (three below 0.1).
 *
 * @param min     the key's suggested lower end ({@link ConfigKey#uiMin()})
 * @param max     the key's suggested upper end ({@link ConfigKey#uiMax()})
 * @param log     whether positions are logarithmic in the value
 * @param integer whether values are whole numbers
 */
public record SliderScale(double min, double max, boolean log, boolean integer) {
    /** Slider positions run from 0 to this. */
    public static final double POSITIONS = 1000;

    /** The scale for {@code key} (choice keys get a meaningless linear one; they use a combo box). */
    public static SliderScale of(ConfigKey key) {
        double lo = key.uiMin();
        double hi = key.uiMax();
        boolean integer = key.type() == ConfigKey.ValueType.INTEGER;
        boolean log = key.type() != ConfigKey.ValueType.CHOICE && hi / Math.max(lo, integer ? 1 : 0.01) >= 100;
        return new SliderScale(lo, hi, log, integer);
    }

    private double offset() {
        return min <= 0 ? 1 - min : 0; // log needs positive values: shift a range that starts at 0
    }

    /** Where {@code value} sits on the slider, clamped to the ends. */
    public double toPosition(double value) {
        double v = Math.clamp(value, min, max);
        if (max <= min) {
            return 0;
        }
        if (!log) {
            return (v - min) / (max - min) * POSITIONS;
        }
        double off = offset();
        double lo = Math.log(min + off);
        double hi = Math.log(max + off);
        return (Math.log(v + off) - lo) / (hi - lo) * POSITIONS;
    }

    /** The (rounded) value at slider {@code position}. */
    public double toValue(double position) {
        double p = Math.clamp(position, 0, POSITIONS) / POSITIONS;
        double v;
        if (!log) {
            v = min + p * (max - min);
        } else {
            double off = offset();
            double lo = Math.log(min + off);
            double hi = Math.log(max + off);
            v = Math.exp(lo + p * (hi - lo)) - off;
        }
        return Math.clamp(round(v), min, max);
    }

    private double round(double v) {
        if (integer) {
            if (Math.abs(v) < 100) {
                return Math.rint(v);
            }
            return new BigDecimal(v).round(new MathContext(2, RoundingMode.HALF_EVEN)).doubleValue();
        }
        int places = Math.abs(v) < 0.1 ? 3 : 2;
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }
}
