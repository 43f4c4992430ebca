package dev.helixrouter.engine.time;

import java.util.PriorityQueue;

/**
 * A {@link Clock} and {@link Scheduler} that move only when told to.
 *
 * <p>{@link #advance(long)} moves time forward and runs every task that falls due, in time
 * order, each at its own due time (the clock reads the task's due time while it runs). Tests
 * use it instead of sleeping; the virtual-time mode drives the whole engine with it.
 * Thread-safe: tasks may be scheduled from any thread; they run on the thread that advances.
 */
public final class ManualTime implements Clock, Scheduler {
    private final Object lock = new Object();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private volatile long now;
    private long sequence;

    /** Starts at {@code startNanos}. */
    public ManualTime(long startNanos) {
        this.now = startNanos;
    }

    /** Starts at an arbitrary non-zero origin, so code never relies on time starting at 0. */
    public ManualTime() {
        this(1_000_000_000L);
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        return add(task, now + Math.max(0, delayNanos), 0);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Runnable task, long initialDelayNanos, long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("periodNanos must be > 0, was " + periodNanos);
        }
        return add(task, now + Math.max(0, initialDelayNanos), periodNanos);
    }

    private Entry add(Runnable task, long due, long period) {
        synchronized (lock) {
            Entry e = new Entry(task, due, period, sequence++);
            queue.add(e);
            return e;
        }
    }

    /** Moves time forward by {@code nanos}, running due tasks in order. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("cannot go back in time: " + nanos);
        }
        advanceTo(now + nanos);
    }

    /** Moves time forward to {@code target}, running due tasks in order. */
    public void advanceTo(long target) {
        while (true) {
            Entry next;
            synchronized (lock) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    break;
                }
                queue.poll();
                if (next.cancelled.get()) {
                    continue;
                }
                if (next.due > now) {
                    now = next.due;
                }
                if (next.period > 0) {
                    queue.add(new Entry(next, next.due + next.period, sequence++));
                }
            }
            next.task.run();
        }
        synchronized (lock) {
            if (target > now) {
                now = target;
            }
        }
    }

    /** Due time of the earliest pending task, or {@link Long#MAX_VALUE} if none. */
    public long nextDue() {
        synchronized (lock) {
            while (!queue.isEmpty() && queue.peek().cancelled.get()) {
                queue.poll();
            }
            Entry e = queue.peek();
            return e == null ? Long.MAX_VALUE : e.due;
        }
    }

    /** Number of tasks waiting (cancelled ones excluded). */
    public int pendingTasks() {
        synchronized (lock) {
            return (int) queue.stream().filter(e -> !e.cancelled.get()).count();
        }
    }

    private static final class Entry implements Comparable<Entry>, Cancellable {
        final Runnable task;
        final long due;
        final long period;
        final long seq;
        /** Shared by every repetition of a periodic task, so one cancel stops them all. */
        final java.util.concurrent.atomic.AtomicBoolean cancelled;

        Entry(Runnable task, long due, long period, long seq) {
            this.task = task;
            this.due = due;
            this.period = period;
            this.seq = seq;
            this.cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        }

        Entry(Entry previous, long due, long seq) {
            this.task = previous.task;
            this.due = due;
            this.period = previous.period;
            this.seq = seq;
            this.cancelled = previous.cancelled;
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
