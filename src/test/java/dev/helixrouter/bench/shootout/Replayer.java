package dev.helixrouter.bench.shootout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays a trace against one system from a pool of caller platform threads (as many as cores,
 * by default), each job at its intended time: an open loop, so a slow system never slows the
 * load — a caller busy with inline work only makes later jobs start late, and their latency,
 * counted from the intended start, shows it. While it runs, a sampler records every
 * {@value #SAMPLE_MILLIS} ms how many jobs are waiting (due but neither running nor ended), for
 * the recovery time.
 */
public final class Replayer {
    /** Interval of the waiting-jobs sampler. */
    static final int SAMPLE_MILLIS = 50;
    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final int callers;
    private final Spin spin;
    private final Duration drainLimit;

    /**
     * A replayer with {@code callers} caller threads. Jobs not ended {@code drainLimit} after the
     * trace's end (not yet submitted by callers that fell that far behind, or still queued or
     * running) count as failed and are reported as unfinished.
     */
    public Replayer(int callers, Spin spin, Duration drainLimit) {
        if (callers < 1) {
            throw new IllegalArgumentException("callers must be >= 1, was " + callers);
        }
        this.callers = callers;
        this.spin = spin;
        this.drainLimit = drainLimit;
    }

    /** What one replay recorded. */
    public record Run(ShootoutTrace trace, Outcomes outcomes, long[] sampleOffsets, long[] waitingSamples,
                      long unfinished) {}

    /** Replays {@code trace} against {@code system}, waits for every job to end, and closes the system. */
    public Run replay(ShootoutTrace trace, SystemUnderTest system) throws InterruptedException {
        long start = System.nanoTime() + LEAD_NANOS;
        long[] intended = new long[trace.size()];
        for (int i = 0; i < intended.length; i++) {
            intended[i] = start + trace.offsetNanos(i);
        }
        Outcomes outcomes = new Outcomes(intended);
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long deadline = start + trace.shape().endNanos() + drainLimit.toNanos();
        for (int c = 0; c < callers; c++) {
            threads.add(Thread.ofPlatform().name("shootout-caller-" + (c + 1)).daemon(true).start(() -> {
                for (int i = next.getAndIncrement(); i < intended.length; i = next.getAndIncrement()) {
                    awaitUntil(intended[i]);
                    if (System.nanoTime() > deadline) {
                        continue; // callers so far behind that the drain limit passed: left unfinished
                    }
                    outcomes.submitted();
                    system.submit(new Task(i, trace.jobClass(i), intended[i], outcomes, spin));
                }
            }));
        }
        Sampler sampler = new Sampler(trace, outcomes, start);
        Thread samplerThread = Thread.ofPlatform().name("shootout-sampler").daemon(true).start(sampler);
        for (Thread t : threads) {
            t.join();
        }
        while (outcomes.endedCount() < trace.size() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        sampler.stop();
        samplerThread.join();
        long unfinished = outcomes.abandonUnfinished();
        system.close();
        return new Run(trace, outcomes, sampler.offsets(), sampler.values(), unfinished);
    }

    private static void awaitUntil(long nanos) {
        for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(10)));
        }
    }

    /** Samples the number of waiting jobs until stopped. */
    private static final class Sampler implements Runnable {
        private final ShootoutTrace trace;
        private final Outcomes outcomes;
        private final long start;
        private final List<long[]> samples = new ArrayList<>();
        private volatile boolean stopped;

        Sampler(ShootoutTrace trace, Outcomes outcomes, long start) {
            this.trace = trace;
            this.outcomes = outcomes;
            this.start = start;
        }

        @Override
        public void run() {
            long next = start;
            while (!stopped) {
                awaitUntil(next);
                long offset = System.nanoTime() - start;
                samples.add(new long[] {offset, outcomes.waiting(trace.dueBy(offset))});
                next += TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS);
            }
        }

        void stop() {
            stopped = true;
        }

        long[] offsets() {
            return samples.stream().mapToLong(s -> s[0]).toArray();
        }

        long[] values() {
            return samples.stream().mapToLong(s -> s[1]).toArray();
        }
    }
}
