package dev.helixrouter.bench.shootout.systems;

import dev.helixrouter.adapt.AdaptiveLayer;
import dev.helixrouter.bench.shootout.JobClass;
import dev.helixrouter.bench.shootout.Spin;
import dev.helixrouter.bench.shootout.SystemUnderTest;
import dev.helixrouter.bench.shootout.Task;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobHandle;
import dev.helixrouter.engine.Outcome;
import dev.helixrouter.engine.RouterBuilder;
import dev.helixrouter.engine.config.AutoscalerMode;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.PolicyKind;
import dev.helixrouter.engine.config.RouterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Systems 8 and 9: HelixRouter, told each job's honest intent ({@link JobClass#intent}) and
 * given the job's work. Batchable jobs have a {@link dev.helixrouter.engine.BatchHandler} that
 * runs a batch as one piece of work (fixed part once), the same batch work as the static router's.
 * Whatever the router ends without running the work (a drop, a failure) is recorded from the
 * handle's outcome.
 */
public final class HelixSystem implements SystemUnderTest {
    private final HelixRouter router;
    /** Tasks by job id, for the batch handler, which receives jobs. */
    private final ConcurrentHashMap<Long, Task> batchable = new ConcurrentHashMap<>();

    private HelixSystem(RouterBuilder builder, Spin spin) {
        builder.threadPrefix("shootout-helix").batchHandler(JobClass.BATCHABLE.kind(), jobs -> runBatch(jobs, spin));
        this.router = builder.build();
    }

    /** System 8: the defaults with the original {@code busy} gate and the heuristic policy, no adaptive layer. */
    public static HelixSystem heuristicBusyGate(int cores, Spin spin) {
        RouterConfig config = RouterConfig.defaults(cores).toBuilder().backpressureGate(GateMode.BUSY)
                .routingPolicy(PolicyKind.HEURISTIC).build();
        return new HelixSystem(HelixRouter.builder().config(config), spin);
    }

    /**
     * System 9: the defaults (deadline gate) with the full adaptive layer as {@code run} installs
     * it, the learned policy routing and the autoscaler applying its recommendations.
     */
    public static HelixSystem adaptive(int cores, Spin spin) {
        RouterConfig config = RouterConfig.defaults(cores).toBuilder().routingPolicy(PolicyKind.LEARNED)
                .autoscalerMode(AutoscalerMode.APPLY).build();
        RouterBuilder builder = HelixRouter.builder();
        AdaptiveLayer layer = AdaptiveLayer.install(builder, config, cores);
        HelixSystem system = new HelixSystem(builder, spin);
        layer.attach(system.router);
        return system;
    }

    private List<Void> runBatch(List<Job> jobs, Spin spin) {
        List<Task> tasks = new ArrayList<>(jobs.size());
        for (Job j : jobs) {
            tasks.add(batchable.remove(j.id()));
        }
        Task.runBatch(tasks, spin);
        return java.util.Collections.nCopies(jobs.size(), null);
    }

    @Override
    public void submit(Task task) {
        Job job = task.jobClass().intent(task.index(), task.intendedNanos());
        if (task.jobClass() == JobClass.BATCHABLE) {
            batchable.put((long) task.index(), task);
        }
        JobHandle<Void> h = router.submit(job, () -> {
            task.run();
            return null;
        });
        h.outcome().thenAccept(o -> onEnd(task, o));
    }

    private void onEnd(Task task, Outcome<Void> o) {
        switch (o) {
            case Outcome.Completed<Void> c -> { } // the task recorded its own end
            case Outcome.Dropped<Void> d -> {
                batchable.remove((long) task.index());
                task.drop();
            }
            case Outcome.Failed<Void> f -> {
                batchable.remove((long) task.index());
                task.fail();
            }
        }
    }

    @Override
    public void close() {
        router.close();
    }
}
