package dev.helixrouter.engine;

import java.util.List;

/**
 * Runs a whole batch of one kind at once ("true batch execution").
 *
 * <p>Registered per kind on the {@link RouterBuilder}. The returned list must have one result per
 * job, in order; each goes back to its job's handle. If the handler throws, or returns the wrong
 * number of results, that batch's jobs fail and no other job is touched.
 *
 * @param <T> output type, the same the submitters of that kind expect
 */
@FunctionalInterface
public interface BatchHandler<T> {
    /** Runs {@code jobs} together. */
    List<T> runBatch(List<Job> jobs) throws Exception;
}
