package dev.helixrouter.engine;

import dev.helixrouter.engine.time.Clock;

/**
 * Pressure reported by an upstream system, valid until its TTL runs out on the router's clock.
 * Thread-safe; the value and its expiry are published together as one immutable pair.
 */
final class ExternalPressure {
    private record Reading(double value, long expiresAtNanos) {}

    private final Clock clock;
    private volatile Reading reading = new Reading(0, Long.MIN_VALUE);

    ExternalPressure(Clock clock) {
        this.clock = clock;
    }

    void report(double value, long ttlNanos) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("pressure must be within 0..1, was " + value);
        }
        if (ttlNanos <= 0) {
            throw new IllegalArgumentException("ttl must be > 0, was " + ttlNanos + " ns");
        }
        reading = new Reading(value, clock.nanoTime() + ttlNanos);
    }

    double read(long nowNanos) {
        Reading r = reading;
        return nowNanos < r.expiresAtNanos ? r.value : 0.0;
    }
}
