package dev.helixrouter.engine;

import static dev.helixrouter.engine.TestSupport.config;
import static dev.helixrouter.engine.TestSupport.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.metrics.LatencyStats;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.time.ManualTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotAndFeedTest {
    private final ManualTime time = new ManualTime();
    private HelixRouter router;

    @AfterEach
    void tearDown() {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void sampler_publishesOneSnapshotPerInterval_andReadersShareIt() {
        router = TestSupport.router(time, config().metricsIntervalMs(1000).build());
        RouterSnapshot first = router.snapshot();
        assertEquals(0, first.sequence());
        time.advance(TimeUnit.MILLISECONDS.toNanos(999));
        assertSame(first, router.snapshot(), "nothing published before the interval closes");
        time.advance(TimeUnit.MILLISECONDS.toNanos(1));
        RouterSnapshot second = router.snapshot();
        assertEquals(1, second.sequence());
        assertSame(second, router.snapshot(), "every reader gets the same published object");
        assertEquals(TimeUnit.SECONDS.toNanos(1), second.intervalNanos());
    }

    @Test
    void publishDecisionsOff_routesAndCountsAlike_butPublishesNoEvent() {
        router = HelixRouter.builder().clock(time).scheduler(time).config(config().build())
                .publishDecisions(false).build();
        JobHandle<Integer> h = router.submit(job(1, 10, 0.1), () -> 7);
        assertTrue(h.isDone());
        assertEquals(0, router.decisions().published());
        assertEquals(1, router.sampleNow().completed());
    }

    @Test
    void snapshot_holdsPercentilesInMicroseconds_perStrategyAndKind_sinceStartAndPerInterval() {
        router = TestSupport.router(time, config().build());
        long now = time.nanoTime();
        for (int i = 1; i <= 100; i++) {
            // inline jobs whose latency, from their intended start, is i ms
            Job j = job(i, 10, 0.1).withIntendedStart(now - TimeUnit.MILLISECONDS.toNanos(i));
            router.submit(j, () -> 0);
        }
        time.advance(TimeUnit.SECONDS.toNanos(1));
        RouterSnapshot s = router.snapshot();
        LatencyStats lat = s.strategy(Strategy.INLINE).latency();
        assertEquals(100, lat.count());
        // the histograms keep 2 significant digits: each figure within 1 %
        assertEquals(50_000, lat.p50Micros(), 500);
        assertEquals(95_000, lat.p95Micros(), 950);
        assertEquals(99_000, lat.p99Micros(), 990);
        assertEquals(100_000, lat.maxMicros(), 1_000);
        assertEquals(1_000, lat.minMicros(), 10);
        assertEquals(50_500, lat.meanMicros(), 505);
        assertEquals(50_500, lat.emaMicros(), 505, "first interval: EMA = its mean");
        assertEquals(100, s.strategy(Strategy.INLINE).intervalLatency().count());
        assertEquals(100, s.strategy(Strategy.INLINE).met(), "budget is 100 ms: all met");
        assertEquals(100, s.kinds().get(TestSupport.KIND.name()).latency().count());
        assertEquals(100.0, s.goodputPerSec(), 1e-9);
        assertEquals(100.0, s.throughputPerSec(), 1e-9);

        time.advance(TimeUnit.SECONDS.toNanos(1));
        RouterSnapshot next = router.snapshot();
        assertEquals(0, next.strategy(Strategy.INLINE).intervalLatency().count(), "the interval was consumed");
        assertEquals(100, next.strategy(Strategy.INLINE).latency().count(), "since-start keeps it");
        assertEquals(0.0, next.goodputPerSec());
    }

    @Test
    void counters_balanceWhenIdle_andEveryStrategyAndReasonIsPresent() {
        router = TestSupport.router(time, config().backpressureGate(GateMode.BUSY).build());
        router.submit(job(1, 10, 0.1), () -> 1);
        router.reportExternalPressure(1.0, java.time.Duration.ofSeconds(1));
        router.submit(job(2, 90_000, 0.1), () -> 2);
        RouterSnapshot s = router.sampleNow();
        assertEquals(2, s.submitted());
        assertEquals(1, s.completed());
        assertEquals(1, s.dropped());
        assertEquals(1, s.droppedByReason().get(DropReason.PRESSURE));
        assertEquals(DropReason.values().length, s.droppedByReason().size());
        assertEquals(Strategy.values().length, s.strategies().size());
        assertEquals(0, s.inFlight());
    }

    @Test
    void decisions_areExplainedWithTheirNumbers() {
        router = TestSupport.router(time, config().build());
        router.submit(job(1, 500, 0.1), () -> 1);
        router.submit(job(2, 98_324, 0.31), () -> 1);
        router.submit(job(3, 20_000, 0.5), () -> 1);
        List<DecisionEvent> events = router.decisions().recent(10);
        assertEquals(3, events.size());
        assertEquals("cost 500 <= inline_threshold 8000 -> inline", events.get(0).explain());
        assertTrue(events.get(1).explain().startsWith(
                "cost 98324 >= spawn_threshold 60000, scaling 0.31 < 0.70 -> cpu_pool"), events.get(1).explain());
        assertEquals("cost 20000 > inline_threshold 8000, cost 20000 < spawn_threshold 60000 -> spawn",
                events.get(2).explain());
        assertEquals("route job_id=2 kind=TestKind cost=98324 scaling=0.31 latency_budget_ms=100 strategy=cpu_pool cpu_busy=0",
                events.get(1).logLine());
        assertEquals(DecidedBy.HEURISTIC, events.get(0).decidedBy());
    }

    @Test
    void deadlineDrop_isExplained() {
        router = TestSupport.router(time, config().build());
        Job stale = job(1, 90_000, 0.1).withIntendedStart(time.nanoTime() - TimeUnit.MILLISECONDS.toNanos(150));
        assertEquals(new Outcome.Dropped<Integer>(1, DropReason.DEADLINE), router.submit(stale, () -> 1).join());
        DecisionEvent e = router.decisions().recent(1).getFirst();
        assertEquals(DecidedBy.GATE, e.decidedBy());
        assertTrue(e.explain().endsWith("-> drop (deadline)"), e.explain());
        assertTrue(e.explain().contains("budget left -50.0 ms"), e.explain());
    }

    @Test
    void slowSubscriber_losesTheOldestEvents_countsThem_andNeverSlowsTheRouter() {
        router = HelixRouter.builder().clock(time).scheduler(time).config(config().build())
                .decisionRingCapacity(8).build();
        DecisionFeed.Subscription slow = router.decisions().subscribe();
        DecisionFeed.Subscription fast = router.decisions().subscribe();
        for (int i = 0; i < 5; i++) {
            router.submit(job(i, 10, 0.1), () -> 0);
        }
        assertEquals(5, fast.poll(100).size());
        for (int i = 5; i < 30; i++) {
            router.submit(job(i, 10, 0.1), () -> 0);
        }
        List<DecisionEvent> got = slow.poll(100);
        assertEquals(8, got.size(), "the ring keeps the last 8");
        assertEquals(22, got.getFirst().sequence());
        assertEquals(29, got.getLast().sequence());
        assertEquals(22, slow.lost());
        List<DecisionEvent> fastGot = fast.poll(100);
        assertEquals(22 - 5, fast.lost());
        assertEquals(8, fastGot.size());
        for (int i = 1; i < got.size(); i++) {
            assertEquals(got.get(i - 1).sequence() + 1, got.get(i).sequence(), "in order");
        }
        assertEquals(30, router.decisions().published());
    }
}
