package dev.helixrouter.bench;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobHandle;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Work;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * BENCHMARKS.md micro rows 3 and 8: {@code submit} of trivial work routed inline, against calling
 * the work directly plus two clock reads (what any timing wrapper pays) — the difference is the
 * router's overhead: decision, gate, decision event, counters, histogram recording, handle — and
 * the same submit on a router that publishes no decision events, for what publishing costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SubmitBench {
    private HelixRouter router;
    private HelixRouter silentRouter;
    private Job[] jobs;
    private int i;
    private final Clock clock = Clock.system();
    private long counter;
    private final Work<Long> work = () -> ++counter;

    @Setup(Level.Trial)
    public void setUp() {
        RouterConfig config = RouterConfig.defaults().toBuilder().metricsIntervalMs(1000).build();
        router = HelixRouter.builder().config(config).build();
        silentRouter = HelixRouter.builder().config(config).publishDecisions(false).build();
        jobs = new Job[1024];
        for (int k = 0; k < jobs.length; k++) {
            jobs[k] = new Job(k, JobKind.HASH_MIX, new long[] {k}, 100 + k, 0.1, 50);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        router.close();
        silentRouter.close();
    }

    @Benchmark
    public long directCallWithTwoClockReads() throws Exception {
        long start = clock.nanoTime();
        long v = work.run();
        return v + clock.nanoTime() - start;
    }

    @Benchmark
    public JobHandle<Long> submitInline() {
        return router.submit(jobs[i++ & 1023], work);
    }

    @Benchmark
    public JobHandle<Long> submitInlineWithoutDecisionEvents() {
        return silentRouter.submit(jobs[i++ & 1023], work);
    }
}
