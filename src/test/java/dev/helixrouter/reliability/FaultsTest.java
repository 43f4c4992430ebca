package dev.helixrouter.reliability;

import static dev.helixrouter.reliability.Reliability.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.DecisionFeed;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobHandle;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Outcome;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigKey;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.time.ManualTime;
import dev.helixrouter.http.BindAddress;
import dev.helixrouter.http.HelixHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Faults a user's code or a consumer can throw at the router: jobs that throw (exceptions, errors,
 * a real stack overflow), jobs that block far beyond their budget and hold CPU-lane workers, a
 * batch handler that throws (or miscounts) for one batch, decision subscribers that never read.
 * In each case the router keeps routing, the CPU lane gets its capacity back, and the counts are
 * exact.
 */
class FaultsTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final JobKind THROWER = JobKind.of("Thrower");

    /** Defaults for 2 workers, a large queue, quick batches, generous budgets. */
    private static RouterConfig.Builder config() {
        return RouterConfig.defaults(2).toBuilder().cpuQueueCap(100_000).spawnMaxInFlight(100_000).batchMaxSize(4)
                .batchMaxDelayMs(1).metricsIntervalMs(100);
    }

    /** A job bound for {@code strategy} by the heuristic on an idle router with the default thresholds. */
    private static Job jobFor(long id, JobKind kind, Strategy strategy, long budgetMs) {
        return switch (strategy) {
            case INLINE -> new Job(id, kind, new long[] {id}, 100, 0.1, budgetMs);
            case SPAWN -> new Job(id, kind, new long[] {id}, 20_000, 0.1, budgetMs);
            case CPU_POOL -> new Job(id, kind, new long[] {id}, 90_000, 0.1, budgetMs);
            case BATCH -> new Job(id, kind, new long[] {id}, 90_000, 0.9, budgetMs);
            case DROP -> throw new IllegalArgumentException("no job is routed to drop on an idle router");
        };
    }

    private static final Strategy[] RUNNING = {Strategy.INLINE, Strategy.SPAWN, Strategy.CPU_POOL, Strategy.BATCH};
    private static final int THROWING_JOBS = Reliability.scale(2_000, 40_000);

    private static int depth(int n) {
        return n <= 0 ? 0 : 1 + depth(n - 1) + (n & 1);
    }

    /**
     * Runs {@code body} counting (instead of printing) the VM errors that end router threads, and
     * waits (bounded) until at least {@code expected} have been counted.
     */
    private static long countingUncaughtErrors(long expected, ThrowingRunnable body) throws Exception {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        java.util.concurrent.atomic.AtomicLong uncaught = new java.util.concurrent.atomic.AtomicLong();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (e instanceof StackOverflowError) {
                uncaught.incrementAndGet();
            } else if (previous != null) {
                previous.uncaughtException(t, e);
            }
        });
        try {
            body.run();
            Reliability.awaitTrue(BOUND, "threads ended by the errors", () -> uncaught.get() >= expected);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        return uncaught.get();
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void jobsThatThrow_failWithTheirCause_onEveryStrategy_andTheLaneKeepsItsWorkers() throws Exception {
        // Stack overflows on the lane and on spawned threads end those threads; inline ones reach the caller.
        // Job i overflows the stack when i % 5 == 3 and i % 7 == 0; on spawn (i % 4 == 1) and cpu_pool
        // (i % 4 == 2) that ends its thread, on batch its worker too (once per batch).
        long offTheCaller = java.util.stream.LongStream.range(0, THROWING_JOBS)
                .filter(i -> i % 5 == 3 && i % 7 == 0 && (i % 4 == 1 || i % 4 == 2)).count();
        long diedOf = countingUncaughtErrors(offTheCaller, this::throwingJobs);
        record("faults", "threads_ended_by_a_stack_overflow_and_replaced", diedOf);
    }

    private void throwingJobs() throws Exception {
        int n = THROWING_JOBS;
        try (HelixRouter router = HelixRouter.builder().config(config().build()).threadPrefix("faults-throw").build()) {
            List<JobHandle<Long>> handles = new ArrayList<>(n);
            List<Throwable> thrown = new ArrayList<>(n);
            int stackOverflows = 0;
            for (int i = 0; i < n; i++) {
                Strategy s = RUNNING[i % RUNNING.length];
                Job job = jobFor(i, THROWER, s, 60_000);
                Throwable t = switch (i % 5) {
                    case 0 -> new IllegalStateException("boom " + i);
                    case 1 -> new IOException("checked " + i);
                    case 2 -> new AssertionError("error " + i);
                    case 3 -> null; // a real StackOverflowError (a VirtualMachineError) on every 35th job, else no fault
                    default -> new UnsupportedOperationException("unsupported " + i);
                };
                boolean overflow = t == null && i % 7 == 0;
                Throwable cause = t == null ? null : t;
                try {
                    handles.add(router.submit(job, () -> {
                        if (overflow) {
                            return (long) depth(Integer.MAX_VALUE);
                        }
                        if (cause instanceof Exception e) {
                            throw e;
                        }
                        if (cause instanceof Error e) {
                            throw e;
                        }
                        return (long) job.id();
                    }));
                } catch (StackOverflowError e) {
                    // Inline work runs on the caller: a VM error reaches it, after its handle has ended.
                    assertSame(Strategy.INLINE, s);
                    handles.add(null);
                    stackOverflows++;
                }
                thrown.add(overflow ? new StackOverflowError() : cause);
            }
            long completed = 0;
            long failed = 0;
            long abortedWithTheirBatch = 0;
            for (int i = 0; i < n; i++) {
                JobHandle<Long> h = handles.get(i);
                if (h == null) {
                    continue;
                }
                Outcome<Long> o = h.await(BOUND);
                Throwable expected = thrown.get(i);
                if (RUNNING[i % RUNNING.length] == Strategy.BATCH && !(expected instanceof StackOverflowError)
                        && o instanceof Outcome.Failed<Long> f && f.cause() instanceof StackOverflowError) {
                    abortedWithTheirBatch++; // after a job of its batch that overflowed the stack: ends failed too
                    failed++;
                } else if (expected == null) {
                    assertEquals((long) i, assertInstanceOf(Outcome.Completed.class, o, h.toString()).value());
                    completed++;
                } else {
                    Outcome.Failed<Long> f = assertInstanceOf(Outcome.Failed.class, o, h.toString());
                    assertEquals("error", f.reason());
                    if (expected instanceof StackOverflowError) {
                        assertInstanceOf(StackOverflowError.class, f.cause());
                    } else {
                        assertSame(expected, f.cause());
                    }
                    failed++;
                }
            }
            Reliability.awaitTrue(BOUND, "router idle", () -> router.inFlight() == 0);
            // A worker counts as busy until its task returns, a little after the job's handle ended
            // (for a stack overflow: after the whole stack unwound). It must come back to 0.
            Reliability.awaitTrue(BOUND, "no worker busy", () -> router.load().cpuBusy() == 0);
            RouterSnapshot s = router.sampleNow();
            assertEquals(n, s.submitted());
            assertEquals(completed, s.completed());
            assertEquals(failed + stackOverflows, s.failed());
            assertEquals(0, s.dropped(), () -> "dropped: " + s.droppedByReason());
            assertEquals(0, s.cpuBusy());
            // The lane still has both workers and runs work: nothing was lost to the failures.
            assertEquals(2, s.parallelism());
            JobHandle<Long> after = router.submit(jobFor(n, THROWER, Strategy.CPU_POOL, 60_000), () -> 42L);
            assertEquals(42L, assertInstanceOf(Outcome.Completed.class, after.await(BOUND)).value());
            record("faults", "throwing_jobs", n);
            record("faults", "throwing_jobs_failed", s.failed());
            record("faults", "stack_overflows", thrown.stream().filter(StackOverflowError.class::isInstance).count());
            record("faults", "batch_jobs_ended_with_their_aborted_batch", abortedWithTheirBatch);
        }
    }

    @Test
    void jobsBlockedFarBeyondTheirBudget_areDetectedAsStuck_andExtraWorkersStandInUntilTheyReturn() throws Exception {
        ManualTime time = new ManualTime();
        try (HelixRouter router = HelixRouter.builder().config(config().build()).clock(time).scheduler(time)
                .threadPrefix("faults-block").build()) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch bothStarted = new CountDownLatch(2);
            List<JobHandle<String>> stuck = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                stuck.add(router.submit(jobFor(i, THROWER, Strategy.CPU_POOL, 5), () -> {
                    bothStarted.countDown();
                    release.await();
                    return "returned";
                }));
            }
            assertTrue(bothStarted.await(BOUND.toSeconds(), TimeUnit.SECONDS), "both workers taken");
            assertEquals(2, router.load().cpuBusy());

            // The lane is full of stuck work; everything else still routes and runs. (Generous
            // budgets: the deadline gate scales the kind's cost estimate, which the cold first
            // inline run can inflate far past a few milliseconds.)
            JobHandle<String> inline = router.submit(jobFor(10, THROWER, Strategy.INLINE, 60_000), () -> "inline");
            JobHandle<String> spawned = router.submit(jobFor(11, THROWER, Strategy.SPAWN, 60_000), () -> "spawned");
            assertInstanceOf(Outcome.Completed.class, inline.await(BOUND));
            assertInstanceOf(Outcome.Completed.class, spawned.await(BOUND));
            // Lane work queues behind the stuck workers until they count as stuck.
            List<JobHandle<String>> queued = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                queued.add(router.submit(jobFor(100 + i, THROWER, Strategy.CPU_POOL, 60_000), () -> "queued"));
            }
            assertEquals(0, router.sampleNow().cpuStuck(), "not stuck yet: they have run for no time");
            assertTrue(queued.stream().noneMatch(JobHandle::isDone), "queued behind two blocked workers");

            // 4 × a 5 ms budget is under the 1 s floor: stuck only after a second.
            time.advance(999_000_000L);
            assertEquals(0, router.sampleNow().cpuStuck());
            time.advance(2_000_000L);
            RouterSnapshot stuckNow = router.sampleNow();
            assertEquals(2, stuckNow.cpuStuck(), "both blocked jobs are stuck");
            assertEquals(2, stuckNow.parallelism(), "the configured size is unchanged");
            // Two extra workers stand in for them, so the queue drains with no one touching the config.
            for (JobHandle<String> h : queued) {
                assertEquals("queued", assertInstanceOf(Outcome.Completed.class, h.await(BOUND)).value());
            }
            assertTrue(stuck.stream().noneMatch(JobHandle::isDone));
            assertEquals(2, router.load().cpuBusy(), "the stuck jobs still hold their workers");

            release.countDown();
            for (JobHandle<String> h : stuck) {
                // Completed when released: the lane never gives up on a running job (late, as a rule).
                assertEquals("returned", assertInstanceOf(Outcome.Completed.class, h.await(BOUND)).value());
            }
            Reliability.awaitTrue(BOUND, "lane idle", () -> router.load().cpuBusy() == 0);
            assertEquals(0, router.sampleNow().cpuStuck(), "the extras retire once the stuck jobs returned");
            List<JobHandle<String>> afterwards = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                afterwards.add(router.submit(jobFor(200 + i, THROWER, Strategy.CPU_POOL, 60_000), () -> "after"));
            }
            for (JobHandle<String> h : afterwards) {
                assertInstanceOf(Outcome.Completed.class, h.await(BOUND));
            }
            Reliability.awaitTrue(BOUND, "router idle", () -> router.inFlight() == 0);
            RouterSnapshot s = router.sampleNow();
            assertEquals(2, s.parallelism());
            assertEquals(s.submitted(), s.completed());
            assertEquals(74, s.submitted());
        }
    }

    @Test
    void aBatchHandlerThatThrowsForOneBatch_failsThatBatchOnly() throws Exception {
        JobKind kind = JobKind.of("Batchy");
        int batches = Reliability.scale(50, 2_000);
        ManualTime time = new ManualTime(); // batches flush on size only: each 4 consecutive jobs make one
        HelixRouter router = HelixRouter.builder().clock(time).scheduler(time)
                .config(config().batchMaxDelayMs(1_000).build()).threadPrefix("faults-batch")
                .batchHandler(kind, jobs -> {
                    long first = jobs.getFirst().id();
                    if (first == 4) {
                        throw new IllegalStateException("the handler fails on the batch from job 4");
                    }
                    if (first == 12) {
                        return List.of(1L); // one result for four jobs: a handler bug, caught as such
                    }
                    return jobs.stream().map(j -> j.id() * 2).toList();
                }).build();
        try (router) {
            List<JobHandle<Long>> handles = new ArrayList<>();
            for (int i = 0; i < 4 * batches; i++) {
                handles.add(router.submit(jobFor(i, kind, Strategy.BATCH, 60_000), () -> {
                    throw new AssertionError("a kind with a batch handler never runs job by job");
                }));
            }
            for (int i = 0; i < handles.size(); i++) {
                Outcome<Long> o = handles.get(i).await(BOUND);
                if (i >= 4 && i < 8) {
                    Outcome.Failed<Long> f = assertInstanceOf(Outcome.Failed.class, o);
                    assertEquals("batch_handler", f.reason());
                    assertInstanceOf(IllegalStateException.class, f.cause());
                } else if (i >= 12 && i < 16) {
                    Outcome.Failed<Long> f = assertInstanceOf(Outcome.Failed.class, o);
                    assertEquals("batch_handler", f.reason());
                    assertTrue(f.cause().getMessage().contains("returned 1 results for 4 jobs"), f.cause().getMessage());
                } else {
                    Outcome.Completed<Long> c = assertInstanceOf(Outcome.Completed.class, o, "job " + i);
                    assertEquals(Strategy.BATCH, c.strategy());
                    assertEquals(i * 2L, c.value());
                }
            }
            Reliability.awaitTrue(BOUND, "router idle", () -> router.inFlight() == 0);
            RouterSnapshot s = router.sampleNow();
            assertEquals(8, s.failed());
            assertEquals(4L * batches - 8, s.completed());
            record("faults", "batches_with_one_throwing_handler", batches);
        }
    }

    @Test
    void aBatchWhoseJobHitsAVirtualMachineError_stillEndsEveryJobOfTheBatch() throws Exception {
        countingUncaughtErrors(1, FaultsTest::batchWithAVirtualMachineError); // the worker it ended
    }

    private static void batchWithAVirtualMachineError() throws Exception {
        ManualTime time = new ManualTime();
        HelixRouter router = HelixRouter.builder().clock(time).scheduler(time)
                .config(config().batchMaxDelayMs(1_000).build()).threadPrefix("faults-vme").build();
        try (router) {
            List<JobHandle<Long>> handles = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long id = i;
                handles.add(router.submit(jobFor(i, THROWER, Strategy.BATCH, 60_000), () -> {
                    if (id == 1) {
                        return (long) depth(Integer.MAX_VALUE); // StackOverflowError in the batch's second job
                    }
                    return id;
                }));
            }
            for (int i = 0; i < 8; i++) {
                Outcome<Long> o = handles.get(i).await(BOUND);
                if (i == 1) {
                    assertInstanceOf(StackOverflowError.class, assertInstanceOf(Outcome.Failed.class, o).cause());
                } else if (i == 2 || i == 3) {
                    // The batch was aborted by the error: the jobs after it never ran, and end failed with it.
                    Outcome.Failed<Long> f = assertInstanceOf(Outcome.Failed.class, o, "job " + i + " of the aborted batch");
                    assertInstanceOf(StackOverflowError.class, f.cause());
                } else {
                    assertInstanceOf(Outcome.Completed.class, o, "job " + i);
                }
            }
            Reliability.awaitTrue(BOUND, "router idle", () -> router.inFlight() == 0);
            RouterSnapshot s = router.sampleNow();
            assertEquals(8, s.submitted());
            assertEquals(s.submitted(), s.completed() + s.failed());
        }
    }

    @Test
    void decisionSubscribersThatNeverRead_neverSlowTheRouter() throws Exception {
        int n = Reliability.scale(50_000, 2_000_000);
        boolean viaHttp = Reliability.full(); // the smoke leaves a stalled HTTP stream to DecisionStreamTest
        try (HelixRouter router = HelixRouter.builder().config(config().build()).decisionRingCapacity(64)
                .threadPrefix("faults-feed").build();
             HelixHttpServer http = !viaHttp ? null : HelixHttpServer.builder(router)
                     .bind(BindAddress.parse("127.0.0.1:0")).threadPrefix("faults-http")
                     .streamWriteTimeout(Duration.ofMillis(300)).start();
             Socket stalled = !viaHttp ? null : stalledStream(http)) {
            DecisionFeed.Subscription never = router.decisions().subscribe();
            if (viaHttp) {
                Reliability.awaitTrue(BOUND, "the stalled stream is open", () -> http.streamClients() == 1);
            }
            long submitted = 0;
            long deadline = System.nanoTime() + BOUND.toNanos();
            // Decisions until every socket buffer to the stalled stream is full, a write blocks and
            // the server closes that stream; the router never waits for either subscriber.
            while (submitted < n || (viaHttp && http.streamClients() > 0)) {
                assertTrue(System.nanoTime() < deadline, "the stalled stream was never closed");
                for (int i = 0; i < 1_000; i++, submitted++) {
                    JobHandle<Long> h = router.submit(jobFor(submitted, THROWER, Strategy.INLINE, 60_000), () -> 1L);
                    assertTrue(h.isDone(), "inline: ended before submit returned");
                }
            }
            long published = router.decisions().published();
            assertEquals(submitted, published);
            assertEquals(64, never.poll(1_000).size(), "the ring keeps the newest 64");
            assertEquals(published - 64, never.lost(), "the rest is counted as lost, for that subscriber only");
            RouterSnapshot s = router.sampleNow();
            assertEquals(submitted, s.completed());
            assertEquals(0, s.inFlight());
            if (viaHttp) {
                assertTrue(closedByServer(stalled), "the server closed the stalled stream");
            }
            record("faults", "decisions_past_a_never_reading_subscriber", published);
        }
    }

    /** Whether the server closed {@code s}: reading what it had buffered ends in end-of-stream or a reset. */
    private static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        try {
            byte[] buffer = new byte[65_536];
            while (s.getInputStream().read(buffer) >= 0) {
                // what was buffered before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** A decision stream whose client sends its request and never reads. */
    private static Socket stalledStream(HelixHttpServer http) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4_096);
        s.connect(new InetSocketAddress("127.0.0.1", http.address().getPort()), 10_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /api/stream/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }
}
