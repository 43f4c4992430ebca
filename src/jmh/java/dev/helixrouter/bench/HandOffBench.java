package dev.helixrouter.bench;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Outcome;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.Work;
import dev.helixrouter.engine.config.RouterConfig;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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
 * BENCHMARKS.md micro rows 4 and 5: {@code submit} + join of trivial work routed {@code spawn},
 * against {@code Thread.ofVirtual().start(work)} + join; and routed {@code cpu_pool}, against
 * {@code ThreadPoolExecutor.submit(work)} + get on a pool of the same size as the CPU lane. The
 * setup checks that each job really takes the strategy it is meant to measure.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HandOffBench {
    private static final JobKind KIND = JobKind.of("bench");

    private HelixRouter router;
    private ThreadPoolExecutor pool;
    private Job spawnJob;
    private Job poolJob;
    private long counter;
    private final Work<Long> work = () -> ++counter;
    private final Runnable runnable = () -> counter++;

    @Setup(Level.Trial)
    public void setUp() {
        RouterConfig config = RouterConfig.defaults();
        router = HelixRouter.builder().config(config).threadPrefix("bench").build();
        int n = config.cpuParallelism();
        pool = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        spawnJob = new Job(1, KIND, new long[] {1}, 30_000, 0.3, 10_000);
        poolJob = new Job(2, KIND, new long[] {2}, 200_000, 0.2, 10_000);
        expect(Strategy.SPAWN, spawnJob);
        expect(Strategy.CPU_POOL, poolJob);
    }

    private void expect(Strategy strategy, Job job) {
        Outcome<Long> o = router.submit(job, work).join();
        if (!(o instanceof Outcome.Completed<Long> c) || c.strategy() != strategy) {
            throw new IllegalStateException("job " + job + " should complete on " + strategy + ", was " + o);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        router.close();
        pool.shutdownNow();
    }

    @Benchmark
    public Outcome<Long> submitSpawnJoin() {
        return router.submit(spawnJob, work).join();
    }

    @Benchmark
    public long virtualThreadStartJoin() throws InterruptedException {
        Thread t = Thread.ofVirtual().start(runnable);
        t.join();
        return counter;
    }

    @Benchmark
    public Outcome<Long> submitCpuPoolJoin() {
        return router.submit(poolJob, work).join();
    }

    @Benchmark
    public Long executorSubmitGet() throws InterruptedException, ExecutionException {
        return pool.submit(work::run).get();
    }
}
