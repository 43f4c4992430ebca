package dev.helixrouter.sim;

import dev.helixrouter.engine.JobExecution;
import dev.helixrouter.engine.lane.JobRun;
import dev.helixrouter.engine.time.Clock;
import dev.helixrouter.engine.time.Scheduler;

/**
 * Inline and spawned jobs on the modelled machine.
 *
 * <p><b>Inline</b> work runs on the caller that submitted it: the caller is busy (and cannot
 * submit the next arrival) until the job ends; its blocking wait holds the caller but no
 * processor. <b>Spawned</b> work is a virtual thread: it mounts on a carrier when one is free
 * (FIFO), parks off the carrier during its blocking wait, and holds its carrier for its whole CPU
 * burst — no time-slicing among virtual threads.
 */
final class SimExecution implements JobExecution {
    /** Told when the current caller becomes busy with inline work and when it is free again. */
    interface CallerHooks {
        /** The caller now submitting is busy with inline work. */
        void callerBusy();

        /** That caller finished its inline job. */
        void callerFree(Object caller);

        /** Identity of the caller now submitting. */
        Object currentCaller();
    }

    private final SimMachine machine;
    private final Clock clock;
    private final Scheduler scheduler;
    private final ServiceTimes times;
    private final CallerHooks callers;

    SimExecution(SimMachine machine, Clock clock, Scheduler scheduler, ServiceTimes times, CallerHooks callers) {
        this.machine = machine;
        this.clock = clock;
        this.scheduler = scheduler;
        this.times = times;
        this.callers = callers;
    }

    @Override
    public void inline(JobRun run) {
        if (!run.begin()) {
            return;
        }
        Object caller = callers.currentCaller();
        callers.callerBusy();
        long start = clock.nanoTime();
        // The caller pays its own per-submission cost, the inline overhead and the work.
        double work = times.cpuNanos(run.job()) + times.overheadNanos(run.strategy()) + times.callerNanos();
        Runnable cpu = () -> machine.burst(work, () -> {
            run.finish(start);
            callers.callerFree(caller);
        });
        long wait = times.waitNanos(run.job());
        if (wait > 0) {
            scheduler.schedule(cpu, wait);
        } else {
            cpu.run();
        }
    }

    @Override
    public boolean spawn(JobRun run) {
        long wait = times.waitNanos(run.job());
        // First mount: the virtual thread starts when a carrier is free.
        machine.withCarrier(() -> {
            if (!run.begin()) {
                machine.releaseCarrier();
                return;
            }
            long start = clock.nanoTime();
            double work = times.cpuNanos(run.job()) + times.overheadNanos(run.strategy());
            Runnable cpuOnCarrier = () -> machine.burst(work, () -> {
                run.finish(start);
                machine.releaseCarrier();
            });
            if (wait > 0) {
                // Park: the carrier is free during the wait; remount (FIFO) for the CPU burst.
                machine.releaseCarrier();
                scheduler.schedule(() -> machine.withCarrier(cpuOnCarrier), wait);
            } else {
                cpuOnCarrier.run();
            }
        });
        return true;
    }
}
