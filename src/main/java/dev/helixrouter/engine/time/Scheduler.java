package dev.helixrouter.engine.time;

/**
 * Runs the engine's periodic and delayed work: the metrics sampler and batch flush timers.
 *
 * <p>The real implementation ({@link ThreadScheduler}) uses one named platform thread; the
 * manual one ({@link ManualTime}) runs tasks when a test or the simulation advances time.
 * Tasks must be short: they hand work off, they never execute jobs.
 */
public interface Scheduler {
    /** Runs {@code task} once, {@code delayNanos} from now. */
    Cancellable schedule(Runnable task, long delayNanos);

    /** Runs {@code task} every {@code periodNanos}, first after {@code initialDelayNanos}. */
    Cancellable scheduleAtFixedRate(Runnable task, long initialDelayNanos, long periodNanos);

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** Calls the task off; harmless if it already ran or was cancelled. */
        void cancel();
    }
}
