package dev.helixrouter.lab.run;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.workload.RunReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One run in progress or finished: a router, and the load (or simulation) driving it.
 *
 * <p>The lab reads a session from the FX thread at about 10 Hz: every method except
 * {@link #close()} must be cheap and non-blocking (volatile or atomic reads). The router is
 * read through its published {@link HelixRouter#snapshot()} and {@link HelixRouter#decisions()},
 * and tuned through {@link #configStore()}; a virtual-time session exposes the same router core,
 * driven by its simulated clock on its own thread, and is touched only through the methods below.
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

    /** What ran and how, for the JSON report (wall time so far; simulated time in a virtual run). */
    RunReport.RunInfo info();

    /**
     * The store the tuning panel reads and patches. By default the router's own; a session whose
     * router may only be touched from its own thread hands out a store of its own and forwards
     * every change to the router from there (and the router's own changes back).
     */
    default ConfigStore configStore() {
        return router().config();
    }

    /** Reports pressure from an upstream system, lasting {@code ttl} of the run's time (by default straight to the router). */
    default void reportExternalPressure(double pressure, Duration ttl) {
        router().reportExternalPressure(pressure, ttl);
    }

    /**
     * The snapshots the router published since the last call, oldest first (a bounded number:
     * the newest). A run whose time goes faster than the lab's refresh publishes several between
     * two refreshes; the charts' history wants every one. Empty by default: a live run publishes
     * once per metrics interval of wall time, and {@link HelixRouter#snapshot()} is enough.
     */
    default List<RouterSnapshot> newSnapshots() {
        return List.of();
    }

    /** How fast the run's time passes against the wall clock; a live run ignores it. */
    default void pace(Pace pace) { }

    /** Run time per second of wall time so far (pauses excluded): 1 for a live run. */
    default double speedup() {
        return 1.0;
    }

    /**
     * Stops everything and closes the router (queued jobs dropped, running ones given the
     * configured grace). May block for up to {@code shutdown_grace_ms}: never call it on the FX
     * thread. Idempotent.
     */
    @Override
    void close();
}
