package dev.helixrouter.engine;

/**
 * The code a job runs. Like {@link java.util.concurrent.Callable}; whatever it throws fails the job.
 *
 * @param <T> output type
 */
@FunctionalInterface
public interface Work<T> {
    /** Does the work. */
    T run() throws Exception;
}
