package dev.helixrouter.bench.shootout;

import java.util.List;

/**
 * One job of the trace as a system receives it: run it where the system decides, or drop it.
 * Running records the start and the end in the {@link Outcomes}, so every system is timed alike.
 */
public final class Task implements Runnable {
    private final int index;
    private final JobClass jobClass;
    private final long intendedNanos;
    private final Outcomes outcomes;
    private final Spin spin;

    Task(int index, JobClass jobClass, long intendedNanos, Outcomes outcomes, Spin spin) {
        this.index = index;
        this.jobClass = jobClass;
        this.intendedNanos = intendedNanos;
        this.outcomes = outcomes;
        this.spin = spin;
    }

    /** Position in the trace (also the job id given to HelixRouter). */
    public int index() {
        return index;
    }

    /** The job's class. */
    public JobClass jobClass() {
        return jobClass;
    }

    /** When the job was meant to start, on {@code System.nanoTime()}. */
    public long intendedNanos() {
        return intendedNanos;
    }

    /** Runs the job's work here and records how it ended. */
    @Override
    public void run() {
        if (!outcomes.start(index)) {
            return;
        }
        try {
            work();
        } catch (Throwable t) {
            outcomes.fail(index);
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        outcomes.complete(index, System.nanoTime());
    }

    private void work() throws InterruptedException {
        if (jobClass.waitNanos() > 0) {
            Thread.sleep(java.time.Duration.ofNanos(jobClass.waitNanos()));
        }
        spin.run(jobClass.cpuNanos(), index);
    }

    /** The system refused or shed the job. */
    public void drop() {
        outcomes.drop(index);
    }

    /** The job did not finish (its work could not run). */
    public void fail() {
        outcomes.fail(index);
    }

    /**
     * Runs {@code tasks}, all batchable, as one batch: the batch's fixed work once plus the
     * per-item work of each, then ends them all. Tasks that must not run any more (see
     * {@link Outcomes#start}) are left out.
     */
    public static void runBatch(List<Task> tasks, Spin spin) {
        List<Task> running = tasks.stream().filter(t -> t.outcomes.start(t.index)).toList();
        if (running.isEmpty()) {
            return;
        }
        spin.run(BatchWork.cpuNanos(running.size()), running.getFirst().index);
        long now = System.nanoTime();
        for (Task t : running) {
            t.outcomes.complete(t.index, now);
        }
    }
}
