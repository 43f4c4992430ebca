package dev.helixrouter.bench;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobHandle;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import java.util.ArrayList;
import java.util.List;
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
 * BENCHMARKS.md micro rows 6 and 7: {@code snapshot()} (a read of the published snapshot), and
 * the sampler's interval close ({@code sampleNow()}) with every strategy and kind populated:
 * before each close, untimed, jobs of six kinds go through inline, spawn, cpu_pool and batch,
 * and some are dropped, so the close has every recorder to flip and fold. The per-close set-up
 * lives in its own state, {@link Populated}, so that it never runs around the snapshot reads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SnapshotBench {
    private static final List<JobKind> KINDS = List.of(JobKind.HASH_MIX, JobKind.PRIME_COUNT,
            JobKind.MONTE_CARLO_RISK, JobKind.of("bench-a"), JobKind.of("bench-b"), JobKind.of("bench-c"));
    /** cost, scaling: inline, spawn, cpu_pool, batch. */
    private static final long[][] SHAPES = {{100, 10}, {30_000, 30}, {200_000, 20}, {200_000, 90}};

    /** A router, for the snapshot reads. */
    @State(Scope.Thread)
    public static class Router {
        HelixRouter router;
        private long id;

        @Setup(Level.Trial)
        public void setUp() {
            router = HelixRouter.builder().config(RouterConfig.defaults().toBuilder().metricsIntervalMs(60_000)
                    .batchMaxDelayMs(1).build()).threadPrefix("bench").build();
            populate();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            router.close();
        }

        /** A few jobs of every kind on every strategy, and a few drops (cancelled in a batch). */
        void populate() {
            List<JobHandle<Long>> handles = new ArrayList<>();
            for (JobKind kind : KINDS) {
                for (long[] shape : SHAPES) {
                    for (int k = 0; k < 4; k++) {
                        Job job = new Job(id++, kind, new long[] {id}, shape[0], shape[1] / 100.0, 10_000);
                        handles.add(router.submit(job, () -> id));
                    }
                }
                JobHandle<Long> cancelled = router.submit(new Job(id++, kind, new long[] {id}, 200_000, 0.9, 10_000),
                        () -> id);
                cancelled.cancel();
            }
            handles.forEach(JobHandle::join);
        }
    }

    /** A router whose recorders are populated again, untimed, before every interval close. */
    @State(Scope.Thread)
    public static class Populated extends Router {
        @Setup(Level.Invocation)
        public void repopulate() {
            populate();
        }
    }

    @Benchmark
    public RouterSnapshot snapshotRead(Router r) {
        return r.router.snapshot();
    }

    @Benchmark
    public RouterSnapshot samplerIntervalClose(Populated p) {
        return p.router.sampleNow();
    }
}
