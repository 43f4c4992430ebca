package dev.helixrouter.engine.lane;

import java.util.List;

/**
 * One task on the CPU lane: a single job, or a whole batch.
 *
 * <p>The live lane calls {@link #execute()} on a worker. A modelled lane (virtual time) drives the
 * task job by job through {@link #runs()}, or — for a batch whose kind has a batch handler — all at
 * once through {@link #beginAll()} and {@link #finishAll(long)}. {@link #discard()} is called
 * instead when the lane gives the task up (at shutdown), so the task can end its jobs' handles.
 */
public abstract class LaneTask {
    /** Runs the whole task now, on the calling worker. Must not throw; failures end the jobs' handles. */
    public abstract void execute();

    /** The lane will never run this task; end its jobs (dropped: shutdown). */
    public abstract void discard();

    /** The task's jobs in the order they run (one for a single job). */
    public abstract List<? extends JobRun> runs();

    /**
     * The latency budget the task runs under (for a batch: the longest of its jobs'); the live
     * lane calls a task stuck once it has run {@link ThreadLane#STUCK_BUDGET_MULTIPLE} times
     * this, and at least {@link ThreadLane#STUCK_FLOOR_NANOS}. Unbounded by default.
     */
    public long budgetNanos() {
        return Long.MAX_VALUE;
    }

    /** True if a batch handler runs all the jobs in one call: drive with beginAll / finishAll. */
    public boolean runsAsOne() {
        return false;
    }

    /** For {@link #runsAsOne()} tasks: picks up every job still waiting; returns them. */
    public List<? extends JobRun> beginAll() {
        throw new UnsupportedOperationException("not a one-call batch");
    }

    /** For {@link #runsAsOne()} tasks: runs the handler on the jobs begun, ending their handles. */
    public void finishAll(long startNanos) {
        throw new UnsupportedOperationException("not a one-call batch");
    }
}
