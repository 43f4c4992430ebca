package dev.helixrouter.engine;

import static dev.helixrouter.engine.TestSupport.awaitTrue;
import static dev.helixrouter.engine.TestSupport.config;
import static dev.helixrouter.engine.TestSupport.job;
import static dev.helixrouter.engine.TestSupport.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.ConfigUpdate;
import dev.helixrouter.engine.config.PolicyKind;
import dev.helixrouter.engine.policy.Rule;
import dev.helixrouter.engine.time.ManualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every key takes effect live: the lane really grows and shrinks, bounds and batches follow. */
class LiveReconfigurationTest {
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

    private Work<String> blocker(AtomicInteger started) {
        return () -> {
            started.incrementAndGet();
            assertTrue(release.await(10, TimeUnit.SECONDS));
            return "done";
        };
    }

    private void apply(java.util.function.UnaryOperator<dev.helixrouter.engine.config.RouterConfig> change) {
        ConfigUpdate u = router.config().update(change, OptionalLong.empty());
        assertInstanceOf(ConfigUpdate.Applied.class, u, u.toString());
    }

    @Test
    void growingParallelism_runsMoreJobsAtOnce() {
        router = TestSupport.router(time, config().cpuParallelism(1).build());
        AtomicInteger started = new AtomicInteger();
        List<JobHandle<String>> hs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hs.add(router.submit(job(i, 90_000, 0.1), blocker(started)));
        }
        awaitTrue("first job running", () -> started.get() == 1);
        assertEquals(2, router.load().queueDepth());
        apply(c -> c.toBuilder().cpuParallelism(3).build());
        awaitTrue("three jobs running at once", () -> started.get() == 3 && router.load().cpuBusy() == 3);
        assertEquals(3, router.load().parallelism());
        release.countDown();
        hs.forEach(h -> assertInstanceOf(Outcome.Completed.class, outcome(h)));
    }

    @Test
    void shrinkingParallelism_removesWorkers_busyOnesAfterTheirTask() {
        router = TestSupport.router(time, config().cpuParallelism(4).build());
        var lane = (dev.helixrouter.engine.lane.ThreadLane) router.lane();
        awaitTrue("4 workers", () -> lane.liveWorkers() == 4);
        AtomicInteger started = new AtomicInteger();
        JobHandle<String> busy = router.submit(job(1, 90_000, 0.1), blocker(started));
        awaitTrue("one busy", () -> started.get() == 1);
        apply(c -> c.toBuilder().cpuParallelism(1).cpuQueueCap(512).build());
        awaitTrue("idle workers gone", () -> lane.liveWorkers() == 1);
        assertEquals(1, router.load().parallelism());
        release.countDown();
        assertInstanceOf(Outcome.Completed.class, outcome(busy));
        // the one remaining worker still serves the lane
        assertInstanceOf(Outcome.Completed.class, outcome(router.submit(job(2, 90_000, 0.1), () -> "after")));
        assertEquals(1, lane.liveWorkers());
    }

    @Test
    void shrinkingTheQueueBound_losesNothingQueued_andRefusesNewJobsUntilBelowIt() {
        router = TestSupport.router(time, config().cpuParallelism(1).cpuQueueCap(4).build());
        AtomicInteger started = new AtomicInteger();
        JobHandle<String> running = router.submit(job(0, 90_000, 0.1), blocker(started));
        awaitTrue("running", () -> started.get() == 1);
        List<JobHandle<String>> queued = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            queued.add(router.submit(job(i, 90_000, 0.1), () -> "queued"));
        }
        assertEquals(4, router.load().queueDepth());
        apply(c -> c.toBuilder().cpuQueueCap(2).build());
        assertEquals(2, router.load().queueCapacity());
        JobHandle<String> refused = router.submit(job(9, 90_000, 0.1), () -> "refused");
        assertEquals(new Outcome.Dropped<String>(9, DropReason.QUEUE_FULL), refused.join());
        release.countDown();
        assertInstanceOf(Outcome.Completed.class, outcome(running));
        for (JobHandle<String> h : queued) {
            assertEquals("queued", ((Outcome.Completed<String>) outcome(h)).value(), "queued job kept");
        }
    }

    @Test
    void batchSize_appliesToTheNextFlush() {
        router = TestSupport.router(time, config().batchMaxSize(8).build());
        JobHandle<Integer> a = router.submit(job(1, 90_000, 0.9), () -> 1);
        assertFalse(a.isDone());
        apply(c -> c.toBuilder().batchMaxSize(2).build());
        JobHandle<Integer> b = router.submit(job(2, 90_000, 0.9), () -> 2);
        // the buffer now holds 2 = the new size: flushed without waiting for the delay
        assertInstanceOf(Outcome.Completed.class, outcome(a));
        assertInstanceOf(Outcome.Completed.class, outcome(b));
    }

    @Test
    void batchDelay_appliesToTheNextFlush() {
        router = TestSupport.router(time, config().batchMaxSize(8).batchMaxDelayMs(10).build());
        apply(c -> c.toBuilder().batchMaxDelayMs(50).build());
        JobHandle<Integer> a = router.submit(job(1, 90_000, 0.9), () -> 1);
        time.advance(TimeUnit.MILLISECONDS.toNanos(49));
        assertFalse(a.isDone());
        time.advance(TimeUnit.MILLISECONDS.toNanos(1));
        assertInstanceOf(Outcome.Completed.class, outcome(a));
    }

    @Test
    void thresholds_applyToTheNextDecision() {
        router = TestSupport.router(time, config().build());
        assertEquals(Strategy.SPAWN, router.submit(job(1, 20_000, 0.1), () -> 1).strategy());
        apply(c -> c.toBuilder().inlineThreshold(30_000).build());
        assertEquals(Strategy.INLINE, router.submit(job(2, 20_000, 0.1), () -> 1).strategy());
    }

    @Test
    void spawnMaxInFlight_appliesLive() {
        router = TestSupport.router(time, config().build());
        apply(c -> c.toBuilder().spawnMaxInFlight(1).build());
        AtomicInteger started = new AtomicInteger();
        JobHandle<String> a = router.submit(job(1, 20_000, 0.1), blocker(started));
        JobHandle<String> b = router.submit(job(2, 20_000, 0.1), () -> "b");
        assertEquals(new Outcome.Dropped<String>(2, DropReason.SPAWN_FULL), b.join());
        release.countDown();
        assertInstanceOf(Outcome.Completed.class, outcome(a));
    }

    @Test
    void routingPolicy_switchesLive() {
        AtomicInteger learnedCalls = new AtomicInteger();
        router = HelixRouter.builder().clock(time).scheduler(time).config(config().build())
                .learnedPolicy((job, load, cfg) -> {
                    learnedCalls.incrementAndGet();
                    return Rule.LEARNED_INLINE;
                }).build();
        assertEquals(Strategy.SPAWN, router.submit(job(1, 20_000, 0.1), () -> 1).strategy());
        apply(c -> c.toBuilder().routingPolicy(PolicyKind.LEARNED).build());
        assertEquals(Strategy.INLINE, router.submit(job(2, 20_000, 0.1), () -> 1).strategy());
        assertEquals(1, learnedCalls.get());
        assertEquals(DecidedBy.LEARNED, router.decisions().recent(1).getFirst().decidedBy());
    }

    @Test
    void metricsInterval_appliesLive() {
        router = TestSupport.router(time, config().metricsIntervalMs(1000).build());
        long seq = router.snapshot().sequence();
        apply(c -> c.toBuilder().metricsIntervalMs(100).build());
        time.advance(TimeUnit.MILLISECONDS.toNanos(100));
        assertEquals(seq + 1, router.snapshot().sequence());
        assertEquals(2, router.snapshot().configVersion());
    }

    @Test
    void invalidUpdate_changesNothing() {
        router = TestSupport.router(time, config().build());
        var before = router.currentConfig();
        ConfigUpdate u = router.config().update(c -> c.toBuilder().cpuParallelism(0).inlineThreshold(-1).build(),
                OptionalLong.empty());
        ConfigUpdate.Rejected r = assertInstanceOf(ConfigUpdate.Rejected.class, u);
        assertTrue(r.violations().size() >= 2, r.toString());
        assertEquals(before, router.currentConfig());
        assertEquals(2, router.load().parallelism());
    }
}
