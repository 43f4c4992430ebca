package dev.helixrouter.engine.metrics;

/**
 * Pressure scores in [0, 1].
 *
 * @param internal  the router's own score (the adaptive layer's blend; 0 without it)
 * @param external  pressure injected by an upstream system, 0 once its TTL expired
 * @param effective max(internal, external): what the gate and policies see
 */
public record PressureReading(double internal, double external, double effective) {
    /** No pressure. */
    public static final PressureReading NONE = new PressureReading(0, 0, 0);
}
