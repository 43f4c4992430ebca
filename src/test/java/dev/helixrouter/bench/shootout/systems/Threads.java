package dev.helixrouter.bench.shootout.systems;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** Thread naming and executor shutdown shared by the systems. */
final class Threads {
    private Threads() {
    }

    /** Named daemon platform threads {@code name-N}. */
    static ThreadFactory named(String name) {
        return Thread.ofPlatform().name(name + "-", 1).daemon(true).factory();
    }

    /** Shuts {@code executor} down, letting its tasks finish (the harness has waited for them already). */
    static void shutdown(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
