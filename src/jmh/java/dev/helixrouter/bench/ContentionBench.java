package dev.helixrouter.bench;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Work;
import dev.helixrouter.engine.config.RouterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * BENCHMARKS.md micro row 9: 500 concurrent submitters against one submitter doing the same 500
 * submitters' work, each op being one inline {@code submit} of trivial work (scores are ns per
 * job). Everything shared on the hot path — counters, recorders, the decision ring — is hit by
 * all 500 at once; a lock convoy would make the concurrent run slower per job than the single
 * one. The 500 platform threads are started once and released together by a barrier per
 * invocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ContentionBench {
    static final int SUBMITTERS = 500;
    static final int JOBS_EACH = 200;
    private static final JobKind KIND = JobKind.of("bench");

    private HelixRouter router;
    private final AtomicLong counter = new AtomicLong();
    private final Work<Long> work = counter::incrementAndGet;
    private Job[] jobs;
    private CyclicBarrier start;
    private CyclicBarrier end;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    @Setup(Level.Trial)
    public void setUp() {
        router = HelixRouter.builder().config(RouterConfig.defaults()).threadPrefix("bench").build();
        jobs = new Job[JOBS_EACH];
        for (int k = 0; k < JOBS_EACH; k++) {
            jobs[k] = new Job(k, KIND, new long[] {k}, 100 + k, 0.1, 10_000);
        }
        start = new CyclicBarrier(SUBMITTERS + 1);
        end = new CyclicBarrier(SUBMITTERS + 1);
        for (int s = 0; s < SUBMITTERS; s++) {
            threads.add(Thread.ofPlatform().name("bench-submitter-" + s).daemon(true).start(this::submitter));
        }
    }

    private void submitter() {
        try {
            while (true) {
                start.await();
                if (stopped) {
                    return;
                }
                submitAll();
                end.await();
            }
        } catch (InterruptedException | BrokenBarrierException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submitAll() {
        for (Job j : jobs) {
            router.submit(j, work);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stopped = true;
        start.await(10, TimeUnit.SECONDS);
        for (Thread t : threads) {
            t.join(10_000);
        }
        router.close();
    }

    @Benchmark
    @OperationsPerInvocation(SUBMITTERS * JOBS_EACH)
    public void concurrentSubmitters() throws Exception {
        start.await();
        end.await();
    }

    @Benchmark
    @OperationsPerInvocation(SUBMITTERS * JOBS_EACH)
    public void oneSubmitter() {
        for (int s = 0; s < SUBMITTERS; s++) {
            submitAll();
        }
    }
}
