package dev.helixrouter.bench.shootout.systems;

import dev.helixrouter.bench.shootout.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The static router's batcher: one buffer, flushed when it holds {@code maxSize} tasks or its
 * oldest has waited {@code maxDelayMs}, whichever comes first. The flush hands the batch to
 * {@code sink} outside the lock.
 */
final class HandBatcher implements AutoCloseable {
    private final int maxSize;
    private final long maxDelayMs;
    private final Consumer<List<Task>> sink;
    private final ScheduledExecutorService timer = new ScheduledThreadPoolExecutor(1, Threads.named("shootout-batch-timer"));
    private List<Task> buffer = new ArrayList<>();
    private ScheduledFuture<?> pendingFlush;

    HandBatcher(int maxSize, long maxDelayMs, Consumer<List<Task>> sink) {
        this.maxSize = maxSize;
        this.maxDelayMs = maxDelayMs;
        this.sink = sink;
    }

    void add(Task task) {
        List<Task> full = null;
        synchronized (this) {
            buffer.add(task);
            if (buffer.size() >= maxSize) {
                full = takeBuffer();
            } else if (buffer.size() == 1) {
                pendingFlush = timer.schedule(this::flushOnDelay, maxDelayMs, TimeUnit.MILLISECONDS);
            }
        }
        if (full != null) {
            sink.accept(full);
        }
    }

    private void flushOnDelay() {
        List<Task> batch;
        synchronized (this) {
            batch = takeBuffer();
        }
        sink.accept(batch);
    }

    /** Takes the buffer's tasks and cancels its delay timer; call holding the lock. */
    private List<Task> takeBuffer() {
        List<Task> batch = buffer;
        buffer = new ArrayList<>();
        if (pendingFlush != null) {
            pendingFlush.cancel(false);
            pendingFlush = null;
        }
        return batch;
    }

    @Override
    public void close() {
        flushOnDelay();
        Threads.shutdown(timer);
    }
}
