package dev.helixrouter.lab.run;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.workload.RunReport;
import java.time.Duration;
import java.util.Optional;

/**
 * One run in progress or finished: a router, and the load (or simulation) driving it.
 *
 * <p>The lab reads a session from the FX thread at about 10 Hz: every method except
 * {@link #close()} must be cheap and non-blocking (volatile or atomic reads). The router is
 * read through its published {@link HelixRouter#snapshot()} and {@link HelixRouter#decisions()},
 * and tuned through {@link HelixRouter#config()}; a virtual-time session exposes the same router
 * core, driven by its simulated clock.
 */
public interface RunSession extends AutoCloseable {

    /** Prefix of the names of the threads this run owns, for thread dumps and tests. */
    String threadPrefix();

    /** What was started. */
    RunSpec spec();

    /** The router this run drives. The session owns it and closes it in {@link #close()}. */
    HelixRouter router();

    /** Jobs the plan holds. */
    int plannedJobs();

    /** Jobs submitted so far. */
    int submitted();

    /** Jobs whose handles have ended so far. */
    int ended();

    /**
     * Whether the run is over: no more jobs will be submitted (all were, or {@link #stop()} was
     * called), every submitted job has ended, and the final snapshot has been published.
     */
    boolean isFinished();

    /** Whether {@link #stop()} was called. */
    boolean isStopped();

    /** What ended the run abnormally, if anything did. */
    Optional<Throwable> failure();

    /** Run time so far, paused time excluded (simulated time in a virtual run); frozen once finished. */
    Duration elapsed();

    /** Holds the arrivals; jobs already submitted carry on. */
    void pause();

    /** Resumes the arrivals where they were: the rest of the schedule shifts by the pause. */
    void resume();

    /** Whether the arrivals are held. */
    boolean isPaused();

    /** Stops the arrivals; jobs already submitted still end, then the run is finished. */
    void stop();

    /** What ran and how, for the JSON report (wall time so far). */
    RunReport.RunInfo info();

    /**
     * Stops everything and closes the router (queued jobs dropped, running ones given the
     * configured grace). May block for up to {@code shutdown_grace_ms}: never call it on the FX
     * thread. Idempotent.
     */
    @Override
    void close();
}
