package dev.helixrouter.lab.model;

import dev.helixrouter.lab.run.RunFactory;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the lab's slow work (calibration, planning, closing routers, writing files) off the UI
 * thread, on named platform threads, and brings the results back to the UI thread.
 *
 * <p>The lab's implementation runs a JavaFX {@code Task} on a platform-thread executor; tests use
 * one that runs everything at once on the calling thread, so view models can be tested without a
 * toolkit.
 */
public interface TaskRunner {

    /** A task in progress. */
    interface Handle {
        /** Asks the work to give up; it sees {@link RunFactory.Preparation#isCancelled()}. */
        void cancel();
    }

    /** Hears progress on the UI thread. */
    @FunctionalInterface
    interface Progress {
        /** {@code fraction} in [0, 1], or negative when unknown, with a message. */
        void update(double fraction, String message);
    }

    /**
     * Runs {@code work} in the background; {@code progress}, {@code onSuccess} and
     * {@code onFailure} are called on the UI thread. A cancelled task calls {@code onFailure}
     * with a {@link java.util.concurrent.CancellationException}.
     */
    <T> Handle submit(String name, Function<RunFactory.Preparation, T> work, Progress progress,
                      Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs {@code work} in the background, fire and forget (errors are logged). */
    void execute(String name, Runnable work);
}
