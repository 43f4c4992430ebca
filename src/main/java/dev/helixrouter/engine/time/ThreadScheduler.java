package dev.helixrouter.engine.time;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} on one named platform (daemon) thread.
 *
 * <p>Never a virtual thread: if spawned CPU-bound jobs occupy every carrier, a virtual-thread
 * timer would starve and batches would stop flushing; a platform thread keeps ticking.
 */
public final class ThreadScheduler implements Scheduler, AutoCloseable {
    private final ScheduledThreadPoolExecutor executor;

    /** A scheduler whose thread is named {@code name}. */
    public ThreadScheduler(String name) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Thread.ofPlatform().name(name).daemon(true).unstarted(r);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> f = executor.schedule(guard(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Runnable task, long initialDelayNanos, long periodNanos) {
        ScheduledFuture<?> f = executor.scheduleAtFixedRate(
                guard(task), Math.max(0, initialDelayNanos), periodNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** A periodic task that throws would be silently descheduled; log and carry on instead. */
    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                org.slf4j.LoggerFactory.getLogger(ThreadScheduler.class).error("scheduled task failed", e);
            }
        };
    }

    /** Stops the thread and waits for it to end (bounded). */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
