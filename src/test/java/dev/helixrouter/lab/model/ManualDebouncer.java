package dev.helixrouter.lab.model;

/** A debouncer for tests: the pending action runs when the test says the quiet time is over. */
final class ManualDebouncer implements Debouncer {
    private Runnable pending;
    int scheduled;

    @Override
    public void schedule(Runnable action) {
        pending = action;
        scheduled++;
    }

    @Override
    public void cancel() {
        pending = null;
    }

    @Override
    public boolean isPending() {
        return pending != null;
    }

    /** Runs the pending action, as if the quiet time had passed. */
    void elapse() {
        Runnable r = pending;
        pending = null;
        if (r != null) {
            r.run();
        }
    }
}
