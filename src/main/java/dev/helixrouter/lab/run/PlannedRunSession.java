package dev.helixrouter.lab.run;

import dev.helixrouter.workload.RunReport;
import java.time.Instant;
import java.util.Optional;

/**
 * What the lab's two sessions share: the spec, the planned job count and λ* of a run, the
 * prefix of its threads, and the end of the run as its own thread publishes it.
 */
abstract sealed class PlannedRunSession implements RunSession permits LiveRunSession, VirtualRunSession {
    private final RunSpec spec;
    private final int planned;
    private final double lambdaStar;
    private final String threadPrefix;
    /** Set last by the thread that sees the run end, once the final snapshot is published. */
    volatile boolean finished;
    /** What ended the run abnormally, if anything did. */
    volatile Throwable failure;

    PlannedRunSession(RunSpec spec, int planned, double lambdaStar, String threadPrefix) {
        this.spec = spec;
        this.planned = planned;
        this.lambdaStar = lambdaStar;
        this.threadPrefix = threadPrefix;
    }

    @Override
    public final RunSpec spec() {
        return spec;
    }

    @Override
    public final int plannedJobs() {
        return planned;
    }

    @Override
    public final boolean isFinished() {
        return finished;
    }

    @Override
    public final Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public final String threadPrefix() {
        return threadPrefix;
    }

    /** λ* this run was sized with; NaN for an all-at-once scenario. */
    final double lambdaStar() {
        return lambdaStar;
    }

    /** The report's account of this run: started at {@code startedAt} (null in virtual time), {@code seconds} long so far. */
    final RunReport.RunInfo info(Instant startedAt, double seconds) {
        return new RunReport.RunInfo(spec.scenario().name(), spec.scenario().description(),
                spec.timeMode().wireName(), spec.scenario().seed(), spec.loadMultiplier(), lambdaStar, spec.cores(),
                planned, "scenario", startedAt, seconds);
    }
}
