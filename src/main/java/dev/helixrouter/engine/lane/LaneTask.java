package dev.helixrouter.engine.lane;

/**
 * One task on the CPU lane: a single job, or a whole batch.
 *
 * <p>The lane calls {@link #execute()} on a worker. {@link #discard()} is called instead when the
 * lane gives the task up (at shutdown) so the task can end its jobs' handles.
 */
public abstract class LaneTask {
    /** Runs the task on a lane worker. Must not throw; failures end the jobs' handles. */
    public abstract void execute();

    /** The lane will never run this task; end its jobs (e.g. dropped: shutdown). */
    public abstract void discard();
}
