package dev.helixrouter.workload;

import dev.helixrouter.engine.Job;
import java.util.Objects;

/**
 * A job drawn by a {@link JobGenerator}, with what the job itself cannot say: how long its work
 * waits when it is blocking.
 *
 * <p>The wait belongs to the workload, not to the router's view of the job: the router only
 * sees {@link Job#blocking()} and routes accordingly, while whoever executes the work (the live
 * runner or the virtual-time model) spends {@code blockingWaitNanos} waiting, as on I/O, in
 * addition to running the job's kernel at its {@code compute_cost}. Traces record the wait, so
 * a replay waits exactly as the recorded run did.
 *
 * @param job               the job (starting at submission: {@link Job#AT_SUBMIT})
 * @param blockingWaitNanos how long the work waits, {@code >= 0}; always 0 for a job that is not
 *                          blocking
 */
public record GeneratedJob(Job job, long blockingWaitNanos) {

    /** Checks that the wait is non-negative, and zero for a job that is not blocking. */
    public GeneratedJob {
        Objects.requireNonNull(job, "job");
        if (blockingWaitNanos < 0) {
            throw new IllegalArgumentException("blocking_wait_ns must be >= 0, was " + blockingWaitNanos);
        }
        if (!job.blocking() && blockingWaitNanos != 0) {
            throw new IllegalArgumentException("blocking_wait_ns must be 0 for a job that is not blocking, was "
                    + blockingWaitNanos);
        }
    }

    /** A job that is not blocking. */
    public static GeneratedJob of(Job job) {
        return new GeneratedJob(job, 0);
    }
}
