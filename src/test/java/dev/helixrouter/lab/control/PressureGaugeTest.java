package dev.helixrouter.lab.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PressureGaugeTest {

    @Test
    void zones_followTheThresholds() {
        assertEquals("green", PressureGauge.zone(0.1, 0.5, 0.9));
        assertEquals("amber", PressureGauge.zone(0.5, 0.5, 0.9));
        assertEquals("amber", PressureGauge.zone(0.89, 0.5, 0.9));
        assertEquals("red", PressureGauge.zone(0.9, 0.5, 0.9));
        assertEquals("red", PressureGauge.zone(7, 0.5, 0.9), "clamped");
        assertEquals("green", PressureGauge.zone(Double.NaN, 0.5, 0.9));
        assertEquals("red", PressureGauge.zone(0.92, 0.95, 0.9), "amber never starts after red");
    }
}
