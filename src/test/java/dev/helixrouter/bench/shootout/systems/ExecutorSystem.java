package dev.helixrouter.bench.shootout.systems;

import dev.helixrouter.bench.shootout.SystemUnderTest;
import dev.helixrouter.bench.shootout.Task;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Systems 2–4: a JDK executor runs every job; a rejected job is dropped. Built with the JDK's own
 * classes and their usual settings, nothing tuned for the trace.
 */
public final class ExecutorSystem implements SystemUnderTest {
    private final ExecutorService executor;

    private ExecutorSystem(ExecutorService executor) {
        this.executor = executor;
    }

    /** System 2: a new virtual thread per job. */
    public static ExecutorSystem virtualThreads() {
        return new ExecutorSystem(Executors.newVirtualThreadPerTaskExecutor());
    }

    /** System 3, unbounded: {@code cores} platform threads and an unbounded queue. */
    public static ExecutorSystem fixedUnbounded(int cores) {
        return new ExecutorSystem(Executors.newFixedThreadPool(cores, Threads.named("shootout-pool")));
    }

    /** System 3, bounded: {@code cores} platform threads, a queue of {@code bound}, rejection = drop. */
    public static ExecutorSystem fixedBounded(int cores, int bound) {
        return new ExecutorSystem(boundedPool(cores, bound, "shootout-bounded"));
    }

    /** System 4: a fork/join pool with parallelism = cores. */
    public static ExecutorSystem forkJoin(int cores) {
        return new ExecutorSystem(new ForkJoinPool(cores));
    }

    /** A fixed pool of {@code cores} named platform threads with a queue of {@code bound} that rejects when full. */
    static ThreadPoolExecutor boundedPool(int cores, int bound, String name) {
        return new ThreadPoolExecutor(cores, cores, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(bound),
                Threads.named(name), new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void submit(Task task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.drop();
        }
    }

    @Override
    public void close() {
        Threads.shutdown(executor);
    }
}
