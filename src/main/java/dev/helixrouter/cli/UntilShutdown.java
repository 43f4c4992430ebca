package dev.helixrouter.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Serves until the JVM shuts down (Ctrl-C, SIGTERM): a shutdown hook wakes {@code serve}, which
 * closes the server, the simulator and the router, and the hook waits (at most 15 s) for that
 * to finish before the JVM exits.
 */
final class UntilShutdown implements ServeCommand.Lifetime {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void await(ServeCommand.Running running) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("helix-serve-shutdown").unstarted(() -> {
            stop.countDown();
            try {
                closed.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        stop.await();
    }

    @Override
    public void closed() {
        closed.countDown();
    }
}
