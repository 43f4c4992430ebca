package dev.helixrouter.engine;

import static dev.helixrouter.engine.TestSupport.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.config.ConfigUpdate;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many submitters, every strategy, live reconfiguration and cancellation during the load: every
 * handle ends exactly once and the counters balance. Real threads and the real clock; the
 * assertions are about counts, never about time.
 */
class ConcurrencyStressTest {
    private static final int SUBMITTERS = 8;
    private static final int JOBS_EACH = 3_000;

    @Test
    void everyHandleEndsOnce_andCountersBalance_underLoadAndReconfiguration() throws Exception {
        RouterConfig base = RouterConfig.defaults(2).toBuilder().cpuQueueCap(64).spawnMaxInFlight(64)
                .batchMaxSize(4).batchMaxDelayMs(1).metricsIntervalMs(50).build();
        try (HelixRouter router = HelixRouter.builder().config(base).build()) {
            ConcurrentLinkedQueue<JobHandle<Long>> handles = new ConcurrentLinkedQueue<>();
            AtomicInteger ended = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < SUBMITTERS; t++) {
                int seed = t;
                threads.add(Thread.ofPlatform().name("submitter-" + t).start(() -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    awaitStart(start);
                    for (int i = 0; i < JOBS_EACH; i++) {
                        long id = (long) seed * JOBS_EACH + i;
                        long cost = switch (rnd.nextInt(4)) {
                            case 0 -> rnd.nextLong(1, 8000);
                            case 1 -> rnd.nextLong(8001, 60_000);
                            default -> rnd.nextLong(60_000, 200_000);
                        };
                        Job job = new Job(id, JobKind.of("K" + rnd.nextInt(3)), new long[] {id}, cost,
                                rnd.nextDouble(), rnd.nextLong(1, 50), rnd.nextInt(20) == 0, Job.AT_SUBMIT);
                        JobHandle<Long> h = router.submit(job, () -> spin(cost / 50));
                        h.outcome().whenComplete((o, e) -> {
                            ended.incrementAndGet();
                        });
                        handles.add(h);
                        if (rnd.nextInt(50) == 0) {
                            h.cancel();
                        }
                    }
                }));
            }
            Thread reconfigurer = Thread.ofPlatform().name("reconfigurer").start(() -> {
                SplittableRandom rnd = new SplittableRandom(99);
                awaitStart(start);
                for (int i = 0; i < 200; i++) {
                    ConfigUpdate u = router.config().update(c -> c.toBuilder()
                            .cpuParallelism(1 + rnd.nextInt(4))
                            .cpuQueueCap(4 + rnd.nextInt(100))
                            .batchMaxSize(1 + rnd.nextInt(8))
                            .backpressureGate(rnd.nextBoolean() ? GateMode.BUSY : GateMode.DEADLINE)
                            .spawnMaxInFlight(1 + rnd.nextInt(64)).build(), OptionalLong.empty());
                    assertTrue(u instanceof ConfigUpdate.Applied, u.toString());
                    Thread.yield();
                }
            });
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            reconfigurer.join();
            for (JobHandle<Long> h : handles) {
                TestSupport.outcome(h);
            }
            assertEquals(SUBMITTERS * JOBS_EACH, handles.size());
            awaitTrue("every completion callback ran", () -> ended.get() == SUBMITTERS * JOBS_EACH);
            awaitTrue("in flight back to 0", () -> router.inFlight() == 0);
            RouterSnapshot s = router.sampleNow();
            assertEquals(SUBMITTERS * JOBS_EACH, s.submitted());
            assertEquals(s.submitted(), s.completed() + s.dropped() + s.failed(), "counters balance");
            assertEquals(0, s.inFlight());
            long routed = 0;
            for (Strategy st : Strategy.values()) {
                routed += s.routed(st);
                if (st != Strategy.DROP) { // drops depend on timing; the others on cost alone
                    assertTrue(s.routed(st) > 0, "strategy used: " + st);
                }
            }
            assertEquals(s.submitted(), routed);
            assertEquals(0, s.failed());
        }
    }

    private static void awaitStart(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long spin(long rounds) {
        long x = rounds;
        for (long i = 0; i < rounds; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }
}
