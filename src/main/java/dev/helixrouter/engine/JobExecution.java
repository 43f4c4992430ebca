package dev.helixrouter.engine;

import dev.helixrouter.engine.lane.JobRun;

/**
 * Where inline and spawned jobs execute. The live engine runs inline work on the caller and
 * spawned work on virtual threads; the virtual-time mode models both on a simulated machine.
 * (The CPU lane has its own SPI, {@link dev.helixrouter.engine.lane.Lane}.)
 *
 * <p>The router has already admitted the job (the {@code spawn_max_in_flight} bound is the
 * router's), so both methods must eventually {@link JobRun#begin() begin} and
 * {@link JobRun#finish(long) finish} the run exactly once.
 */
public interface JobExecution {
    /** Runs an inline job; the live engine finishes it before returning. */
    void inline(JobRun run);

    /** Starts a spawned job; false if it could not be started (the router then fails it). */
    boolean spawn(JobRun run);
}
