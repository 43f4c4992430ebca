package dev.helixrouter.lab.run;

import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.config.AppliedConfig;
import dev.helixrouter.engine.config.ConfigPatch;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.config.ConfigUpdate;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.sim.VirtualRun;
import dev.helixrouter.workload.Arrival;
import dev.helixrouter.workload.RunReport;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual-time run: {@link VirtualRun} drives a fresh router on a modelled machine from one
 * platform thread of its own ({@code helix-labvN-sim}), and this session steers it between
 * events ({@link VirtualRun.Steering}).
 *
 * <p><b>Pacing.</b> Before each event the simulation thread waits until the wall clock has
 * caught up with the event's simulated time at the chosen {@link Pace} (none at
 * {@link Pace#MAX}). A simulation that cannot keep up is not allowed to race later to catch up:
 * more than {@value #MAX_LAG_MILLIS} ms behind, the pace starts again from where it is. Pause
 * holds the whole simulated machine, jobs in flight included; Stop takes no more arrivals and
 * lets the jobs in flight end at full speed. None of this changes what the simulation computes:
 * the same seed and config give the same numbers at any pace, paused or not.
 *
 * <p><b>The router is the simulation thread's.</b> The lab reads its published snapshot and
 * decision feed (safe from any thread), but changes reach it only from that thread: the tuning
 * panel writes {@link #configStore() a store of the session's own}, whose changes the simulation
 * forwards to the router as patches at its next event (and the router's own changes back), and
 * injected pressure is reported, and renewed in simulated time, the same way.
 */
final class VirtualRunSession extends PlannedRunSession implements VirtualRun.Steering {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualRunSession.class);
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** Behind the pace by more than this, the pace restarts from where the simulation is. */
    static final long MAX_LAG_MILLIS = 250;
    /**
     * The simulation may run this far ahead of the wall clock without waiting: waits shorter than
     * a few milliseconds cost more than they last (timer slack), and are invisible at 10 Hz.
     */
    static final long SLACK_NANOS = 4_000_000;
    /** Snapshots kept between two reads of {@link #newSnapshots()}. */
    static final int KEPT_SNAPSHOTS = 256;
    /** How long {@link #start} waits for the simulation to build its router. */
    private static final long BUILD_TIMEOUT_MILLIS = 30_000;
    private static final long JOIN_MILLIS = 5_000;
    private static final double FLAT_OUT = Double.POSITIVE_INFINITY;

    private final VirtualRun.Machine machine;
    private final Thread thread;
    private final CompletableFuture<HelixRouter> built = new CompletableFuture<>();
    private final ConfigStore tuned;
    private final ArrayDeque<RouterSnapshot> published = new ArrayDeque<>();
    private List<Arrival> arrivals;

    // Written by the simulation thread, read by any.
    private volatile HelixRouter router;
    private volatile int submitted;
    private volatile long virtualNanos;

    // Requests from other threads: written under the lock, polled by the simulation thread.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean attention;
    private volatile boolean paused;
    private volatile boolean stopRequested;
    private volatile boolean aborted;
    private volatile double factor = Pace.REAL_TIME.factor();
    private long anchorWall = -1;
    private long anchorVirtual;
    private long waitingFor = -1;
    private long wallStart = -1;
    private long wallEnd = -1;
    private long pausedSince = -1;
    private long pausedTotal;

    // Config and pressure handed to the simulation thread.
    private volatile boolean tunedChanged;
    private volatile boolean routerChanged;
    private volatile boolean pressureChanged;
    private volatile double injected;
    private volatile long injectedTtlNanos = Duration.ofSeconds(1).toNanos();
    private RouterConfig synced;
    private long pressureReportedAt;
    /** Simulation thread: events up to this simulated time go without looking at the clock. */
    private long freeUntil = -1;

    private VirtualRunSession(RunSpec spec, List<Arrival> arrivals, double lambdaStar, VirtualRun.Machine machine) {
        super(spec, arrivals.size(), lambdaStar, "helix-labv" + RUNS.incrementAndGet());
        this.arrivals = arrivals;
        this.machine = machine;
        this.tuned = new ConfigStore(spec.config());
        this.synced = spec.config();
        tuned.addListener(a -> tunedChanged = true);
        this.thread = Thread.ofPlatform().name(threadPrefix() + "-sim").daemon(true).unstarted(this::simulate);
    }

    /**
     * Starts simulating {@code arrivals} on {@code machine} and returns once the router exists.
     *
     * @throws CancellationException if {@code preparation} is cancelled meanwhile (the run is closed)
     */
    static VirtualRunSession start(RunSpec spec, List<Arrival> arrivals, double lambdaStar, VirtualRun.Machine machine,
                                   RunFactory.Preparation preparation) {
        VirtualRunSession s = new VirtualRunSession(spec, arrivals, lambdaStar, machine);
        s.thread.start();
        try {
            s.awaitRouter(preparation);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void awaitRouter(RunFactory.Preparation preparation) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUILD_TIMEOUT_MILLIS);
        while (true) {
            MachineProfile.checkCancelled(preparation);
            try {
                built.get(50, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the simulation did not start within " + BUILD_TIMEOUT_MILLIS + " ms");
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while the simulation started");
            }
        }
    }

    private void simulate() {
        try {
            VirtualRun.Result r = new VirtualRun(machine, null).run(spec().config(), arrivals,
                    b -> {
                        // the adaptive layer, without a weights file: a virtual run depends on its inputs only
                        dev.helixrouter.adapt.AdaptiveLayer.install(b, spec().config(), machine.cores(),
                                java.util.Optional.empty());
                        return b.threadPrefix(threadPrefix()).onInterval(this::keep);
                    }, this);
            submitted = (int) r.snapshot().submitted();
            virtualNanos = r.virtualNanos();
            LOG.info("virtual run of {}: {} jobs, {} s simulated, {} events", spec().scenario().name(), submitted,
                    r.virtualNanos() / 1e9, r.events());
        } catch (CancellationException closed) {
            LOG.debug("virtual run abandoned");
        } catch (RuntimeException | Error e) {
            failure = e;
            built.completeExceptionally(e);
            LOG.error("virtual run failed", e);
        } finally {
            arrivals = null;
            lock.lock();
            try {
                long now = System.nanoTime();
                if (pausedSince >= 0) {
                    pausedTotal += now - pausedSince;
                    pausedSince = -1;
                }
                wallEnd = now;
                waitingFor = -1;
            } finally {
                lock.unlock();
            }
            finished = true; // last: the router is closed and its final snapshot published
        }
    }

    /** Interval listener, on the simulation thread: keeps the snapshot for {@link #newSnapshots()}. */
    private void keep(RouterSnapshot s) {
        synchronized (published) {
            published.addLast(s);
            while (published.size() > KEPT_SNAPSHOTS) {
                published.removeFirst();
            }
        }
    }

    // ------------------------------------------------------------------ steering (simulation thread)

    @Override
    public void started(HelixRouter r) {
        router = r;
        synced = r.currentConfig().config();
        r.config().addListener(a -> routerChanged = true);
        lock.lock();
        try {
            wallStart = System.nanoTime();
        } finally {
            lock.unlock();
        }
        built.complete(r);
    }

    @Override
    public boolean beforeEvent(long at, int submittedSoFar) {
        submitted = submittedSoFar;
        if (attention || (at > freeUntil && factor != FLAT_OUT && !stopRequested)) {
            steer(at);
        }
        if (tunedChanged || routerChanged) {
            syncConfig();
        }
        if (pressureChanged || (injected > 0 && at - pressureReportedAt >= injectedTtlNanos / 2)) {
            pressureChanged = false;
            router.reportExternalPressure(injected, Duration.ofNanos(injectedTtlNanos));
            pressureReportedAt = at;
        }
        virtualNanos = at;
        return !stopRequested;
    }

    /** Holds the simulation while paused, and until the wall clock reaches {@code at} at the pace. */
    private void steer(long at) {
        lock.lock();
        try {
            attention = false;
            freeUntil = -1;
            while (true) {
                if (aborted) {
                    throw new CancellationException("the run was closed");
                }
                if (paused) {
                    changed.awaitUninterruptibly();
                    continue;
                }
                double f = factor;
                if (stopRequested || f == FLAT_OUT) {
                    anchorWall = -1;
                    return;
                }
                long now = System.nanoTime();
                if (anchorWall < 0) {
                    anchorWall = now;
                    anchorVirtual = virtualNanos;
                }
                long early = anchorWall + (long) ((at - anchorVirtual) / f) - now;
                if (early <= SLACK_NANOS) {
                    if (-early > TimeUnit.MILLISECONDS.toNanos(MAX_LAG_MILLIS)) {
                        anchorWall = now; // cannot keep up: carry on from here, never race to catch up
                        anchorVirtual = at;
                    }
                    // Up to the slack ahead of the clock, the next events need no look at it.
                    freeUntil = anchorVirtual + (long) ((now + SLACK_NANOS - anchorWall) * f);
                    return;
                }
                waitingFor = at;
                try {
                    changed.awaitNanos(early);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("the simulation was interrupted");
                } finally {
                    waitingFor = -1;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forwards the tuning panel's changes to the router as a patch of the keys it changed, and
     * shows the router's config in the panel's store when they differ (a change the router
     * refused, or one it made itself).
     */
    private void syncConfig() {
        tunedChanged = false;
        routerChanged = false;
        HelixRouter r = router;
        ConfigPatch change = ConfigPatch.between(synced, tuned.config());
        if (!change.isEmpty() && r.config().patch(change) instanceof ConfigUpdate.Rejected no) {
            LOG.warn("the simulated router refused a tuning change: {}", no.violations());
        }
        AppliedConfig shown = tuned.current();
        RouterConfig inForce = r.currentConfig().config();
        synced = inForce;
        if (!shown.config().equals(inForce)) {
            // A conflict means the panel wrote meanwhile: that change is forwarded at the next event.
            tuned.replace(inForce, OptionalLong.of(shown.version()));
        }
    }

    // ------------------------------------------------------------------ controls (any thread)

    @Override
    public void pause() {
        request(() -> {
            if (!paused && !finished && !stopRequested) {
                paused = true;
                pausedSince = System.nanoTime();
            }
        });
    }

    @Override
    public void resume() {
        request(() -> {
            if (paused) {
                paused = false;
                pausedTotal += System.nanoTime() - pausedSince;
                pausedSince = -1;
                anchorWall = -1; // the pace goes on from where the run was held
            }
        });
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void stop() {
        resume();
        request(() -> stopRequested = true);
    }

    @Override
    public void pace(Pace pace) {
        request(() -> {
            factor = pace.factor();
            anchorWall = -1;
        });
    }

    @Override
    public void reportExternalPressure(double pressure, Duration ttl) {
        injectedTtlNanos = Math.max(1, ttl.toNanos());
        if (pressure != injected) {
            injected = pressure;
            pressureChanged = true;
        }
    }

    private void request(Runnable change) {
        lock.lock();
        try {
            change.run();
            attention = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ reading (any thread)

    @Override
    public HelixRouter router() {
        return router;
    }

    @Override
    public ConfigStore configStore() {
        return tuned;
    }

    @Override
    public List<RouterSnapshot> newSnapshots() {
        synchronized (published) {
            List<RouterSnapshot> out = List.copyOf(published);
            published.clear();
            return out;
        }
    }

    @Override
    public int submitted() {
        return submitted;
    }

    @Override
    public int ended() {
        HelixRouter r = router;
        int s = submitted;
        if (finished || r == null) {
            return r == null ? 0 : s;
        }
        return Math.clamp(s - r.inFlight(), 0, s);
    }

    @Override
    public boolean isStopped() {
        return stopRequested;
    }

    /** Simulated time; while the simulation waits for the wall clock, where the pace has got to. */
    @Override
    public Duration elapsed() {
        lock.lock();
        try {
            long v = virtualNanos;
            if (waitingFor > v && !paused && anchorWall >= 0) {
                long paced = anchorVirtual + (long) ((System.nanoTime() - anchorWall) * factor);
                v = Math.clamp(paced, v, waitingFor);
            }
            return Duration.ofNanos(v);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public double speedup() {
        lock.lock();
        try {
            if (wallStart < 0) {
                return Double.NaN;
            }
            long end = wallEnd >= 0 ? wallEnd : pausedSince >= 0 ? pausedSince : System.nanoTime();
            long wall = end - wallStart - pausedTotal;
            return wall <= 0 ? Double.NaN : (double) virtualNanos / wall;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public RunReport.RunInfo info() {
        return info(null, virtualNanos / 1e9);
    }

    /**
     * Abandons the simulation if it is still going (its router is closed on its own thread, with
     * the configured grace for jobs in flight) and waits for its thread.
     */
    @Override
    public void close() {
        request(() -> aborted = true);
        try {
            thread.join(JOIN_MILLIS + spec().config().shutdownGraceMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} still running after it was asked to close", thread.getName());
        }
    }
}
