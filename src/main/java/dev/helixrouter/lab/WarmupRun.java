package dev.helixrouter.lab;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobHandle;
import dev.helixrouter.engine.Output;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.workload.JobGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the original HelixRouter's warm-up: a fresh router, and {@code jobs} generated jobs
 * submitted to it all at once, then awaited.
 *
 * <p><b>Threads.</b> The submitting and waiting happen on one named <em>platform</em> thread
 * ({@code helix-lab-warmup-N}): never the FX thread (inline jobs run on the submitter, and waiting
 * would freeze the window) and never a virtual thread (spawned CPU-bound jobs may occupy every
 * carrier). Readers on any thread poll {@link #snapshot()} and the counters below, which are
 * plain volatile/atomic reads; nothing here calls back into the UI.
 *
 * <p>When the last handle has ended, the worker calls {@link HelixRouter#sampleNow()} so the
 * published snapshot holds the final numbers without waiting for the sampler's next interval.
 */
public final class WarmupRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmupRun.class);
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** How long {@link #close()} waits for the worker after the router has closed. */
    private static final long WORKER_JOIN_MILLIS = 5_000;

    private final HelixRouter router;
    private final int jobs;
    private final long seed;
    private final Thread worker;
    private final String threadPrefix;
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicLong startNanos = new AtomicLong(-1);
    private final AtomicLong endNanos = new AtomicLong(-1);
    private volatile boolean stopping;
    private volatile Throwable error;

    private WarmupRun(RouterConfig config, int jobs, long seed) {
        this.jobs = jobs;
        this.seed = seed;
        int n = RUNS.incrementAndGet();
        this.threadPrefix = "helix-lab" + n;
        this.router = HelixRouter.builder().config(config).threadPrefix(threadPrefix).build();
        this.worker = Thread.ofPlatform().name("helix-lab-warmup-" + n).daemon(true).unstarted(this::runWarmup);
    }

    /**
     * The router configuration of the original warm-up: the defaults, with the {@code busy}
     * backpressure gate the original used.
     */
    public static RouterConfig warmupConfig() {
        return RouterConfig.defaults().toBuilder().backpressureGate(GateMode.BUSY).build();
    }

    /** Builds a router with {@code config} and starts submitting the warm-up to it. */
    public static WarmupRun start(RouterConfig config, int jobs, long seed) {
        Objects.requireNonNull(config, "config");
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, was " + jobs);
        }
        WarmupRun run = new WarmupRun(config, jobs, seed);
        run.worker.start();
        return run;
    }

    private void runWarmup() {
        try {
            List<Job> warmup = JobGenerator.warmup(seed, jobs);
            List<JobHandle<Output>> handles = new ArrayList<>(warmup.size());
            startNanos.set(System.nanoTime());
            for (Job job : warmup) {
                if (stopping) {
                    break;
                }
                JobHandle<Output> h = router.submit(job);
                h.outcome().thenRun(ended::incrementAndGet);
                handles.add(h);
            }
            for (JobHandle<Output> h : handles) {
                h.join(); // bounded: close() ends every handle (dropped or failed) within its grace
            }
        } catch (RuntimeException | Error e) {
            error = e;
            LOG.error("warm-up failed", e);
        } finally {
            long end = System.nanoTime();
            startNanos.compareAndSet(-1, end);
            router.sampleNow();
            endNanos.set(end); // last: isFinished() means the final snapshot is published
        }
    }

    /** The router's latest published snapshot. */
    public RouterSnapshot snapshot() {
        return router.snapshot();
    }

    /** The router (for reading; the run owns and closes it). */
    public HelixRouter router() {
        return router;
    }

    /** Jobs in this warm-up. */
    public int jobs() {
        return jobs;
    }

    /** The generator's seed. */
    public long seed() {
        return seed;
    }

    /** Handles that have ended so far (live count, for progress). */
    public int endedCount() {
        return ended.get();
    }

    /** Whether every handle has ended and the final snapshot is published. */
    public boolean isFinished() {
        return endNanos.get() >= 0;
    }

    /**
     * Time from the first submit to now, or to the end of the last handle once finished (so it
     * measures the warm-up, not building the router); zero before the first submit.
     */
    public Duration elapsed() {
        long start = startNanos.get();
        if (start < 0) {
            return Duration.ZERO;
        }
        long end = endNanos.get();
        return Duration.ofNanos(Math.max(0, (end >= 0 ? end : System.nanoTime()) - start));
    }

    /** What stopped the run early, if anything did. */
    public Throwable error() {
        return error;
    }

    /** Prefix of the names of this run's router threads ({@code helix-labN}; tests check they end). */
    public String threadPrefix() {
        return threadPrefix;
    }

    /** The worker thread's name (tests check that it ends). */
    public String workerName() {
        return worker.getName();
    }

    /**
     * Stops submitting, closes the router (queued jobs are dropped, running ones get the
     * configured grace) and waits, bounded, for the worker to end. May block for up to the
     * router's {@code shutdown_grace_ms}: do not call it on the FX thread while the window is up.
     */
    @Override
    public void close() {
        stopping = true;
        router.close();
        try {
            worker.join(WORKER_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            LOG.warn("{} still running {} ms after the router closed", worker.getName(), WORKER_JOIN_MILLIS);
        }
    }
}
