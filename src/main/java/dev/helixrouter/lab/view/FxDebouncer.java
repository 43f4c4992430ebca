package dev.helixrouter.lab.view;

import dev.helixrouter.lab.model.Debouncer;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

/** A {@link Debouncer} on the FX thread's animation timer: no thread of its own. */
public final class FxDebouncer implements Debouncer {
    /** The quiet time before a tuning edit is applied. */
    public static final Duration QUIET = Duration.millis(250);

    private final PauseTransition pause = new PauseTransition(QUIET);
    private Runnable pending;

    /** A debouncer waiting {@link #QUIET}. */
    public FxDebouncer() {
        pause.setOnFinished(e -> {
            Runnable r = pending;
            pending = null;
            if (r != null) {
                r.run();
            }
        });
    }

    @Override
    public void schedule(Runnable action) {
        pending = action;
        pause.playFromStart();
    }

    @Override
    public void cancel() {
        pending = null;
        pause.stop();
    }

    @Override
    public boolean isPending() {
        return pending != null;
    }
}
