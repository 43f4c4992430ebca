package dev.helixrouter.reliability;

import static dev.helixrouter.reliability.Reliability.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.adapt.AdaptiveLayer;
import dev.helixrouter.adapt.LearnedWeights;
import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobHandle;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Outcome;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.RouterBuilder;
import dev.helixrouter.engine.config.PolicyKind;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Closing a router in the middle of an overload: queued and buffered jobs end dropped
 * {@code shutdown} without running, running ones either finish within {@code shutdown_grace_ms}
 * or end failed {@code shutdown_timeout}, submissions after the close are dropped
 * {@code shutdown}, every handle ends once, the counters balance and no router thread is left.
 */
class ShutdownUnderLoadTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final long GRACE_MS = 300;

    /** What a job of the mix does; its id says which. */
    private enum Kind {
        SHORT, LONG, SPAWN_SHORT, SPAWN_LONG, BATCH, INLINE;

        static Kind of(long id) {
            int r = (int) Math.floorMod(id * 0x9E3779B97F4A7C15L >>> 40, 100);
            return r < 40 ? SHORT : r < 55 ? LONG : r < 65 ? SPAWN_SHORT : r < 72 ? SPAWN_LONG : r < 92 ? BATCH : INLINE;
        }
    }

    private static Job jobOf(long id, Kind k) {
        JobKind kind = JobKind.of("Shut" + k.ordinal() % 3);
        return switch (k) {
            case SHORT, LONG -> new Job(id, kind, new long[] {id}, 90_000, 0.1, 60_000);
            case SPAWN_SHORT, SPAWN_LONG -> new Job(id, kind, new long[] {id}, 20_000, 0.1, 60_000);
            case BATCH -> new Job(id, kind, new long[] {id}, 90_000, 0.9, 60_000);
            case INLINE -> new Job(id, kind, new long[] {id}, 10, 0.1, 60_000);
        };
    }

    private static long spin(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < end) {
            x++;
        }
        return x;
    }

    @Test
    void closeUnderLoad_dropsQueued_failsOverdue_andEndsEveryHandle() throws Exception {
        int rounds = Reliability.scale(2, 20);
        long closeMaxNanos = 0;
        long[] totals = new long[4];
        for (int round = 0; round < rounds; round++) {
            long[] r = oneRound(round);
            closeMaxNanos = Math.max(closeMaxNanos, r[0]);
            for (int i = 1; i < r.length; i++) {
                totals[i] += r[i];
            }
        }
        record("shutdown", "rounds", rounds);
        record("shutdown", "shutdown_grace_ms", GRACE_MS);
        record("shutdown", "close_max_ms", closeMaxNanos / 1e6);
        record("shutdown", "dropped_shutdown", totals[1]);
        record("shutdown", "failed_shutdown_timeout", totals[2]);
        record("shutdown", "completed", totals[3]);
    }

    private long[] oneRound(int round) throws Exception {
        Set<Thread> threadsBefore = Reliability.liveThreads();
        RouterConfig config = RouterConfig.defaults(2).toBuilder().cpuQueueCap(256).spawnMaxInFlight(256)
                .batchMaxSize(8).batchMaxDelayMs(50).shutdownGraceMs(GRACE_MS).metricsIntervalMs(50).build();
        HelixRouter router = HelixRouter.builder().config(config).threadPrefix("shutdown-router").build();
        Set<Long> started = ConcurrentHashMap.newKeySet();
        Set<Long> finished = ConcurrentHashMap.newKeySet();
        Set<Long> submittedClosed = ConcurrentHashMap.newKeySet();
        Map<Long, Strategy> routed = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong droppedShutdown = new AtomicLong();
        AtomicLong failedTimeout = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        OpenLoopLoad load = new OpenLoopLoad(router, "shutdown-caller", 2, 4_000, 100 + round, c ->
                (r, id, intended) -> {
                    Kind k = Kind.of(id);
                    boolean closed = r.isClosed();
                    JobHandle<Long> h = r.submit(jobOf(id, k).withIntendedStart(intended), () -> {
                        started.add(id);
                        long v = switch (k) {
                            case LONG, SPAWN_LONG -> {
                                Thread.sleep(10_000); // interrupted at close, after the grace
                                yield 0L;
                            }
                            case INLINE -> id;
                            default -> spin(200_000 + id % 800_000);
                        };
                        finished.add(id);
                        return v;
                    });
                    if (closed) {
                        submittedClosed.add(id);
                    }
                    routed.put(id, h.strategy());
                    return h;
                });
        load.onEnd = (h, o) -> {
            long id = h.jobId();
            Kind k = Kind.of(id);
            switch (o) {
                case Outcome.Dropped<?> d -> {
                    if (started.contains(id)) {
                        violations.add("job " + id + " dropped " + d.reason() + " after it started");
                    }
                    if (d.reason() == DropReason.SHUTDOWN) {
                        droppedShutdown.incrementAndGet();
                    }
                }
                case Outcome.Failed<?> f -> {
                    if (!f.reason().equals("shutdown_timeout")) {
                        violations.add("job " + id + " failed " + f.reason() + ": " + f.cause());
                    } else if (!(f.cause() instanceof TimeoutException)) {
                        violations.add("job " + id + " shutdown_timeout without a TimeoutException");
                    }
                    failedTimeout.incrementAndGet();
                }
                case Outcome.Completed<?> c -> {
                    if (k == Kind.LONG || k == Kind.SPAWN_LONG) {
                        violations.add("job " + id + " completed a 10 s sleep within a " + GRACE_MS + " ms grace");
                    }
                    completed.incrementAndGet();
                }
            }
        };
        // Close once the lane is saturated and jobs wait in its queue and in batch buffers.
        Reliability.awaitTrue(BOUND, "lane saturated, queue and buffers filling", () ->
                router.load().cpuBusy() == 2 && router.load().queueDepth() > 8);
        AtomicBoolean closeReturned = new AtomicBoolean();
        long t0 = System.nanoTime();
        Thread closer = Thread.ofPlatform().name("shutdown-closer").start(() -> {
            router.close();
            closeReturned.set(true);
        });
        closer.join(BOUND);
        long closeNanos = System.nanoTime() - t0;
        assertTrue(closeReturned.get(), "close returned");
        // The callers keep submitting for a moment after the close: all of that is dropped.
        long afterClose = load.submitted();
        Reliability.awaitTrue(BOUND, "submissions after close", () -> load.submitted() > afterClose + 50);
        load.stop();
        Reliability.awaitTrue(BOUND, "every handle ended (" + load.ended() + " of " + load.submitted() + ")",
                () -> load.ended() == load.submitted());
        RouterSnapshot s = router.snapshot(); // close publishes a last snapshot; nothing moves after it
        RouterSnapshot again = router.sampleNow();
        assertEquals(load.submitted(), again.submitted());
        assertEquals(0, again.inFlight());
        assertEquals(again.submitted(), again.completed() + again.dropped() + again.failed());
        assertTrue(s.submitted() <= again.submitted());
        for (long id : submittedClosed) {
            if (routed.get(id) != Strategy.DROP) {
                violations.add("job " + id + " submitted after close was routed " + routed.get(id));
            }
        }
        assertTrue(!submittedClosed.isEmpty(), "some jobs were submitted after close");
        assertTrue(droppedShutdown.get() > submittedClosed.size(), "queued or buffered jobs were dropped too");
        assertTrue(failedTimeout.get() > 0, "running long jobs failed shutdown_timeout");
        assertTrue(violations.isEmpty(), violations.size() + " violations, first: " + violations.peek());
        Reliability.awaitTrue(BOUND, "spawned jobs gone", () -> router.load().spawnedInFlight() == 0);
        Reliability.awaitNoNewThreads(threadsBefore, BOUND);
        return new long[] {closeNanos, droppedShutdown.get(), failedTimeout.get(), completed.get()};
    }

    @Test
    void aJobThatIgnoresInterrupts_failsAtTheGrace_butKeepsItsWorkerThreadUntilItReturns() throws Exception {
        Set<Thread> threadsBefore = Reliability.liveThreads();
        AtomicBoolean release = new AtomicBoolean();
        HelixRouter router = HelixRouter.builder().threadPrefix("shutdown-stubborn")
                .config(RouterConfig.defaults(2).toBuilder().cpuParallelism(1).shutdownGraceMs(100).build()).build();
        JobHandle<String> stubborn = router.submit(jobOf(1, Kind.SHORT), () -> {
            while (!release.get()) {
                LockSupport.parkNanos(1_000_000); // ignores interruption: parkNanos just returns
            }
            return "returned";
        });
        Reliability.awaitTrue(BOUND, "worker busy", () -> router.load().cpuBusy() == 1);
        long t0 = System.nanoTime();
        router.close();
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        Outcome.Failed<String> f = assertInstanceOf(Outcome.Failed.class, stubborn.await(BOUND));
        assertEquals("shutdown_timeout", f.reason());
        // close() has returned while the job still runs: it does not wait for a job that ignores
        // interruption (its handle has ended; its daemon thread exits when the job returns).
        assertTrue(Reliability.newThreads(threadsBefore).contains("shutdown-stubborn-cpu-1 (daemon)"),
                "the worker is still running the job: " + Reliability.newThreads(threadsBefore));
        release.set(true);
        Reliability.awaitNoNewThreads(threadsBefore, BOUND);
        RouterSnapshot s = router.sampleNow();
        assertEquals(1, s.failed());
        assertEquals(0, s.completed(), "the late return changes nothing: the handle had ended");
        record("shutdown", "close_with_an_interrupt_ignoring_job_ms", closeMs);
    }

    @Test
    void closeUnderLoad_savesTheLearnedPoliciesWeights() throws Exception {
        Path dir = Files.createTempDirectory("helix-shutdown-weights");
        Path file = dir.resolve("weights.json");
        RouterConfig config = RouterConfig.defaults(2).toBuilder().routingPolicy(PolicyKind.LEARNED).cpuQueueCap(256)
                .spawnMaxInFlight(256).shutdownGraceMs(GRACE_MS).metricsIntervalMs(50).build();
        RouterBuilder b = HelixRouter.builder().config(config).threadPrefix("shutdown-weights");
        AdaptiveLayer layer = AdaptiveLayer.install(b, config, 2, Optional.of(file));
        HelixRouter router = layer.attach(b.build());
        OpenLoopLoad load = new OpenLoopLoad(router, "shutdown-weights-caller", 2, 4_000, 7, c ->
                (r, id, intended) -> r.submit(jobOf(id, id % 2 == 0 ? Kind.SHORT : Kind.INLINE)
                        .withIntendedStart(intended), () -> spin(100_000 + id % 400_000)));
        Reliability.awaitTrue(BOUND, "the policy learning under load", () -> layer.learned().updates() > 500);
        router.close();
        load.stop();
        Reliability.awaitTrue(BOUND, "every handle ended", () -> load.ended() == load.submitted());
        assertTrue(Files.exists(file), "weights saved at close");
        LearnedWeights saved = LearnedWeights.load(file);
        // Outcomes still arriving after close (inline jobs on the callers) may teach it a few more.
        assertTrue(saved.updates() > 500 && saved.updates() <= layer.learned().updates(),
                saved.updates() + " saved, " + layer.learned().updates() + " learned");
        record("shutdown", "weights_updates_saved_at_close", saved.updates());
        Files.delete(file);
        Files.delete(dir);
    }
}
