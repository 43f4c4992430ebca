package dev.helixrouter.lab.view;

import dev.helixrouter.lab.model.TaskRunner;
import dev.helixrouter.lab.run.BackgroundPriority;
import dev.helixrouter.lab.run.RunFactory;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's {@link TaskRunner}: each piece of work is a JavaFX {@link Task} run on a pool of named
 * daemon <em>platform</em> threads ({@code helix-lab-service-N}) — never a virtual thread, since
 * spawned CPU-bound jobs may hold every carrier, and never the FX thread. Progress, results and
 * failures arrive on the FX thread through the task's properties and handlers. The threads run at
 * {@link BackgroundPriority background priority}, and so does every thread a run starts from them.
 *
 * <p>Cancelling sets a flag the work polls ({@link RunFactory.Preparation#isCancelled()}); the work
 * then ends with a {@link CancellationException}. The task itself is not cancelled, so a result
 * that arrives anyway is still delivered, and its receiver can clean it up.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FxTaskRunner.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService pool = Executors.newCachedThreadPool(platformThreads());

    private static ThreadFactory platformThreads() {
        return r -> Thread.ofPlatform().name("helix-lab-service-" + THREADS.incrementAndGet()).daemon(true)
                .unstarted(background(r));
    }

    /** {@code r} at background priority: a run started from it must not starve the FX thread. */
    private static Runnable background(Runnable r) {
        return () -> {
            BackgroundPriority.lowerCurrentThread();
            r.run();
        };
    }

    @Override
    public <T> Handle submit(String name, Function<RunFactory.Preparation, T> work, Progress progress,
                             Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        WorkTask<T> task = new WorkTask<>(work);
        task.progressProperty().addListener((o, was, now) -> progress.update(now.doubleValue(), task.getMessage()));
        task.messageProperty().addListener((o, was, now) -> progress.update(task.getProgress(), now));
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        pool.execute(task);
        return task::requestCancel;
    }

    @Override
    public void execute(String name, Runnable work) {
        Runnable guarded = () -> {
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                LOG.error("background work '{}' failed", name, e);
            }
        };
        try {
            pool.execute(guarded);
        } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
            // The window is closing; still do it (closing a router must not be skipped).
            Thread.ofPlatform().name("helix-lab-" + name).daemon(true).start(background(guarded));
        }
    }

    /** Stops taking work; running work finishes on its daemon threads. */
    @Override
    public void close() {
        pool.shutdown();
    }

    private static final class WorkTask<T> extends Task<T> implements RunFactory.Preparation {
        private final Function<RunFactory.Preparation, T> work;
        private volatile boolean cancelRequested;

        WorkTask(Function<RunFactory.Preparation, T> work) {
            this.work = work;
        }

        void requestCancel() {
            cancelRequested = true;
        }

        @Override
        protected T call() {
            return work.apply(this);
        }

        @Override
        public void progress(double fraction, String message) {
            updateMessage(message);
            updateProgress(fraction, 1.0);
        }

        @Override
        public boolean isCancelled() {
            return cancelRequested || super.isCancelled();
        }
    }
}
