package dev.helixrouter.engine;

import static dev.helixrouter.engine.TestSupport.awaitTrue;
import static dev.helixrouter.engine.TestSupport.config;
import static dev.helixrouter.engine.TestSupport.job;
import static dev.helixrouter.engine.TestSupport.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.time.ManualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterStrategiesTest {
    private final ManualTime time = new ManualTime();
    private final CountDownLatch release = new CountDownLatch(1);
    private HelixRouter router;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (router != null) {
            router.close();
        }
    }

    private Work<String> blockUntilReleased() {
        return () -> {
            assertTrue(release.await(10, TimeUnit.SECONDS), "test never released the job");
            return "released";
        };
    }

    private static void assertBalanced(RouterSnapshot s) {
        assertEquals(s.submitted(), s.completed() + s.dropped() + s.failed(), "submitted = completed + dropped + failed");
        assertEquals(0, s.inFlight());
    }

    @Test
    void inline_runsOnTheCallersThread_andHasEndedOnReturn() {
        router = TestSupport.router(time, config().build());
        Thread caller = Thread.currentThread();
        JobHandle<Thread> h = router.submit(job(1, 100, 0.1), Thread::currentThread);
        assertTrue(h.isDone(), "inline handle ended before submit returned");
        Outcome.Completed<Thread> c = assertInstanceOf(Outcome.Completed.class, h.join());
        assertEquals(Strategy.INLINE, c.strategy());
        assertSame(caller, c.value());
    }

    @Test
    void spawn_runsOnAVirtualThread() {
        router = TestSupport.router(time, config().build());
        JobHandle<Thread> h = router.submit(job(1, 20_000, 0.1), Thread::currentThread);
        Outcome.Completed<Thread> c = assertInstanceOf(Outcome.Completed.class, outcome(h));
        assertEquals(Strategy.SPAWN, c.strategy());
        assertTrue(c.value().isVirtual(), "spawned work runs on a virtual thread");
    }

    @Test
    void spawn_beyondMaxInFlight_dropsWithSpawnFull() {
        router = TestSupport.router(time, config().spawnMaxInFlight(2).build());
        JobHandle<String> a = router.submit(job(1, 20_000, 0.1), blockUntilReleased());
        JobHandle<String> b = router.submit(job(2, 20_000, 0.1), blockUntilReleased());
        JobHandle<String> c = router.submit(job(3, 20_000, 0.1), blockUntilReleased());
        assertEquals(new Outcome.Dropped<String>(3, DropReason.SPAWN_FULL), c.join());
        release.countDown();
        assertInstanceOf(Outcome.Completed.class, outcome(a));
        assertInstanceOf(Outcome.Completed.class, outcome(b));
        // the slots are free again
        JobHandle<String> d = router.submit(job(4, 20_000, 0.1), () -> "ok");
        assertInstanceOf(Outcome.Completed.class, outcome(d));
    }

    @Test
    void blockingJob_spawnsEvenWhenCheap() {
        router = TestSupport.router(time, config().build());
        JobHandle<Boolean> h = router.submit(job(1, 1, 0.1).withBlocking(true), () -> Thread.currentThread().isVirtual());
        Outcome.Completed<Boolean> c = assertInstanceOf(Outcome.Completed.class, outcome(h));
        assertEquals(Strategy.SPAWN, c.strategy());
        assertTrue(c.value());
    }

    @Test
    void cpuPool_runsOnANamedPlatformWorker() {
        router = TestSupport.router(time, config().build());
        JobHandle<Thread> h = router.submit(job(1, 90_000, 0.1), Thread::currentThread);
        Outcome.Completed<Thread> c = assertInstanceOf(Outcome.Completed.class, outcome(h));
        assertEquals(Strategy.CPU_POOL, c.strategy());
        assertFalse(c.value().isVirtual());
        assertTrue(c.value().getName().startsWith("helix-cpu-"), c.value().getName());
    }

    @Test
    void cpuPool_queueFull_dropsWithQueueFull_andNeverBlocksTheSubmitter() {
        router = TestSupport.router(time, config().cpuParallelism(1).cpuQueueCap(1).build());
        JobHandle<String> running = router.submit(job(1, 90_000, 0.1), blockUntilReleased());
        awaitTrue("worker busy", () -> router.load().cpuBusy() == 1);
        JobHandle<String> queued = router.submit(job(2, 90_000, 0.1), () -> "queued");
        JobHandle<String> refused = router.submit(job(3, 90_000, 0.1), () -> "refused");
        assertEquals(new Outcome.Dropped<String>(3, DropReason.QUEUE_FULL), refused.join());
        assertFalse(queued.isDone());
        release.countDown();
        assertEquals("released", ((Outcome.Completed<String>) outcome(running)).value());
        assertEquals("queued", ((Outcome.Completed<String>) outcome(queued)).value());
        awaitTrue("idle", () -> router.inFlight() == 0);
        assertBalanced(router.sampleNow());
    }

    @Test
    void cancel_queuedJob_dropsItWithCancelled_andItNeverRuns() {
        router = TestSupport.router(time, config().cpuParallelism(1).cpuQueueCap(4).build());
        router.submit(job(1, 90_000, 0.1), blockUntilReleased());
        awaitTrue("worker busy", () -> router.load().cpuBusy() == 1);
        AtomicInteger ran = new AtomicInteger();
        JobHandle<Integer> queued = router.submit(job(2, 90_000, 0.1), ran::incrementAndGet);
        assertEquals(1, router.load().queueDepth());
        assertTrue(queued.cancel());
        assertEquals(0, router.load().queueDepth(), "cancel frees the queue slot");
        assertEquals(new Outcome.Dropped<Integer>(2, DropReason.CANCELLED), queued.join());
        assertFalse(queued.cancel(), "a handle ends once");
        release.countDown();
        awaitTrue("idle", () -> router.inFlight() == 0);
        assertEquals(0, ran.get());
        RouterSnapshot s = router.sampleNow();
        assertEquals(1, s.droppedByReason().get(DropReason.CANCELLED));
        assertBalanced(s);
    }

    @Test
    void cancel_runningJob_isRefused() {
        router = TestSupport.router(time, config().build());
        JobHandle<String> h = router.submit(job(1, 90_000, 0.1), blockUntilReleased());
        awaitTrue("running", () -> router.load().cpuBusy() == 1);
        assertFalse(h.cancel());
        release.countDown();
        assertInstanceOf(Outcome.Completed.class, outcome(h));
    }

    @Test
    void batch_flushesOnSize_asOneTaskOnTheLane_withEachResultToItsHandle() {
        router = TestSupport.router(time, config().batchMaxSize(3).build());
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<JobHandle<Long>> hs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            long id = i;
            hs.add(router.submit(job(i, 90_000, 0.9), () -> {
                threads.add(Thread.currentThread());
                return id * 10;
            }));
        }
        for (int i = 0; i < 3; i++) {
            Outcome.Completed<Long> c = assertInstanceOf(Outcome.Completed.class, outcome(hs.get(i)));
            assertEquals(Strategy.BATCH, c.strategy());
            assertEquals((i + 1) * 10L, c.value());
        }
        assertEquals(1, threads.size(), "one batch = one lane task");
        Thread t = threads.iterator().next();
        assertFalse(t.isVirtual());
        assertTrue(t.getName().startsWith("helix-cpu-"));
    }

    @Test
    void batch_flushesOnDelay_whenNotFull() {
        router = TestSupport.router(time, config().batchMaxSize(8).batchMaxDelayMs(10).build());
        JobHandle<String> h = router.submit(job(1, 90_000, 0.9), () -> "alone");
        time.advance(TimeUnit.MILLISECONDS.toNanos(9));
        assertFalse(h.isDone(), "not flushed before the delay");
        assertEquals(1, router.sampleNow().batchDepths().get(TestSupport.KIND.name()));
        time.advance(TimeUnit.MILLISECONDS.toNanos(1));
        Outcome.Completed<String> c = assertInstanceOf(Outcome.Completed.class, outcome(h));
        assertEquals("alone", c.value());
        assertTrue(c.latencyNanos() >= TimeUnit.MILLISECONDS.toNanos(10), "latency includes the buffer wait");
    }

    @Test
    void batchHandler_runsTheWholeBatchInOneCall() {
        AtomicInteger calls = new AtomicInteger();
        JobKind kind = JobKind.of("resize");
        router = HelixRouter.builder().clock(time).scheduler(time).config(config().batchMaxSize(4).build())
                .batchHandler(kind, (List<Job> jobs) -> {
                    calls.incrementAndGet();
                    return jobs.stream().map(j -> "img" + j.id()).toList();
                }).build();
        List<JobHandle<String>> hs = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            hs.add(router.submit(new Job(i, kind, new long[0], 90_000, 0.9, 100), () -> "never used"));
        }
        for (int i = 0; i < 4; i++) {
            assertEquals("img" + (i + 1), ((Outcome.Completed<String>) outcome(hs.get(i))).value());
        }
        assertEquals(1, calls.get());
    }

    @Test
    void batchHandlerThatThrows_failsThatBatchOnly() {
        JobKind bad = JobKind.of("bad");
        router = HelixRouter.builder().clock(time).scheduler(time).config(config().batchMaxSize(2).build())
                .batchHandler(bad, jobs -> {
                    throw new IllegalStateException("boom");
                }).build();
        JobHandle<Object> b1 = router.submit(new Job(1, bad, new long[0], 90_000, 0.9, 100), () -> 1);
        JobHandle<Object> b2 = router.submit(new Job(2, bad, new long[0], 90_000, 0.9, 100), () -> 2);
        JobHandle<Integer> g1 = router.submit(job(3, 90_000, 0.9), () -> 3);
        JobHandle<Integer> g2 = router.submit(job(4, 90_000, 0.9), () -> 4);
        Outcome.Failed<Object> f = assertInstanceOf(Outcome.Failed.class, outcome(b1));
        assertEquals("batch_handler", f.reason());
        assertEquals("boom", f.cause().getMessage());
        assertInstanceOf(Outcome.Failed.class, outcome(b2));
        assertInstanceOf(Outcome.Completed.class, outcome(g1));
        assertInstanceOf(Outcome.Completed.class, outcome(g2));
        awaitTrue("idle", () -> router.inFlight() == 0);
        RouterSnapshot s = router.sampleNow();
        assertEquals(2, s.failed());
        assertBalanced(s);
    }

    @Test
    void batchFlushedIntoAFullQueue_dropsItsJobsWithQueueFull() {
        router = TestSupport.router(time, config().cpuParallelism(1).cpuQueueCap(1).batchMaxSize(2).build());
        router.submit(job(1, 90_000, 0.1), blockUntilReleased());
        awaitTrue("worker busy", () -> router.load().cpuBusy() == 1);
        router.submit(job(2, 90_000, 0.1), () -> "fills the queue");
        JobHandle<String> a = router.submit(job(3, 90_000, 0.9), () -> "a");
        JobHandle<String> b = router.submit(job(4, 90_000, 0.9), () -> "b");
        assertEquals(new Outcome.Dropped<String>(3, DropReason.QUEUE_FULL), outcome(a));
        assertEquals(new Outcome.Dropped<String>(4, DropReason.QUEUE_FULL), outcome(b));
    }

    @Test
    void cancel_jobInABatchBuffer() {
        router = TestSupport.router(time, config().batchMaxSize(8).build());
        AtomicInteger ran = new AtomicInteger();
        JobHandle<Integer> a = router.submit(job(1, 90_000, 0.9), ran::incrementAndGet);
        JobHandle<Integer> b = router.submit(job(2, 90_000, 0.9), ran::incrementAndGet);
        assertTrue(a.cancel());
        assertEquals(1, router.sampleNow().batchDepths().get(TestSupport.KIND.name()));
        time.advance(TimeUnit.MILLISECONDS.toNanos(10));
        assertInstanceOf(Outcome.Completed.class, outcome(b));
        assertEquals(1, ran.get());
        assertEquals(new Outcome.Dropped<Integer>(1, DropReason.CANCELLED), a.join());
    }

    @Test
    void busyGate_dropsWithBackpressure_whenTheLaneIsBusy() {
        router = TestSupport.router(time, config().cpuParallelism(1).backpressureGate(GateMode.BUSY).build());
        router.submit(job(1, 90_000, 0.1), blockUntilReleased());
        awaitTrue("worker busy", () -> router.load().cpuBusy() == 1);
        JobHandle<String> tiny = router.submit(job(2, 2, 0.1), () -> "tiny");
        assertEquals(new Outcome.Dropped<String>(2, DropReason.BACKPRESSURE), tiny.join());
        assertEquals(Strategy.DROP, tiny.strategy());
    }

    @Test
    void externalPressure_shedsLaneJobs_andExpiresAfterItsTtl() {
        router = TestSupport.router(time, config().build());
        router.reportExternalPressure(0.95, java.time.Duration.ofSeconds(5));
        assertEquals(new Outcome.Dropped<String>(1, DropReason.PRESSURE), router.submit(job(1, 90_000, 0.1), () -> "x").join());
        assertInstanceOf(Outcome.Completed.class, router.submit(job(2, 10, 0.1), () -> "inline ok").join());
        time.advance(TimeUnit.SECONDS.toNanos(5));
        assertEquals(0.0, router.pressure().effective());
        assertInstanceOf(Outcome.Completed.class, outcome(router.submit(job(3, 90_000, 0.1), () -> "x")));
    }

    @Test
    void failingWork_failsTheJob_withItsCause() {
        router = TestSupport.router(time, config().build());
        JobHandle<Object> h = router.submit(job(1, 10, 0.1), () -> {
            throw new java.io.IOException("disk");
        });
        Outcome.Failed<Object> f = assertInstanceOf(Outcome.Failed.class, h.join());
        assertEquals(Strategy.INLINE, f.strategy());
        assertEquals("error", f.reason());
        assertEquals("disk", f.cause().getMessage());
    }

    @Test
    void deadlineGate_dropsAJobWhoseBudgetIsSpentOnArrival() {
        router = TestSupport.router(time, config().build());
        long now = time.nanoTime();
        Job spent = job(2, 10, 0.1).withIntendedStart(now - TimeUnit.MILLISECONDS.toNanos(101));
        Outcome.Dropped<String> d = assertInstanceOf(Outcome.Dropped.class, router.submit(spent, () -> "b").join());
        assertEquals(DropReason.DEADLINE, d.reason());
    }

    @Test
    void latency_runsFromTheIntendedStart_andDecidesMetOrLate() {
        // the busy gate: the deadline gate would drop the late job on arrival (next test)
        router = TestSupport.router(time, config().backpressureGate(dev.helixrouter.engine.config.GateMode.BUSY).build());
        long now = time.nanoTime();
        Job onTime = job(1, 10, 0.1).withIntendedStart(now - TimeUnit.MILLISECONDS.toNanos(100));
        Job late = job(2, 10, 0.1).withIntendedStart(now - TimeUnit.MILLISECONDS.toNanos(101));
        Outcome.Completed<String> a = (Outcome.Completed<String>) router.submit(onTime, () -> "a").join();
        Outcome.Completed<String> b = (Outcome.Completed<String>) router.submit(late, () -> "b").join();
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), a.latencyNanos());
        assertTrue(a.metBudget());
        assertTrue(b.late());
        RouterSnapshot s = router.sampleNow();
        assertEquals(1, s.strategy(Strategy.INLINE).met());
        assertEquals(1, s.strategy(Strategy.INLINE).late());
        assertEquals(1, s.kinds().get(TestSupport.KIND.name()).late());
    }

    @Test
    void builtinKinds_runTheirKernels() {
        router = TestSupport.router(time, config().build());
        JobHandle<Output> h = router.submit(new Job(1, JobKind.PRIME_COUNT, new long[0], 100_000, 0.1, 1000));
        Outcome.Completed<Output> c = assertInstanceOf(Outcome.Completed.class, outcome(h));
        assertEquals(new Output.U64(9592), c.value());
        assertNotEquals(Strategy.DROP, c.strategy());
    }
}
