package dev.helixrouter.engine;

import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.time.Clock;
import dev.helixrouter.engine.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * One buffer per kind; a buffer flushes when it holds {@code batch_max_size} jobs or its oldest
 * job has waited {@code batch_max_delay_ms}, whichever comes first (SPEC §3).
 *
 * <p>Each buffer is guarded by its own monitor — adds to different kinds never contend — and the
 * flush hands the taken jobs to the router outside the lock, where they become one task on the
 * CPU lane. The delay timer runs on the engine's scheduler (a platform thread, or the virtual
 * clock), never on a carrier thread. A generation number makes a timer that fires after its
 * buffer was already flushed by size a no-op. Size and delay are read from the config at each
 * add, so a live change applies to the next flush.
 */
final class BatchBuffers {
    private final Clock clock;
    private final Scheduler scheduler;
    private final BiConsumer<JobKind, List<JobHandle<?>>> flush;
    private final ConcurrentHashMap<JobKind, Buffer> buffers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    BatchBuffers(Clock clock, Scheduler scheduler, BiConsumer<JobKind, List<JobHandle<?>>> flush) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.flush = flush;
    }

    /** Adds a QUEUED job; false if the buffers are closed (the caller drops it: shutdown). */
    boolean add(JobHandle<?> h, RouterConfig config) {
        Buffer b = buffer(h.job().kind());
        List<JobHandle<?>> full = null;
        synchronized (b) {
            if (closed) {
                return false;
            }
            b.items.add(h);
            b.size = b.items.size();
            h.container = b;
            if (b.size == 1) {
                b.oldestNanos = clock.nanoTime();
                b.delayNanos = config.batchMaxDelayMs() * 1_000_000L;
                long gen = b.generation;
                b.timer = scheduler.schedule(() -> flushOnDelay(b, gen), b.delayNanos);
            }
            if (b.size >= config.batchMaxSize()) {
                full = b.take();
            }
        }
        if (full != null) {
            flush.accept(b.kind, full);
        }
        return true;
    }

    private void flushOnDelay(Buffer b, long generation) {
        List<JobHandle<?>> items;
        synchronized (b) {
            if (b.generation != generation || b.items.isEmpty()) {
                return;
            }
            items = b.take();
        }
        flush.accept(b.kind, items);
    }

    /** Removes a cancelled job from its buffer; true if it was there. */
    boolean remove(JobHandle<?> h) {
        if (!(h.container instanceof Buffer b)) {
            return false;
        }
        synchronized (b) {
            boolean removed = b.items.remove(h);
            b.size = b.items.size();
            if (removed && b.items.isEmpty()) {
                b.take(); // nothing left to flush: stop the timer
            }
            return removed;
        }
    }

    /** Jobs waiting in {@code kind}'s buffer. */
    int depth(JobKind kind) {
        Buffer b = buffers.get(kind);
        return b == null ? 0 : b.size;
    }

    /** Jobs waiting per kind name. */
    Map<String, Integer> depths() {
        Map<String, Integer> m = new TreeMap<>();
        buffers.forEach((k, b) -> m.put(k.name(), b.size));
        return m;
    }

    /** Time until {@code kind}'s buffer would flush if a job joined it now. */
    long flushEstimateNanos(JobKind kind, RouterConfig config) {
        Buffer b = buffers.get(kind);
        long delay = config.batchMaxDelayMs() * 1_000_000L;
        if (b == null) {
            return config.batchMaxSize() <= 1 ? 0 : delay;
        }
        int size = b.size;
        if (size + 1 >= config.batchMaxSize()) {
            return 0;
        }
        if (size == 0) {
            return delay;
        }
        return Math.max(0, b.oldestNanos + b.delayNanos - clock.nanoTime());
    }

    /** Closes every buffer and returns the jobs still waiting in them. */
    List<JobHandle<?>> close() {
        closed = true;
        List<JobHandle<?>> all = new ArrayList<>();
        for (Buffer b : buffers.values()) {
            synchronized (b) {
                all.addAll(b.take());
            }
        }
        return all;
    }

    private Buffer buffer(JobKind kind) {
        Buffer b = buffers.get(kind);
        return b != null ? b : buffers.computeIfAbsent(kind, Buffer::new);
    }

    private static final class Buffer {
        final JobKind kind;
        List<JobHandle<?>> items = new ArrayList<>();
        volatile int size;
        volatile long oldestNanos;
        volatile long delayNanos;
        long generation;
        Scheduler.Cancellable timer;

        Buffer(JobKind kind) {
            this.kind = kind;
        }

        /** Takes every item; the caller holds the monitor. */
        List<JobHandle<?>> take() {
            List<JobHandle<?>> out = items;
            items = new ArrayList<>();
            size = 0;
            generation++;
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            return out;
        }
    }
}
