package dev.helixrouter.bench.shootout.systems;

import dev.helixrouter.bench.shootout.Spin;
import dev.helixrouter.bench.shootout.SystemUnderTest;
import dev.helixrouter.bench.shootout.Task;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * System 7: a router written by hand with knowledge of the classes, the bar an adaptive policy
 * must clear without being told them. Tiny jobs run inline on the caller; waiting jobs on virtual
 * threads; medium and heavy jobs on a bounded pool of {@code cores} threads (full = drop);
 * batchable jobs are batched (up to 8, or after 10 ms — HelixRouter's batch defaults) and each
 * batch runs as one task on that pool.
 */
public final class StaticRouter implements SystemUnderTest {
    private final ThreadPoolExecutor pool;
    private final ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
    private final HandBatcher batcher;

    /** The router for a machine of {@code cores} cores, with a pool queue of {@code bound}. */
    public StaticRouter(int cores, int bound, Spin spin) {
        this.pool = ExecutorSystem.boundedPool(cores, bound, "shootout-static");
        this.batcher = new HandBatcher(8, 10, batch -> {
            try {
                pool.execute(() -> Task.runBatch(batch, spin));
            } catch (RejectedExecutionException e) {
                batch.forEach(Task::drop);
            }
        });
    }

    @Override
    public void submit(Task task) {
        switch (task.jobClass()) {
            case TINY -> task.run();
            case WAITING -> virtual.execute(task);
            case MEDIUM, HEAVY -> {
                try {
                    pool.execute(task);
                } catch (RejectedExecutionException e) {
                    task.drop();
                }
            }
            case BATCHABLE -> batcher.add(task);
        }
    }

    @Override
    public void close() {
        batcher.close();
        Threads.shutdown(pool);
        Threads.shutdown(virtual);
    }
}
