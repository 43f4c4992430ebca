package dev.helixrouter.engine;

/**
 * How a job ended: exactly one of completed, dropped or failed.
 *
 * @param <T> the work's output type
 */
public sealed interface Outcome<T> {

    /** The job's id. */
    long jobId();

    /**
     * The job ran to completion.
     *
     * @param strategy     how it ran
     * @param value        what the work returned
     * @param latencyNanos from intended start to end
     * @param queueNanos   time waiting before it started (0 for inline and spawn)
     * @param serviceNanos time from start of execution to end
     * @param metBudget    whether latency was within the job's budget
     */
    record Completed<T>(long jobId, Strategy strategy, T value, long latencyNanos, long queueNanos,
                        long serviceNanos, boolean metBudget) implements Outcome<T> {
        /** Late: completed past its budget. */
        public boolean late() {
            return !metBudget;
        }
    }

    /** The router refused or gave up the job before it ran. */
    record Dropped<T>(long jobId, DropReason reason) implements Outcome<T> {}

    /**
     * The job's work threw, or did not finish before shutdown.
     *
     * @param strategy how it was run
     * @param reason   {@code error}, {@code shutdown_timeout} or {@code batch_handler}
     * @param cause    what was thrown (a {@link java.util.concurrent.TimeoutException} for shutdown)
     */
    record Failed<T>(long jobId, Strategy strategy, String reason, Throwable cause) implements Outcome<T> {}
}
