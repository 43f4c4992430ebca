package dev.helixrouter.lab.model;

/**
 * Runs an action once things have been quiet for a while: each {@link #schedule} replaces the
 * pending action and restarts the wait. The lab's implementation waits on the UI thread's
 * timeline; tests run pending actions by hand.
 */
public interface Debouncer {
    /** Runs {@code action} on the UI thread after the quiet time, unless rescheduled or cancelled first. */
    void schedule(Runnable action);

    /** Drops the pending action, if any. */
    void cancel();

    /** Whether an action is waiting. */
    boolean isPending();
}
