package dev.helixrouter.sim;

import dev.helixrouter.engine.lane.JobRun;
import dev.helixrouter.engine.lane.Lane;
import dev.helixrouter.engine.lane.LaneTask;
import dev.helixrouter.engine.time.Clock;
import dev.helixrouter.engine.time.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The CPU lane on the modelled machine: the same contract as the live {@code ThreadLane} — a
 * queue bounded by an admission check, {@code parallelism} workers, live resize — but the workers
 * are modelled platform threads whose jobs take their modelled service time on the
 * {@link SimMachine}.
 *
 * <p>A worker runs a task's jobs one after another: for each job it calls
 * {@link JobRun#begin()} (a job cancelled while queued is skipped in no time), waits the job's
 * blocking time holding the worker but no processor, runs its CPU burst, then
 * {@link JobRun#finish(long)} ends the job at that virtual instant. A batch whose kind has a
 * batch handler runs as one burst of the summed work.
 */
final class SimLane implements Lane {
    private final SimMachine machine;
    private final Clock clock;
    private final Scheduler scheduler;
    private final ServiceTimes times;
    private final ArrayDeque<LaneTask> queue = new ArrayDeque<>();
    private int parallelism;
    private int capacity;
    private int busy;
    private int workers;
    private long meanTaskNanos;
    private boolean shutdown;

    SimLane(SimMachine machine, Clock clock, Scheduler scheduler, ServiceTimes times, int parallelism, int capacity) {
        this.machine = machine;
        this.clock = clock;
        this.scheduler = scheduler;
        this.times = times;
        this.parallelism = parallelism;
        this.workers = parallelism;
        this.capacity = capacity;
    }

    @Override
    public boolean offer(LaneTask task) {
        if (shutdown || queue.size() >= capacity) {
            return false;
        }
        queue.add(task);
        dispatch();
        return true;
    }

    /** Idle workers take queued tasks. */
    private void dispatch() {
        while (busy < workers && !queue.isEmpty()) {
            LaneTask task = queue.poll();
            busy++;
            new WorkerRun(task, clock.nanoTime()).next();
        }
    }

    @Override
    public boolean remove(LaneTask task) {
        Iterator<LaneTask> it = queue.iterator();
        while (it.hasNext()) {
            if (it.next() == task) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    @Override
    public int depth() {
        return queue.size();
    }

    @Override
    public int busy() {
        return busy;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void resize(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
        // Growing adds workers at once; shrinking retires idle ones at once and busy ones
        // after their task (a worker above the size does not take a new task).
        this.parallelism = parallelism;
        this.workers = parallelism;
        dispatch();
    }

    @Override
    public void setCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public long meanTaskNanos() {
        return meanTaskNanos;
    }

    @Override
    public List<LaneTask> shutdown() {
        shutdown = true;
        List<LaneTask> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public boolean awaitIdle(long nanos) {
        return busy == 0;
    }

    @Override
    public void terminate() {
        shutdown = true;
    }

    private void taskDone(long startedAt) {
        long took = clock.nanoTime() - startedAt;
        meanTaskNanos = Math.max(1, meanTaskNanos == 0 ? took : meanTaskNanos + (took - meanTaskNanos) / 8);
        busy--;
        dispatch();
    }

    /** One worker working through one task, job by job, in virtual time. */
    private final class WorkerRun {
        private final LaneTask task;
        private final long startedAt;
        private final List<? extends JobRun> runs;
        private int index;

        WorkerRun(LaneTask task, long startedAt) {
            this.task = task;
            this.startedAt = startedAt;
            this.runs = task.runsAsOne() ? List.of() : task.runs();
        }

        /** Starts the next job of the task, or ends the task. */
        void next() {
            if (task.runsAsOne()) {
                runAsOne();
                return;
            }
            while (index < runs.size()) {
                JobRun run = runs.get(index++);
                if (!run.begin()) {
                    continue; // cancelled or shut down while queued: costs nothing
                }
                long start = clock.nanoTime();
                long wait = times.waitNanos(run.job());
                double work = times.cpuNanos(run.job()) + times.overheadNanos(run.strategy());
                Runnable cpu = () -> machine.burst(work, () -> {
                    run.finish(start);
                    next();
                });
                if (wait > 0) {
                    scheduler.schedule(cpu, wait);
                } else {
                    cpu.run();
                }
                return;
            }
            taskDone(startedAt);
        }

        private void runAsOne() {
            List<? extends JobRun> begun = task.beginAll();
            long start = clock.nanoTime();
            double work = 0;
            long wait = 0;
            for (JobRun r : begun) {
                work += times.cpuNanos(r.job()) + times.overheadNanos(r.strategy());
                wait += times.waitNanos(r.job());
            }
            double w = work;
            Runnable cpu = () -> machine.burst(w, () -> {
                task.finishAll(start);
                taskDone(startedAt);
            });
            if (wait > 0) {
                scheduler.schedule(cpu, wait);
            } else {
                cpu.run();
            }
        }
    }
}
