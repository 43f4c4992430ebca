package dev.helixrouter.engine.lane;

import dev.helixrouter.engine.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live CPU lane: a {@link ThreadPoolExecutor} of named platform threads over an unbounded
 * {@link LinkedBlockingQueue}, with the bound enforced here by an admission counter.
 *
 * <p><b>Why not a bounded queue inside the executor?</b> {@code cpu_queue_cap} changes live, and
 * a shrinking bound must never lose queued jobs; {@code LinkedBlockingQueue}'s capacity is fixed.
 * Admission is a CAS on {@link #depth}: a task is queued only if depth was below the current
 * bound, so the bound holds exactly, shrinking leaves queued tasks alone and new ones are
 * refused until the depth falls below it. Resizing uses the executor's own core/max sizes:
 * idle surplus workers exit at once, busy ones after their task.
 *
 * <p><b>Stuck tasks.</b> A task that has run {@value #STUCK_BUDGET_MULTIPLE}× its budget, and at
 * least a second, is <em>stuck</em>: most likely blocked on something that will not come. Each
 * interval the sampler calls {@link #checkStuck()}, which runs one extra worker per stuck task (at
 * most {@code parallelism} extra), so the configured number of workers stays available to
 * everyone else; the extras retire as the stuck tasks return. Stuck tasks are never interrupted:
 * the lane cannot know that a job is safe to interrupt, and its handle still ends when it returns
 * (completed late, or failed).
 *
 * <p>{@link #busy} is our own counter (the executor's {@code getActiveCount} takes its main lock,
 * too costly for a policy that reads it per job).
 */
public final class ThreadLane implements Lane {
    /** A task is stuck once it has run this many times its budget... */
    public static final int STUCK_BUDGET_MULTIPLE = 4;
    /** ...and at least this long. */
    public static final long STUCK_FLOOR_NANOS = 1_000_000_000L;
    /** How long {@link #terminate()} waits for interrupted workers. */
    static final long TERMINATE_WAIT_MS = 100;

    private final ThreadPoolExecutor executor;
    private final Clock clock;
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong meanTaskNanos = new AtomicLong();
    /** Tasks executing now, with when they started (for {@link #checkStuck()}). */
    private final Set<Entry> running = ConcurrentHashMap.newKeySet();
    private volatile int capacity;
    private volatile boolean shutdown;
    /** Workers configured ({@code cpu_parallelism}); the executor runs this plus {@link #extra}. */
    private volatile int configured;
    /** Extra workers standing in for stuck tasks. */
    private int extra;

    /** A lane of {@code parallelism} workers named {@code namePrefix-N}, bounded at {@code capacity}. */
    public ThreadLane(int parallelism, int capacity, Clock clock, String namePrefix) {
        this.clock = clock;
        this.capacity = capacity;
        this.configured = parallelism;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(parallelism, parallelism, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                r -> Thread.ofPlatform().name(namePrefix + "-" + n.incrementAndGet()).daemon(true).unstarted(r));
        executor.prestartAllCoreThreads();
    }

    @Override
    public boolean offer(LaneTask task) {
        if (shutdown) {
            return false;
        }
        int d;
        do {
            d = depth.get();
            if (d >= capacity) {
                return false;
            }
        } while (!depth.compareAndSet(d, d + 1));
        try {
            executor.execute(new Entry(task));
            return true;
        } catch (RejectedExecutionException e) {
            depth.decrementAndGet();
            return false;
        }
    }

    @Override
    public boolean remove(LaneTask task) {
        // Entries compare by the task they wrap, so the queue can find them.
        if (executor.getQueue().remove(new Entry(task))) {
            depth.decrementAndGet();
            return true;
        }
        return false;
    }

    @Override
    public int depth() {
        return depth.get();
    }

    @Override
    public int busy() {
        return busy.get();
    }

    @Override
    public int parallelism() {
        return configured;
    }

    @Override
    public synchronized int checkStuck() {
        long now = clock.nanoTime();
        int stuck = 0;
        for (Entry e : running) {
            if (e.isStuck(now)) {
                stuck++;
            }
        }
        int wanted = shutdown ? 0 : Math.min(stuck, configured);
        if (wanted != extra) {
            extra = wanted;
            applySize();
        }
        return stuck;
    }

    /** Workers the executor runs now: the configured ones plus the stand-ins (tests, docs). */
    public synchronized int workers() {
        return configured + extra;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public synchronized void resize(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
        configured = parallelism;
        extra = Math.min(extra, configured);
        applySize();
    }

    private void applySize() {
        int size = configured + extra;
        if (size > executor.getMaximumPoolSize()) {
            executor.setMaximumPoolSize(size);
            executor.setCorePoolSize(size);
            executor.prestartAllCoreThreads();
        } else {
            executor.setCorePoolSize(size);
            executor.setMaximumPoolSize(size);
        }
    }

    @Override
    public void setCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public long meanTaskNanos() {
        return meanTaskNanos.get();
    }

    /** Live worker threads (for tests: a shrink really removes threads). */
    public int liveWorkers() {
        return executor.getPoolSize();
    }

    @Override
    public List<LaneTask> shutdown() {
        shutdown = true;
        List<Runnable> drained = new ArrayList<>();
        executor.getQueue().drainTo(drained);
        executor.shutdown();
        List<LaneTask> tasks = new ArrayList<>(drained.size());
        for (Runnable r : drained) {
            depth.decrementAndGet();
            tasks.add(((Entry) r).task);
        }
        return tasks;
    }

    @Override
    public boolean awaitIdle(long nanos) throws InterruptedException {
        return executor.awaitTermination(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void terminate() {
        shutdown = true;
        for (Runnable r : executor.shutdownNow()) {
            depth.decrementAndGet();
            ((Entry) r).task.discard();
        }
        try {
            // The router has already ended the handles of whatever still runs; give interrupted
            // workers a moment to unwind, but do not hold close() for a job that ignores it (its
            // daemon thread exits when the job returns).
            executor.awaitTermination(TERMINATE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void recordTaskTime(long nanos) {
        // A racy EMA is fine: a lost update only delays the average by one sample.
        long prev = meanTaskNanos.get();
        long next = prev == 0 ? nanos : prev + (nanos - prev) / 8;
        meanTaskNanos.set(Math.max(1, next));
    }

    /** Wraps a task with the lane's bookkeeping; equal to any entry wrapping the same task. */
    private final class Entry implements Runnable {
        final LaneTask task;
        private volatile long startedAt;

        Entry(LaneTask task) {
            this.task = task;
        }

        @Override
        public void run() {
            depth.decrementAndGet();
            busy.incrementAndGet();
            long start = clock.nanoTime();
            startedAt = start;
            running.add(this);
            try {
                task.execute();
            } finally {
                running.remove(this);
                busy.decrementAndGet();
                recordTaskTime(clock.nanoTime() - start);
            }
        }

        boolean isStuck(long now) {
            long budget = task.budgetNanos();
            long limit = budget > Long.MAX_VALUE / STUCK_BUDGET_MULTIPLE ? Long.MAX_VALUE
                    : Math.max(STUCK_FLOOR_NANOS, budget * STUCK_BUDGET_MULTIPLE);
            return now - startedAt > limit;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ThreadLane.Entry e && e.task == task;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(task);
        }
    }
}
