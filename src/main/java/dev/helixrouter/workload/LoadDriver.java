package dev.helixrouter.workload;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobHandle;
import dev.helixrouter.engine.Output;
import dev.helixrouter.engine.Work;
import dev.helixrouter.engine.kernel.Kernels;
import dev.helixrouter.engine.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays planned arrivals against a live router from a pool of caller platform threads, each job
 * at its intended time: an open loop, so a slow system never slows the load down (SPEC §8).
 *
 * <p>Each job is submitted with its intended start, so latency counts from when the job was
 * meant to start, not from when a busy caller got round to it (no coordinated omission). Inline
 * work runs on the caller that submitted it, as it would in a service. {@link Run#pause()} holds
 * the schedule and {@link Run#resume()} shifts the rest of it by the paused time: missed
 * arrivals are never released in a burst.
 */
public final class LoadDriver {
    /** Receives progress; called from caller threads, so keep it cheap. */
    @FunctionalInterface
    public interface Progress {
        /** {@code submitted} of {@code total} jobs submitted; {@code ended} of them ended. */
        void update(int submitted, int ended, int total);
    }

    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final HelixRouter router;
    private final int callers;

    /** A driver with {@code callers} caller threads (the SPEC's default: the number of cores). */
    public LoadDriver(HelixRouter router, int callers) {
        if (callers < 1) {
            throw new IllegalArgumentException("callers must be >= 1, was " + callers);
        }
        this.router = router;
        this.callers = callers;
    }

    /** The work a planned job runs: its kernel, after its blocking wait if it has one. */
    public static Work<Output> workOf(Arrival p) {
        Job job = p.job();
        long wait = p.blockingWaitNanos();
        if (!job.blocking() || wait <= 0) {
            return () -> Kernels.run(job);
        }
        return () -> {
            long until = System.nanoTime() + wait;
            for (long left = wait; left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException("blocking wait interrupted");
                }
            }
            return Kernels.run(job);
        };
    }

    /** Starts replaying {@code plan} (sorted by offset) and returns the run. */
    public Run start(List<Arrival> plan, Progress progress) {
        Run run = new Run(plan, progress);
        run.begin();
        return run;
    }

    /** A replay in progress. */
    public final class Run {
        private final List<Arrival> plan;
        private final Progress progress;
        private final Clock clock = router.clock();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger submitted = new AtomicInteger();
        private final AtomicInteger ended = new AtomicInteger();
        private final AtomicLong shiftNanos = new AtomicLong();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean paused;
        private volatile boolean stopped;
        private volatile long pausedAt;
        private long startNanos;

        private Run(List<Arrival> plan, Progress progress) {
            this.plan = List.copyOf(plan);
            this.progress = progress == null ? (s, e, t) -> { } : progress;
        }

        private void begin() {
            startNanos = clock.nanoTime() + LEAD_NANOS;
            if (plan.isEmpty()) {
                done.complete(null);
                return;
            }
            for (int i = 0; i < callers; i++) {
                threads.add(Thread.ofPlatform().name("helix-caller-" + (i + 1)).daemon(true).start(this::callerLoop));
            }
        }

        private void callerLoop() {
            while (!stopped) {
                int i = next.getAndIncrement();
                if (i >= plan.size()) {
                    return;
                }
                Arrival p = plan.get(i);
                if (!awaitIntendedTime(p.offsetNanos())) {
                    return;
                }
                long intended = startNanos + shiftNanos.get() + p.offsetNanos();
                JobHandle<Output> h = router.submit(p.job().withIntendedStart(intended), workOf(p));
                int s = submitted.incrementAndGet();
                h.outcome().whenComplete((o, e) -> onEnded());
                progress.update(s, ended.get(), plan.size());
            }
        }

        /** Waits until the job's (shifted) intended time; false if the run was stopped. */
        private boolean awaitIntendedTime(long offsetNanos) {
            while (true) {
                if (stopped) {
                    return false;
                }
                if (paused) {
                    LockSupport.parkNanos(1_000_000L);
                    continue;
                }
                long wait = startNanos + shiftNanos.get() + offsetNanos - clock.nanoTime();
                if (wait <= 0) {
                    return true;
                }
                LockSupport.parkNanos(Math.min(wait, 10_000_000L));
            }
        }

        private void onEnded() {
            int e = ended.incrementAndGet();
            progress.update(submitted.get(), e, plan.size());
            if (e == plan.size() || (stopped && e == submitted.get() && callersFinished())) {
                done.complete(null);
            }
        }

        private boolean callersFinished() {
            for (Thread t : threads) {
                if (t.isAlive() && t != Thread.currentThread()) {
                    return false;
                }
            }
            return true;
        }

        /** Holds the schedule; jobs already submitted carry on. */
        public synchronized void pause() {
            if (!paused) {
                pausedAt = clock.nanoTime();
                paused = true;
            }
        }

        /** Resumes, shifting the rest of the schedule by the time spent paused. */
        public synchronized void resume() {
            if (paused) {
                shiftNanos.addAndGet(clock.nanoTime() - pausedAt);
                paused = false;
            }
        }

        /** Whether the schedule is held. */
        public boolean isPaused() {
            return paused;
        }

        /** Stops submitting; jobs already submitted still end. */
        public void stop() {
            stopped = true;
            paused = false;
            Thread.ofPlatform().name("helix-run-stop").daemon(true).start(() -> {
                for (Thread t : threads) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (ended.get() == submitted.get()) {
                    done.complete(null);
                }
            });
        }

        /** Jobs submitted so far. */
        public int submitted() {
            return submitted.get();
        }

        /** Jobs ended so far. */
        public int ended() {
            return ended.get();
        }

        /** Jobs planned. */
        public int total() {
            return plan.size();
        }

        /** Completes when every submitted job has ended and no more will be submitted. */
        public CompletableFuture<Void> done() {
            return done;
        }

        /** Waits for {@link #done()} at most {@code timeout}. */
        public void await(Duration timeout) throws InterruptedException, TimeoutException {
            try {
                done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Clock reading at which offset 0 was scheduled. */
        public long startNanos() {
            return startNanos;
        }
    }
}
