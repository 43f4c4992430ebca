package dev.helixrouter.lab.run;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.LoadDriver;
import dev.helixrouter.workload.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live run: a fresh router and a {@link LoadDriver} replaying planned arrivals against it.
 *
 * <p><b>Threads</b>, all platform threads and all named: the driver's callers
 * ({@code helix-caller-N}), the router's own ({@code helix-labN-…}), and one monitor
 * ({@code helix-lab-run-N}) that waits for the end of the run, publishes the final snapshot with
 * {@link HelixRouter#sampleNow()} and only then marks the session finished. Nothing here posts to
 * the FX thread: the lab polls the getters below.
 */
final class LiveRunSession extends PlannedRunSession {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRunSession.class);
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final long JOIN_MILLIS = 5_000;

    private final HelixRouter router;
    private final LoadDriver.Run run;
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Thread monitor;
    private final Object clockLock = new Object();
    private volatile boolean stopped;
    private volatile long endNanos = -1;
    private long pausedSince = -1;
    private long pausedTotal;

    private LiveRunSession(RunSpec spec, List<Arrival> arrivals, double lambdaStar, int callers, int n) {
        super(spec, arrivals.size(), lambdaStar, "helix-lab" + n);
        dev.helixrouter.engine.RouterBuilder builder = HelixRouter.builder().threadPrefix(threadPrefix());
        dev.helixrouter.adapt.AdaptiveLayer adaptive = dev.helixrouter.adapt.AdaptiveLayer.install(builder,
                spec.config(), dev.helixrouter.engine.config.RouterConfig.machineCores(),
                dev.helixrouter.adapt.AdaptiveLayer.weightsPathFromEnv());
        this.router = adaptive.attach(builder.build());
        this.run = new LoadDriver(router, callers).start(arrivals, null);
        this.monitor = Thread.ofPlatform().name("helix-lab-run-" + n).daemon(true).unstarted(this::awaitEnd);
    }

    /** Builds the router and starts replaying {@code arrivals}. */
    static LiveRunSession start(RunSpec spec, List<Arrival> arrivals, double lambdaStar, int callers) {
        LiveRunSession s = new LiveRunSession(spec, arrivals, lambdaStar, callers, RUNS.incrementAndGet());
        s.monitor.start();
        return s;
    }

    private void awaitEnd() {
        try {
            run.done().join();
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("run failed", e);
        } finally {
            synchronized (clockLock) {
                if (pausedSince >= 0) {
                    pausedTotal += System.nanoTime() - pausedSince;
                    pausedSince = -1;
                }
                endNanos = System.nanoTime();
            }
            router.sampleNow();
            finished = true; // last: the final snapshot is published
        }
    }

    @Override
    public HelixRouter router() {
        return router;
    }

    @Override
    public int submitted() {
        return run.submitted();
    }

    @Override
    public int ended() {
        return run.ended();
    }

    @Override
    public boolean isStopped() {
        return stopped;
    }

    @Override
    public Duration elapsed() {
        synchronized (clockLock) {
            long end = endNanos >= 0 ? endNanos : pausedSince >= 0 ? pausedSince : System.nanoTime();
            return Duration.ofNanos(Math.max(0, end - startNanos - pausedTotal));
        }
    }

    @Override
    public void pause() {
        synchronized (clockLock) {
            if (pausedSince < 0 && endNanos < 0) {
                pausedSince = System.nanoTime();
                run.pause();
            }
        }
    }

    @Override
    public void resume() {
        synchronized (clockLock) {
            if (pausedSince >= 0) {
                run.resume();
                pausedTotal += System.nanoTime() - pausedSince;
                pausedSince = -1;
            }
        }
    }

    @Override
    public boolean isPaused() {
        return run.isPaused();
    }

    @Override
    public void stop() {
        resume();
        stopped = true;
        run.stop();
    }

    @Override
    public RunReport.RunInfo info() {
        return info(startedAt, ((endNanos >= 0 ? endNanos : System.nanoTime()) - startNanos) / 1e9);
    }

    @Override
    public void close() {
        stopped = true;
        run.stop();
        router.close();
        try {
            monitor.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (monitor.isAlive()) {
            LOG.warn("{} still waiting {} ms after its router closed", monitor.getName(), JOIN_MILLIS);
        }
    }
}
