package dev.helixrouter.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.ConfigKey;
import org.junit.jupiter.api.Test;

class SliderScaleTest {

    @Test
    void wideRanges_areLogarithmic_narrowOnesLinear() {
        assertTrue(SliderScale.of(ConfigKey.SPAWN_THRESHOLD).log());
        assertTrue(SliderScale.of(ConfigKey.SHUTDOWN_GRACE_MS).log(), "0..60000 too");
        assertFalse(SliderScale.of(ConfigKey.ADAPTIVE_P95_THRESHOLD_FACTOR).log());
        assertFalse(SliderScale.of(ConfigKey.PRESSURE_SHED_THRESHOLD).log());
    }

    @Test
    void theEnds_mapToTheRangesEnds() {
        for (ConfigKey k : ConfigKey.values()) {
            if (k.type() == ConfigKey.ValueType.CHOICE) {
                continue;
            }
            SliderScale s = SliderScale.of(k);
            assertEquals(k.uiMin(), s.toValue(0), 1e-9, k.jsonName());
            assertEquals(k.uiMax(), s.toValue(SliderScale.POSITIONS), 1e-9, k.jsonName());
            assertEquals(0, s.toPosition(k.uiMin()), 1e-9, k.jsonName());
            assertEquals(SliderScale.POSITIONS, s.toPosition(k.uiMax()), 1e-9, k.jsonName());
        }
    }

    @Test
    void valuesFromTheSlider_areRoundToTypeable() {
        SliderScale s = SliderScale.of(ConfigKey.SPAWN_THRESHOLD);
        for (int p = 0; p <= 1000; p += 7) {
            double v = s.toValue(p);
            assertEquals(Math.rint(v), v, 0, "whole: " + v);
            if (v >= 100) {
                String digits = Long.toString((long) v).replaceAll("0+$", "");
                assertTrue(digits.length() <= 2, "two significant digits: " + v);
            }
        }
        double d = SliderScale.of(ConfigKey.PRESSURE_SHED_THRESHOLD).toValue(333);
        assertEquals(Math.round(d * 100) / 100.0, d, 0);
    }

    @Test
    void outOfRangeValues_pinTheSlider() {
        SliderScale s = SliderScale.of(ConfigKey.CPU_QUEUE_CAP);
        assertEquals(SliderScale.POSITIONS, s.toPosition(1_000_000), 0);
        assertEquals(0, s.toPosition(-5), 0);
    }

    @Test
    void positions_areMonotonic() {
        SliderScale s = SliderScale.of(ConfigKey.SHUTDOWN_GRACE_MS);
        double last = -1;
        for (int p = 0; p <= 1000; p++) {
            double v = s.toValue(p);
            assertTrue(v >= last, "at " + p);
            last = v;
        }
    }
}
