package dev.helixrouter.engine;

/**
 * Supplies the router's internal pressure score in [0, 1]. The engine defines it; the adaptive
 * layer implements it (a blend of queue fill, saturation, drops and lateness). Without one,
 * internal pressure is 0 and only external pressure counts.
 */
@FunctionalInterface
public interface PressureSource {
    /** Internal pressure now, in [0, 1]. Called per decision: must be a cheap read. */
    double internalPressure(long nowNanos);
}
