package dev.helixrouter.reliability;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobHandle;
import dev.helixrouter.engine.Outcome;
import dev.helixrouter.engine.Work;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * Open-loop load: {@code callers} platform threads submit jobs on a Poisson schedule at a total
 * rate, whatever the router does (a late caller submits at once, with the job's intended start
 * on the schedule, as the simulator's callers do). Holds no handle: it counts submissions and
 * ends in {@link AtomicLong}s, so the load itself takes no memory however long it runs.
 *
 * <p>{@link #submitted()} is incremented after {@code submit} returns and {@link #ended()} in the
 * handle's completion callback, which is registered after that; so at any instant the router's
 * {@code in_flight} differs from {@code submitted - ended} only by the callers inside
 * {@code submit} and the threads between ending a handle and running its callback.
 */
final class OpenLoopLoad implements AutoCloseable {
    /** What one caller submits next: a job (its id given) and its work. */
    interface Source {
        JobHandle<?> submit(HelixRouter router, long id, long intendedStartNanos);
    }

    private final HelixRouter router;
    private final List<Thread> callers = new ArrayList<>();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final Map<Long, Boolean> withoutOutcome = new ConcurrentHashMap<>();
    private final AtomicLong behindMaxNanos = new AtomicLong();
    private volatile boolean stopped;
    /** Called with each handle and its outcome as it ends (before it is counted as ended). */
    volatile BiConsumer<JobHandle<?>, Outcome<?>> onEnd = (h, o) -> { };
    private long startNanos;
    private long stopNanos;

    /**
     * Starts {@code callers} threads named {@code name-N} submitting at {@code ratePerSecond} in
     * all, caller {@code c} from {@code sources.apply(c)}, seeded by {@code seed}.
     */
    OpenLoopLoad(HelixRouter router, String name, int callers, double ratePerSecond, long seed,
                 IntFunction<Source> sources) {
        this.router = router;
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
        double perCallerMeanGapNanos = 1e9 * callers / ratePerSecond;
        startNanos = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            long callerSeed = seed * 31 + c;
            long firstId = (long) c << 40;
            Source source = sources.apply(c);
            callers(name + "-" + c, () -> run(new SplittableRandom(callerSeed), perCallerMeanGapNanos, firstId, source));
        }
    }

    private void callers(String name, Runnable r) {
        callers.add(Thread.ofPlatform().name(name).daemon(true).start(r));
    }

    private void run(SplittableRandom rnd, double meanGapNanos, long firstId, Source source) {
        long clockOrigin = router.clock().nanoTime() - System.nanoTime();
        long next = System.nanoTime();
        long id = firstId;
        while (!stopped) {
            next += (long) (-Math.log(1.0 - rnd.nextDouble()) * meanGapNanos);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (-wait > behindMaxNanos.get()) {
                behindMaxNanos.accumulateAndGet(-wait, Math::max);
            }
            if (stopped) {
                return;
            }
            JobHandle<?> h = source.submit(router, id++, next + clockOrigin);
            submitted.incrementAndGet();
            track(h);
        }
    }

    /** Counts {@code h}'s end, once; a second end would be recorded as a violation. */
    <T> void track(JobHandle<T> h) {
        h.outcome().whenComplete((o, e) -> {
            switch (o) {
                case Outcome.Completed<T> c -> completed.increment();
                case Outcome.Failed<T> f -> failed.increment();
                case Outcome.Dropped<T> d -> dropped.get(d.reason()).increment();
                case null -> withoutOutcome.put(h.jobId(), Boolean.TRUE); // never: handles never complete exceptionally
            }
            if (o != null) {
                onEnd.accept(h, o);
            }
            ended.incrementAndGet();
        });
    }

    /** Stops submitting and waits for the callers to return. */
    void stop() {
        stopped = true;
        for (Thread t : callers) {
            try {
                t.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        stopNanos = System.nanoTime();
    }

    @Override
    public void close() {
        stop();
    }

    int callers() {
        return callers.size();
    }

    long submitted() {
        return submitted.get();
    }

    long ended() {
        return ended.get();
    }

    long completed() {
        return completed.sum();
    }

    long failed() {
        return failed.sum();
    }

    long dropped() {
        return dropped.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long dropped(DropReason r) {
        return dropped.get(r).sum();
    }

    /** Handles whose callback saw no outcome (must stay empty). */
    Map<Long, Boolean> anomalies() {
        return withoutOutcome;
    }

    /** Submissions per second achieved between start and {@link #stop()}. */
    double achievedRate() {
        long end = stopNanos == 0 ? System.nanoTime() : stopNanos;
        return submitted.get() / ((end - startNanos) / 1e9);
    }

    /** How far behind its schedule a caller ever was, in ms. */
    double behindMaxMs() {
        return behindMaxNanos.get() / 1e6;
    }

    /** The same source for every caller: jobs from {@code jobs} (by id) running {@code work}. */
    static <T> IntFunction<Source> each(LongFunction<Job> jobs, LongFunction<Work<T>> work) {
        Source s = (router, id, intended) -> router.submit(jobs.apply(id).withIntendedStart(intended), work.apply(id));
        return c -> s;
    }
}
