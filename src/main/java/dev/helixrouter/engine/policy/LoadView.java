package dev.helixrouter.engine.policy;

import dev.helixrouter.engine.Job;

/**
 * A read-only view of the router's live load, as policies and the gate see it.
 *
 * <p>Every method is a cheap read of an atomic or a field: policies call them per job.
 */
public interface LoadView {
    /** Current time on the router's clock. */
    long nowNanos();

    /** CPU-lane workers currently executing a task. */
    int cpuBusy();

    /** Tasks waiting in the CPU lane's queue. */
    int queueDepth();

    /** The lane's current queue bound. */
    int queueCapacity();

    /** CPU-lane workers configured. */
    int parallelism();

    /** Virtual threads currently running jobs. */
    int spawnedInFlight();

    /** Effective pressure in [0, 1]. */
    double pressure();

    /** The spawn threshold in force: the adaptive one, or the configured one without the adaptive layer. */
    long spawnThreshold();

    /** Estimated wait in the CPU lane's queue for a task offered now, in nanoseconds. */
    long estimatedLaneWaitNanos();

    /**
     * Estimated wait for a carrier of a CPU-bound job spawned now, in nanoseconds: spawned jobs
     * are not time-sliced, so one that finds every carrier busy waits for the backlog ahead of it.
     */
    default long estimatedSpawnWaitNanos() {
        return 0;
    }

    /** Estimated service time of {@code job} on one worker, in nanoseconds (0 when unknown). */
    long estimatedServiceNanos(Job job);

    /**
     * Estimated time until {@code job}'s batch buffer would flush if the job joined it now,
     * in nanoseconds (0 if the job would fill the buffer).
     */
    long estimatedBatchFlushNanos(Job job);

    /** Jobs waiting in {@code job}'s kind's batch buffer. */
    int batchDepth(Job job);
}
