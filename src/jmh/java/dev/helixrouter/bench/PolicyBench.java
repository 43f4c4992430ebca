package dev.helixrouter.bench;

import dev.helixrouter.adapt.LearnedPolicy;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.policy.HeuristicPolicy;
import dev.helixrouter.engine.policy.LoadView;
import dev.helixrouter.engine.policy.Rule;
import dev.helixrouter.engine.policy.RoutingPolicy;
import java.util.SplittableRandom;
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
 * BENCHMARKS.md micro rows 1 and 2: the heuristic policy's {@code choose} against an empty call
 * with the same arguments through the same interface, and the learned policy's {@code choose}
 * (warm-started, every job's intent built beforehand) against the heuristic's. Jobs cycle through
 * a pre-built array of mixed intents so that no branch is constant-folded.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PolicyBench {
    private static final RoutingPolicy EMPTY = (job, load, config) -> Rule.CPU_DEFAULT;

    private Job[] jobs;
    private int i;
    private HelixRouter router;
    private LoadView load;
    private RouterConfig config;
    private RoutingPolicy heuristic;
    private RoutingPolicy empty;
    private RoutingPolicy learned;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(7);
        jobs = new Job[1024];
        for (int k = 0; k < jobs.length; k++) {
            jobs[k] = new Job(k, JobKind.HASH_MIX, new long[] {k}, rnd.nextLong(0, 200_000), rnd.nextDouble(),
                    rnd.nextLong(5, 80));
        }
        router = HelixRouter.builder().build();
        load = router.load();
        config = router.currentConfig().config();
        // Both through a non-final field of the interface type, so both calls are dispatched alike.
        heuristic = HeuristicPolicy.INSTANCE;
        empty = EMPTY;
        learned = LearnedPolicy.warmStart(config);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        router.close();
    }

    private Job nextJob() {
        return jobs[i++ & 1023];
    }

    @Benchmark
    public Rule emptyCall() {
        return empty.choose(nextJob(), load, config);
    }

    @Benchmark
    public Rule heuristicChoose() {
        return heuristic.choose(nextJob(), load, config);
    }

    @Benchmark
    public Rule learnedChoose() {
        return learned.choose(nextJob(), load, config);
    }
}
