package dev.helixrouter.lab.model;

import dev.helixrouter.lab.run.RunFactory;
import java.util.function.Consumer;
import java.util.function.Function;

/** Runs "background" work at once, on the calling thread: view-model tests need no toolkit. */
final class DirectTaskRunner implements TaskRunner {
    @Override
    public <T> Handle submit(String name, Function<RunFactory.Preparation, T> work, Progress progress,
                             Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.apply(new RunFactory.Preparation() {
                @Override
                public void progress(double fraction, String message) {
                    progress.update(fraction, message);
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            onFailure.accept(e);
            return () -> { };
        }
        onSuccess.accept(result);
        return () -> { };
    }

    @Override
    public void execute(String name, Runnable work) {
        work.run();
    }
}
