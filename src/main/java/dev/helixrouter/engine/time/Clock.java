package dev.helixrouter.engine.time;

/**
 * The router's source of time: a monotonic nanosecond counter, like {@link System#nanoTime()}.
 *
 * <p>Everything the engine times — latencies, budgets, batch delays, metric intervals — reads
 * this one interface, so tests and the virtual-time mode can drive time by hand.
 */
@FunctionalInterface
public interface Clock {
    /** Current time in nanoseconds on an arbitrary, monotonic origin. */
    long nanoTime();

    /** The wall-independent system clock. */
    static Clock system() {
        return System::nanoTime;
    }
}
