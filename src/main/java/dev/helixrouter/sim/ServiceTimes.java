package dev.helixrouter.sim;

import dev.helixrouter.engine.Job;

/** How long a job takes on the modelled machine. */
interface ServiceTimes {
    /** CPU time of the job's work at full speed, in nanoseconds. */
    long cpuNanos(Job job);

    /** CPU time the executing thread spends on a job run with {@code s}, besides its work. */
    double overheadNanos(dev.helixrouter.engine.Strategy s);

    /** CPU time a caller spends per submission (pacing, routing, bookkeeping). */
    double callerNanos();

    /** Time the job's work waits without using a processor (blocking I/O), in nanoseconds. */
    long waitNanos(Job job);
}
