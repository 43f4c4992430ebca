package dev.helixrouter.engine;

import static dev.helixrouter.engine.TestSupport.awaitTrue;
import static dev.helixrouter.engine.TestSupport.config;
import static dev.helixrouter.engine.TestSupport.job;
import static dev.helixrouter.engine.TestSupport.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
    }

    @Test
    void close_dropsQueued_failsOverdueRunningWork_andLeavesNoThreadsBehind() {
        String prefix = "shutdown-test-" + System.nanoTime();
        HelixRouter router = HelixRouter.builder().threadPrefix(prefix)
                .config(config().cpuParallelism(1).shutdownGraceMs(50).batchMaxSize(8).build()).build();
        assertTrue(threadsNamed(prefix) >= 2, "lane worker and timer are running");
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Thread> spawnedThread = new AtomicReference<>();
        JobHandle<String> running = router.submit(job(1, 90_000, 0.1), () -> {
            never.await();
            return "unreachable";
        });
        awaitTrue("worker busy", () -> router.load().cpuBusy() == 1);
        JobHandle<String> queued = router.submit(job(2, 90_000, 0.1), () -> "queued");
        JobHandle<String> buffered = router.submit(job(3, 90_000, 0.9), () -> "buffered");
        JobHandle<String> spawned = router.submit(job(4, 20_000, 0.1), () -> {
            spawnedThread.set(Thread.currentThread());
            never.await();
            return "unreachable";
        });
        awaitTrue("spawned started", () -> spawnedThread.get() != null);

        router.close();

        assertEquals(new Outcome.Dropped<String>(2, DropReason.SHUTDOWN), outcome(queued));
        assertEquals(new Outcome.Dropped<String>(3, DropReason.SHUTDOWN), outcome(buffered));
        Outcome.Failed<String> f = assertInstanceOf(Outcome.Failed.class, outcome(running));
        assertEquals("shutdown_timeout", f.reason());
        assertInstanceOf(TimeoutException.class, f.cause());
        assertEquals("shutdown_timeout", ((Outcome.Failed<String>) outcome(spawned)).reason());

        JobHandle<String> late = router.submit(job(5, 10, 0.1), () -> "too late");
        assertEquals(new Outcome.Dropped<String>(5, DropReason.SHUTDOWN), late.join());

        awaitTrue("no router threads left", () -> threadsNamed(prefix) == 0);
        awaitTrue("spawned thread interrupted and ended", () -> !spawnedThread.get().isAlive());
        RouterSnapshot s = router.snapshot();
        assertEquals(0, s.inFlight());
        assertEquals(s.submitted(), s.completed() + s.dropped() + s.failed());
        assertEquals(2, s.failed());
        router.close(); // idempotent
    }

    @Test
    void close_letsRunningWorkFinishWithinTheGrace() {
        HelixRouter router = HelixRouter.builder().config(config().shutdownGraceMs(10_000).build()).build();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        JobHandle<String> h = router.submit(job(1, 90_000, 0.1), () -> {
            started.countDown();
            finish.await();
            return "finished";
        });
        try {
            assertTrue(started.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        Thread closer = Thread.ofPlatform().start(router::close);
        awaitTrue("closing", router::isClosed);
        finish.countDown();
        assertEquals("finished", ((Outcome.Completed<String>) outcome(h)).value());
        try {
            closer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertTrue(!closer.isAlive(), "close returned once the work finished");
    }
}
