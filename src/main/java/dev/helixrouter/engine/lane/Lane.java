package dev.helixrouter.engine.lane;

import java.util.List;

/**
 * The CPU lane: a bounded queue drained by a resizable set of workers (SPEC §3).
 *
 * <p>{@link #offer} never blocks: a full queue refuses the task and the caller drops it with
 * reason {@code queue_full}. The live implementation is {@link ThreadLane}; the virtual-time
 * mode supplies a modelled one.
 */
public interface Lane {
    /** Queues {@code task}; false if the queue is at its bound (or the lane is shut down). */
    boolean offer(LaneTask task);

    /** Removes a task still waiting in the queue; false if it already started or was not queued. */
    boolean remove(LaneTask task);

    /** Tasks waiting. */
    int depth();

    /** Workers executing a task. */
    int busy();

    /** Workers configured. */
    int parallelism();

    /**
     * Counts the tasks running far beyond their budget ("stuck") and compensates: the live lane
     * runs one extra worker per stuck task (at most {@link #parallelism()} extra), so the
     * configured number stays available, and retires the extras as the stuck tasks return.
     * Called by the sampler once per interval; returns the number of stuck tasks. A modelled lane
     * has none.
     */
    default int checkStuck() {
        return 0;
    }

    /** Current queue bound. */
    int capacity();

    /** Grows or shrinks the workers; busy workers above the new size finish their task first. */
    void resize(int parallelism);

    /** Changes the bound; tasks already queued stay, new ones are refused until below it. */
    void setCapacity(int capacity);

    /** Exponential moving average of a task's execution time, in nanoseconds (0 before any). */
    long meanTaskNanos();

    /** Stops accepting tasks and returns those still queued, which will never run. */
    List<LaneTask> shutdown();

    /** Waits up to {@code nanos} for running tasks to finish; true if all did. */
    boolean awaitIdle(long nanos) throws InterruptedException;

    /** Interrupts workers still running and stops them; the lane is dead afterwards. */
    void terminate();
}
