package dev.helixrouter.bench.shootout.systems;

import dev.helixrouter.bench.shootout.SystemUnderTest;
import dev.helixrouter.bench.shootout.Task;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;

/**
 * System 6: a Resilience4j {@link ThreadPoolBulkhead} of {@code cores} threads and a queue of
 * the common bound; a full bulkhead ({@link BulkheadFullException}) drops the job.
 */
public final class Resilience4jBulkhead implements SystemUnderTest {
    private final ThreadPoolBulkhead bulkhead;

    /** A bulkhead of {@code cores} threads and a queue of {@code bound}. */
    public Resilience4jBulkhead(int cores, int bound) {
        ThreadPoolBulkheadConfig config = ThreadPoolBulkheadConfig.custom()
                .maxThreadPoolSize(cores)
                .coreThreadPoolSize(cores)
                .queueCapacity(bound)
                .writableStackTraceEnabled(false)
                .build();
        this.bulkhead = ThreadPoolBulkhead.of("shootout", config);
    }

    @Override
    public void submit(Task task) {
        try {
            bulkhead.submit((Runnable) task);
        } catch (BulkheadFullException e) {
            task.drop();
        }
    }

    @Override
    public void close() {
        try {
            bulkhead.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the bulkhead", e);
        }
    }
}
