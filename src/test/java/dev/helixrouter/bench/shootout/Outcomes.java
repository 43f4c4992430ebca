package dev.helixrouter.bench.shootout;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * How every job of one replay ended, recorded by the harness itself so that every system is
 * measured the same way: latency from the job's intended start to the end of its work, on
 * {@link System#nanoTime()}.
 *
 * <p>Each job ends exactly once. A system that tries to end a job twice is counted in
 * {@link #conflicts()} (and the first end stands), so the smoke test can catch it.
 */
public final class Outcomes {
    /** How a job ended. */
    public enum End { PENDING, COMPLETED, DROPPED, FAILED }

    private static final int PENDING = 0;
    private static final int STARTED = 1;

    private final long[] intendedNanos;
    private final long[] latencyNanos;
    private final AtomicIntegerArray state;
    private final LongAdder submitted = new LongAdder();
    private final LongAdder started = new LongAdder();
    private final LongAdder ended = new LongAdder();
    private final LongAdder endedUnstarted = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private volatile boolean abandoned;

    /** Outcomes for jobs meant to start at {@code intendedNanos} (absolute, on {@code System.nanoTime}). */
    public Outcomes(long[] intendedNanos) {
        this.intendedNanos = intendedNanos.clone();
        this.latencyNanos = new long[intendedNanos.length];
        this.state = new AtomicIntegerArray(intendedNanos.length);
    }

    /** Number of jobs. */
    public int size() {
        return intendedNanos.length;
    }

    /** Intended start of job {@code i}. */
    public long intendedNanos(int i) {
        return intendedNanos[i];
    }

    void submitted() {
        submitted.increment();
    }

    /**
     * Job {@code i} starts running; false if it must not run: it has already ended (a system
     * still running its backlog after the drain limit failed the job). A second start is a
     * conflict.
     */
    public boolean start(int i) {
        if (state.compareAndSet(i, PENDING, STARTED)) {
            started.increment();
            return true;
        }
        if (state.get(i) == STARTED) {
            conflicts.increment();
        }
        return false;
    }

    /** Job {@code i} completed at {@code nowNanos}. */
    public void complete(int i, long nowNanos) {
        end(i, End.COMPLETED, nowNanos - intendedNanos[i]);
    }

    /** Job {@code i} was refused or shed. */
    public void drop(int i) {
        end(i, End.DROPPED, 0);
    }

    /** Job {@code i} failed (its work threw, or it never finished). */
    public void fail(int i) {
        end(i, End.FAILED, 0);
    }

    /** Ends job {@code i}; the latency is written before the end is counted, so readers that saw the count see it. */
    private void end(int i, End how, long latency) {
        int s = state.get(i);
        while (s == PENDING || s == STARTED) {
            if (state.compareAndSet(i, s, 2 + how.ordinal())) {
                latencyNanos[i] = latency;
                if (s == PENDING) {
                    endedUnstarted.increment();
                }
                ended.increment();
                return;
            }
            s = state.get(i);
        }
        if (!(abandoned && s == 2 + End.FAILED.ordinal())) {
            conflicts.increment(); // not a job failed as unfinished that has finished since
        }
    }

    /**
     * Fails every job not ended yet (the drain limit passed). Jobs still running then end later
     * without counting as conflicts; jobs not started never run ({@link #start} refuses them).
     * Returns how many were failed.
     */
    public long abandonUnfinished() {
        abandoned = true;
        long n = 0;
        for (int i = 0; i < size(); i++) {
            if (end(i) == End.PENDING) {
                fail(i);
                n++;
            }
        }
        return n;
    }

    /** How job {@code i} ended ({@code PENDING} while it has not). */
    public End end(int i) {
        int s = state.get(i);
        return s < 2 ? End.PENDING : End.values()[s - 2];
    }

    /** Latency of completed job {@code i}, from intended start to the end of its work. */
    public long latencyNanos(int i) {
        return latencyNanos[i];
    }

    /** Jobs handed to the system so far. */
    public long submittedCount() {
        return submitted.sum();
    }

    /** Jobs ended so far. */
    public long endedCount() {
        return ended.sum();
    }

    /** Attempts to start or end a job a second time (a broken system; 0 expected). */
    public long conflicts() {
        return conflicts.sum();
    }

    /**
     * Jobs waiting somewhere given {@code due} jobs meant to have started by now: not yet
     * submitted by a busy caller, queued, or in a batch buffer — neither running nor ended.
     */
    public long waiting(int due) {
        long inSystemOrEnded = started.sum() + endedUnstarted.sum();
        return Math.max(0, due - inSystemOrEnded);
    }
}
