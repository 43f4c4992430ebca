package dev.helixrouter.lab.model;

/** Where the lab's current run is in its life; the toolbar's buttons follow it. */
public enum RunState {
    /** No run: a scenario is ready to start. */
    IDLE("Ready"),
    /** Start was pressed: calibrating the machine or planning the arrivals. */
    PREPARING("Preparing\u2026"),
    /** Jobs are arriving. */
    RUNNING("Running"),
    /** Arrivals are held; jobs already submitted carry on. */
    PAUSED("Paused"),
    /** Stop was pressed: no more arrivals, the jobs in flight are ending. */
    STOPPING("Stopping\u2026"),
    /** The run is over; its numbers stay on screen until Reset or the next Start. */
    FINISHED("Finished"),
    /** The run could not start or broke off; the notification says why. */
    FAILED("Failed");

    private final String label;

    RunState(String label) {
        this.label = label;
    }

    /** A word or two for the status chip. */
    public String label() {
        return label;
    }

    /** Whether a run owns a live router that still takes arrivals or ends jobs. */
    public boolean isActive() {
        return this == RUNNING || this == PAUSED || this == STOPPING;
    }
}
