package dev.helixrouter.workload.calibration;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.policy.HeuristicPolicy;
import dev.helixrouter.engine.policy.LoadView;
import java.util.List;

/**
 * The capacity λ* of a machine for a workload: cores ÷ the mean CPU a job costs there (SPEC §8),
 * counting what the router itself costs per job as well as the job's work — on this machine's
 * kernels the two are of the same order, and a λ* of kernels alone would call an overloaded
 * machine "70 % busy".
 *
 * <p>Each job of the sample is charged its kernel's modelled time, the caller's per-submission
 * cost, and the overhead of the strategy the heuristic policy gives it on an idle router with
 * the run's config.
 */
public final class Capacity {
    private Capacity() {}

    /** λ* in jobs per second. */
    public static double lambdaStar(ServiceModel model, Overheads overheads, int cores, List<Job> sample,
                                    RouterConfig config) {
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("an empty sample has no capacity");
        }
        LoadView idle = new IdleLoad(config);
        double total = 0;
        for (Job j : sample) {
            Strategy s = HeuristicPolicy.INSTANCE.choose(j, idle, config).strategy();
            total += model.serviceNanos(j) + overheads.callerNanos() + overheads.executorNanos(s);
        }
        double mean = total / sample.size();
        return cores / (mean / 1e9);
    }

    /** Mean CPU nanoseconds per job, same accounting as {@link #lambdaStar}. */
    public static double meanCostNanos(ServiceModel model, Overheads overheads, List<Job> sample, RouterConfig config) {
        return 1e9 / lambdaStar(model, overheads, 1, sample, config);
    }

    private record IdleLoad(RouterConfig config) implements LoadView {
        @Override public long nowNanos() { return 0; }
        @Override public int cpuBusy() { return 0; }
        @Override public int queueDepth() { return 0; }
        @Override public int queueCapacity() { return config.cpuQueueCap(); }
        @Override public int parallelism() { return config.cpuParallelism(); }
        @Override public int spawnedInFlight() { return 0; }
        @Override public double pressure() { return 0; }
        @Override public long spawnThreshold() { return config.spawnThreshold(); }
        @Override public long estimatedLaneWaitNanos() { return 0; }
        @Override public long estimatedServiceNanos(Job job) { return 0; }
        @Override public long estimatedBatchFlushNanos(Job job) { return 0; }
        @Override public int batchDepth(Job job) { return 0; }
    }
}
