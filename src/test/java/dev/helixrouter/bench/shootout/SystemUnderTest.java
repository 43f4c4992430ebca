package dev.helixrouter.bench.shootout;

/**
 * One way of running the shootout's jobs. The harness's caller threads call {@link #submit} at
 * each job's intended time; the system runs the task (on the caller, or elsewhere) or drops it,
 * and must end every task exactly once.
 */
public interface SystemUnderTest extends AutoCloseable {
    /** Hands over one job; must not block on the job's work unless the system runs it inline. */
    void submit(Task task);

    /** Stops the system after every submitted task has ended. */
    @Override
    void close();
}
