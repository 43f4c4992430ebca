package dev.helixrouter.workload;

import dev.helixrouter.engine.Job;
import java.util.Objects;

/**
 * One planned arrival: a job and when it is meant to be submitted, in nanoseconds from the start
 * of the run. A runner submits it at {@code start + offsetNanos} on its clock (live or virtual),
 * setting the job's intended start to that instant; the job itself is stored starting at
 * submission ({@link Job#AT_SUBMIT}), since a plan or a trace knows no clock.
 *
 * @param offsetNanos       intended submission time from the start, {@code >= 0}
 * @param job               the job
 * @param blockingWaitNanos how long its work waits (see {@link GeneratedJob}); 0 unless blocking
 */
public record Arrival(long offsetNanos, Job job, long blockingWaitNanos) {

    /** Checks the offset and the wait. */
    public Arrival {
        Objects.requireNonNull(job, "job");
        if (offsetNanos < 0) {
            throw new IllegalArgumentException("offset_ns must be >= 0, was " + offsetNanos);
        }
        new GeneratedJob(job, blockingWaitNanos); // same rules for the wait
    }

    /** The arrival of {@code generated} at {@code offsetNanos}. */
    public static Arrival of(long offsetNanos, GeneratedJob generated) {
        return new Arrival(offsetNanos, generated.job(), generated.blockingWaitNanos());
    }

    /** The job with its wait. */
    public GeneratedJob generated() {
        return new GeneratedJob(job, blockingWaitNanos);
    }
}
