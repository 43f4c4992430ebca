package dev.helixrouter.engine.lane;

import dev.helixrouter.engine.Job;

/**
 * One job's execution as an execution model drives it: {@link #begin()} when a thread picks it
 * up, {@link #finish(long)} when its work is done.
 *
 * <p>The live engine calls both back to back on the thread that runs the job. The virtual-time
 * mode calls {@code begin} when the modelled thread starts the job and {@code finish} when the
 * modelled service time has passed on the virtual clock, so the same router code records the
 * same latencies, queue waits and outcomes in both modes.
 */
public interface JobRun {
    /** The job. */
    Job job();

    /** How the job runs: inline, spawn, cpu_pool or batch. */
    dev.helixrouter.engine.Strategy strategy();

    /**
     * The job is picked up. False if it ended meanwhile (cancelled while queued, or shut down):
     * then it must not be run and {@link #finish} must not be called.
     */
    boolean begin();

    /**
     * Runs the job's work now and ends its handle: the end is the clock's current reading, the
     * start is {@code startNanos} (when it was picked up). Never throws.
     */
    void finish(long startNanos);
}
