package dev.helixrouter.engine;

import dev.helixrouter.engine.config.AppliedConfig;
import dev.helixrouter.engine.config.ConfigStore;
import dev.helixrouter.engine.config.ConfigUpdate;
import dev.helixrouter.engine.config.PolicyKind;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.kernel.Kernels;
import dev.helixrouter.engine.lane.JobRun;
import dev.helixrouter.engine.lane.Lane;
import dev.helixrouter.engine.lane.LaneTask;
import dev.helixrouter.engine.metrics.PressureReading;
import dev.helixrouter.engine.metrics.RouterMetrics;
import dev.helixrouter.engine.metrics.RouterMetrics.KindRecorder;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.policy.Feedback;
import dev.helixrouter.engine.policy.Gate;
import dev.helixrouter.engine.policy.LearningPolicy;
import dev.helixrouter.engine.policy.LoadView;
import dev.helixrouter.engine.policy.Rule;
import dev.helixrouter.engine.policy.RoutingPolicy;
import dev.helixrouter.engine.time.Clock;
import dev.helixrouter.engine.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adaptive compute router: each submitted job declares its intent, and the router decides,
 * from live load, how it runs — inline on the caller, spawned on a virtual thread, on the bounded
 * CPU lane, batched with similar jobs, or dropped on purpose.
 *
 * <pre>{@code
 * try (HelixRouter router = HelixRouter.builder().build()) {
 *     Job job = new Job(1, JobKind.of("thumbnail"), new long[0], 40_000, 0.2, 50);
 *     JobHandle<byte[]> h = router.submit(job, () -> render());
 *     Outcome<byte[]> outcome = h.join();
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> {@code submit} never blocks (inline work runs on the caller, by design).
 * The router owns: the CPU lane's platform workers, virtual threads for spawned jobs (bounded by
 * {@code spawn_max_in_flight}), and one platform thread for its sampler and batch timers. None of
 * its own machinery runs on virtual threads, so CPU-bound spawned jobs that pin every carrier
 * cannot stop metrics, batch flushes or shutdown.
 *
 * <p><b>Configuration</b> lives in a versioned {@link ConfigStore}; every key takes effect live.
 * <b>Observability</b>: {@link #snapshot()} returns the latest published {@link RouterSnapshot};
 * {@link #decisions()} is the stream of routing decisions.
 */
public final class HelixRouter implements AutoCloseable {
    private static final Logger ROUTE_LOG = LoggerFactory.getLogger("dev.helixrouter.route");
    private static final Logger LOG = LoggerFactory.getLogger(HelixRouter.class);

    private static final int RUNNING = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    private final Clock clock;
    private final Scheduler scheduler;
    private final AutoCloseable ownedScheduler;
    private final ConfigStore configStore;
    private final Lane lane;
    private final BatchBuffers batches;
    private final RouterMetrics metrics = new RouterMetrics();
    private final DecisionFeed feed;
    private final ServiceEstimator serviceEstimator = new ServiceEstimator();
    private final ExternalPressure externalPressure;
    private final PressureSource internalPressure;
    private final SpawnThresholdSource spawnThresholdSource;
    private final RoutingPolicy heuristic;
    private final RoutingPolicy learned;
    private final LearningPolicy learner;
    private final Map<JobKind, BatchHandler<?>> batchHandlers;
    private final List<Consumer<RouterSnapshot>> intervalListeners;
    private final Map<String, Supplier<Object>> extensions;
    private final List<Runnable> closeHooks;
    private final JobExecution execution;
    private final AtomicInteger spawned = new AtomicInteger();
    /** Spawned jobs that are not blocking: they hold a carrier for their whole run. */
    private final AtomicInteger spawnedCpu = new AtomicInteger();
    private final int carriers;
    private final boolean publishDecisions;
    /** Moving average of a CPU-bound spawned job's run time, in nanoseconds (NaN before the first). */
    private volatile double spawnMeanNanos = Double.NaN;
    /**
     * Observed start delay per job ahead, on the lane and on the carriers: each queued (or
     * spawned CPU-bound) job with others ahead of it reports how long it waited ÷ how many were
     * ahead. This is what the deadline gate multiplies by the jobs ahead. It sees what a model
     * from mean service times cannot: lane workers and carriers that get only a share of the
     * cores (callers, GC and the other strategies run on them too). NaN before the first sample.
     */
    private volatile double laneDelayPerAhead = Double.NaN;
    private volatile double spawnDelayPerAhead = Double.NaN;
    private static final double DELAY_EMA_RATE = 0.05;
    private final Set<JobHandle<?>> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final Load load = new Load();
    private final long startNanos;
    private final Object samplerLock = new Object();

    private volatile RouterConfig config;
    private volatile RoutingPolicy policy;
    private volatile RouterSnapshot latest;
    private Scheduler.Cancellable sampler;
    private long samplerPeriodNanos;
    private long lastCloseNanos;
    private long snapshotSequence;

    HelixRouter(RouterBuilder b) {
        this.clock = b.clock;
        this.scheduler = b.scheduler;
        this.ownedScheduler = b.ownedScheduler;
        this.configStore = new ConfigStore(b.config);
        this.config = configStore.current().config();
        this.feed = new DecisionFeed(b.decisionRingCapacity);
        this.externalPressure = new ExternalPressure(clock);
        this.internalPressure = b.pressureSource;
        this.spawnThresholdSource = b.spawnThresholdSource;
        this.heuristic = b.heuristic;
        this.learned = b.learned;
        this.learner = b.learned instanceof LearningPolicy lp ? lp : null;
        this.batchHandlers = Map.copyOf(b.batchHandlers);
        this.intervalListeners = List.copyOf(b.intervalListeners);
        this.extensions = new LinkedHashMap<>(b.extensions);
        this.closeHooks = List.copyOf(b.closeHooks);
        this.carriers = b.carriers;
        this.publishDecisions = b.publishDecisions;
        this.execution = b.execution != null ? b.execution.apply(this) : new LiveExecution(b.threadPrefix);
        this.lane = b.laneFactory.create(config.cpuParallelism(), config.cpuQueueCap(), clock, b.threadPrefix + "-cpu");
        this.batches = new BatchBuffers(clock, scheduler, this::dispatchBatch);
        this.policy = choosePolicy(config);
        this.startNanos = clock.nanoTime();
        this.lastCloseNanos = startNanos;
        this.latest = closeIntervalNow();
        configStore.addListener(this::onConfigApplied);
        scheduleSampler(config.metricsIntervalMs());
    }

    /** A builder with the defaults: system clock, the SPEC's default config, heuristic policy. */
    public static RouterBuilder builder() {
        return new RouterBuilder();
    }

    // ---------------------------------------------------------------- submission

    /** Submits a job of a built-in kind ({@code HashMix}, {@code PrimeCount}, {@code MonteCarloRisk}). */
    public JobHandle<Output> submit(Job job) {
        if (!Kernels.isBuiltin(job.kind())) {
            throw new IllegalArgumentException("kind '" + job.kind() + "' is not built in: submit it with its Work");
        }
        return submit(job, () -> Kernels.run(job));
    }

    /**
     * Submits {@code job} with the work it runs. Never blocks, except that a job routed
     * {@code inline} runs here, on the caller's thread, before this returns.
     */
    public <T> JobHandle<T> submit(Job job, Work<T> work) {
        java.util.Objects.requireNonNull(job, "job");
        java.util.Objects.requireNonNull(work, "work");
        long now = clock.nanoTime();
        KindRecorder kind = metrics.kind(job.kind());
        long intended = job.intendedStartNanos() == Job.AT_SUBMIT ? now : job.intendedStartNanos();
        JobHandle<T> h = new JobHandle<>(this, job, work, kind, intended);
        metrics.submitted(kind);
        RouterConfig cfg = config;
        Rule rule;
        DecidedBy by;
        if (state.get() != RUNNING) {
            rule = Rule.SHUTDOWN;
            by = DecidedBy.GATE;
        } else {
            rule = Gate.preGate(job, load, cfg);
            if (rule != null) {
                by = DecidedBy.GATE;
            } else {
                RoutingPolicy p = policy;
                rule = p.choose(job, load, cfg);
                by = p != learned ? DecidedBy.HEURISTIC
                        : rule.isExploration() ? DecidedBy.EXPLORATION : DecidedBy.LEARNED;
            }
            Rule gated = Gate.postGate(rule, job, load, cfg);
            if (gated != rule) {
                rule = gated;
                by = DecidedBy.GATE;
            }
            if (learner != null && (by == DecidedBy.LEARNED || by == DecidedBy.EXPLORATION)) {
                int parallelism = Math.max(1, lane.parallelism());
                h.learnedContext = new JobHandle.LearnedContext(by == DecidedBy.EXPLORATION, load.pressure(),
                        Math.min(1.0, (double) lane.busy() / parallelism),
                        Math.min(1.0, (double) lane.depth() / Math.max(1, lane.capacity())),
                        Gate.remainingBudgetNanos(job, load));
            }
        }
        if (publishDecisions) {
            publishDecision(job, rule, by, cfg, now);
        }
        Strategy s = rule.strategy();
        h.strategy = s;
        metrics.routed(s);
        switch (s) {
            case INLINE -> runInline(h);
            case SPAWN -> spawn(h);
            case CPU_POOL -> enqueue(h);
            case BATCH -> batch(h, cfg);
            case DROP -> drop(h, rule.dropReasonOrNull());
        }
        return h;
    }

    private void publishDecision(Job job, Rule rule, DecidedBy by, RouterConfig cfg, long now) {
        long poolEstimate = -1;
        long batchEstimate = -1;
        long budgetLeft = Gate.remainingBudgetNanos(job, load);
        if (cfg.backpressureGate() == dev.helixrouter.engine.config.GateMode.DEADLINE) {
            switch (rule) {
                case CPU_DEFAULT -> poolEstimate = Gate.estimatedCompletionNanos(job, load, Strategy.CPU_POOL);
                case BATCH_SCALABLE -> batchEstimate = Gate.estimatedCompletionNanos(job, load, Strategy.BATCH);
                case DEADLINE_SPAWN_DROP -> poolEstimate = Gate.estimatedCompletionNanos(job, load, Strategy.SPAWN);
                case DEADLINE_INLINE_DROP -> poolEstimate = Gate.estimatedCompletionNanos(job, load, Strategy.INLINE);
                case DEADLINE_BATCH_TO_POOL, DEADLINE_DROP -> {
                    poolEstimate = Gate.estimatedCompletionNanos(job, load, Strategy.CPU_POOL);
                    if (job.scalingPotential() >= dev.helixrouter.engine.policy.HeuristicPolicy.BATCH_SCALING) {
                        batchEstimate = Gate.estimatedCompletionNanos(job, load, Strategy.BATCH);
                    }
                }
                default -> { }
            }
        }
        long seq = feed.claim();
        DecisionEvent e = new DecisionEvent(seq, now, job.id(), job.kind().name(), job.computeCost(),
                job.scalingPotential(), job.latencyBudgetMs(), job.blocking(), rule.strategy(), rule, by,
                lane.busy(), lane.depth(), lane.parallelism(), load.pressureAt(now), cfg.inlineThreshold(),
                load.spawnThreshold(), cfg.busyThreshold(), cfg.pressureShedThreshold(), cfg.backpressureGate(),
                poolEstimate, batchEstimate, budgetLeft);
        feed.publish(e);
        if (ROUTE_LOG.isDebugEnabled()) {
            ROUTE_LOG.debug(e.logLine());
        }
    }

    // ---------------------------------------------------------------- strategies

    private <T> void runInline(JobHandle<T> h) {
        h.transition(JobHandle.ROUTING, JobHandle.RUNNING);
        execution.inline(new Run<>(h, Strategy.INLINE));
    }

    private <T> void spawn(JobHandle<T> h) {
        int max = config.spawnMaxInFlight();
        int n;
        do {
            n = spawned.get();
            if (n >= max) {
                drop(h, DropReason.SPAWN_FULL);
                return;
            }
        } while (!spawned.compareAndSet(n, n + 1));
        if (!h.job().blocking()) {
            int ahead = spawnedCpu.incrementAndGet() - carriers;
            if (ahead > 0) {
                h.aheadWhenQueued = ahead;
                h.queuedAt = clock.nanoTime();
            }
        }
        live.add(h);
        if (state.get() != RUNNING) {
            releaseSpawn(h.job());
            drop(h, DropReason.SHUTDOWN);
            return;
        }
        h.transition(JobHandle.ROUTING, JobHandle.RUNNING);
        boolean started;
        try {
            started = execution.spawn(new Run<>(h, Strategy.SPAWN));
        } catch (RuntimeException | OutOfMemoryError e) {
            releaseSpawn(h.job());
            fail(h, Strategy.SPAWN, "error", e);
            return;
        }
        if (!started) {
            releaseSpawn(h.job());
            fail(h, Strategy.SPAWN, "error", new IllegalStateException("the spawned job could not be started"));
        }
    }

    /** One sample into an EMA (racy on purpose: a lost update only delays it by a sample). */
    private static double ema(double prev, double sample) {
        return Double.isNaN(prev) ? sample : prev + DELAY_EMA_RATE * (sample - prev);
    }

    private void releaseSpawn(Job job) {
        if (!job.blocking()) {
            spawnedCpu.decrementAndGet();
        }
        spawned.decrementAndGet();
    }

    private <T> void enqueue(JobHandle<T> h) {
        PoolTask<T> task = new PoolTask<>(h);
        h.container = task;
        h.transition(JobHandle.ROUTING, JobHandle.QUEUED);
        live.add(h);
        long ahead = (long) lane.depth() + lane.busy() - lane.parallelism() + 1;
        if (ahead > 0) {
            h.aheadWhenQueued = (int) Math.min(Integer.MAX_VALUE, ahead);
            h.queuedAt = clock.nanoTime();
        }
        if (!lane.offer(task)) {
            drop(h, state.get() == RUNNING ? DropReason.QUEUE_FULL : DropReason.SHUTDOWN);
        }
    }

    private void batch(JobHandle<?> h, RouterConfig cfg) {
        h.transition(JobHandle.ROUTING, JobHandle.QUEUED);
        live.add(h);
        if (!batches.add(h, cfg)) {
            drop(h, DropReason.SHUTDOWN);
        }
    }

    /** A batch buffer flushed: the batch becomes one task on the lane, or its jobs are dropped. */
    private void dispatchBatch(JobKind kind, List<JobHandle<?>> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        if (!lane.offer(new BatchTask(kind, jobs))) {
            DropReason reason = state.get() == RUNNING ? DropReason.QUEUE_FULL : DropReason.SHUTDOWN;
            for (JobHandle<?> h : jobs) {
                drop(h, reason);
            }
        }
    }

    /** Runs a job's work and ends its handle; never throws (except VM errors, after ending it). */
    private <T> void runWork(JobHandle<T> h, Strategy s, long start) {
        T value;
        try {
            value = h.work.run();
        } catch (Throwable t) {
            fail(h, s, "error", t);
            if (t instanceof VirtualMachineError vme) {
                throw vme;
            }
            return;
        }
        complete(h, s, value, start, clock.nanoTime());
    }

    /**
     * One job's execution: begun when a thread picks it up, finished when its work is done. The
     * live engine does both at once on one thread; the virtual-time mode spreads them over
     * modelled time. Spawned runs give their {@code spawn_max_in_flight} slot back when finished.
     */
    private final class Run<T> implements JobRun {
        final JobHandle<T> h;
        final Strategy strategy;

        Run(JobHandle<T> h, Strategy strategy) {
            this.h = h;
            this.strategy = strategy;
        }

        @Override
        public Job job() {
            return h.job();
        }

        @Override
        public Strategy strategy() {
            return strategy;
        }

        @Override
        public boolean begin() {
            if (strategy == Strategy.INLINE || strategy == Strategy.SPAWN) {
                return true; // already RUNNING: never queued, so never cancelled
            }
            return h.transition(JobHandle.QUEUED, JobHandle.RUNNING);
        }

        @Override
        public void finish(long startNanos) {
            if (h.aheadWhenQueued > 0 && (strategy == Strategy.CPU_POOL || strategy == Strategy.SPAWN)) {
                double perAhead = (double) Math.max(0, startNanos - h.queuedAt) / h.aheadWhenQueued;
                if (strategy == Strategy.CPU_POOL) {
                    laneDelayPerAhead = ema(laneDelayPerAhead, perAhead);
                } else {
                    spawnDelayPerAhead = ema(spawnDelayPerAhead, perAhead);
                }
            }
            try {
                runWork(h, strategy, startNanos);
            } finally {
                if (strategy == Strategy.SPAWN) {
                    releaseSpawn(h.job());
                }
            }
        }

        /** Live: begin and finish now, on the current thread (remembered for shutdown). */
        void runNow() {
            if (begin()) {
                h.runner = Thread.currentThread();
                finish(clock.nanoTime());
            }
        }
    }

    /** Live inline and spawn: the caller's thread, and one virtual thread per spawned job. */
    private final class LiveExecution implements JobExecution {
        private final ThreadFactory spawnFactory;

        LiveExecution(String threadPrefix) {
            this.spawnFactory = Thread.ofVirtual().name(threadPrefix + "-spawn-", 1).factory();
        }

        @Override
        public void inline(JobRun run) {
            ((Run<?>) run).runNow();
        }

        @Override
        public boolean spawn(JobRun run) {
            Run<?> r = (Run<?>) run;
            Thread t = spawnFactory.newThread(r::runNow);
            r.h.runner = t;
            t.start();
            return true;
        }
    }

    /** One job on the CPU lane. */
    private final class PoolTask<T> extends LaneTask {
        private final Run<T> run;

        PoolTask(JobHandle<T> h) {
            this.run = new Run<>(h, Strategy.CPU_POOL);
        }

        @Override
        public void execute() {
            run.runNow(); // skipped if cancelled or shut down while queued
        }

        @Override
        public void discard() {
            drop(run.h, DropReason.SHUTDOWN);
        }

        @Override
        public long budgetNanos() {
            return run.h.job().latencyBudgetNanos();
        }

        @Override
        public List<? extends JobRun> runs() {
            return List.of(run);
        }
    }

    /** A flushed batch: one lane task that runs its jobs and fans results back to each handle. */
    private final class BatchTask extends LaneTask {
        private final JobKind kind;
        private final List<Run<?>> runs;
        private final BatchHandler<?> handler;
        private List<Run<?>> begun = List.of();

        BatchTask(JobKind kind, List<JobHandle<?>> jobs) {
            this.kind = kind;
            this.runs = new ArrayList<>(jobs.size());
            for (JobHandle<?> h : jobs) {
                runs.add(new Run<>(h, Strategy.BATCH));
            }
            this.handler = batchHandlers.get(kind);
        }

        @Override
        public long budgetNanos() {
            long max = 0;
            for (Run<?> r : runs) {
                max = Math.max(max, r.h.job().latencyBudgetNanos());
            }
            return max;
        }

        @Override
        public void execute() {
            if (handler == null) {
                for (int i = 0; i < runs.size(); i++) {
                    try {
                        runs.get(i).runNow();
                    } catch (VirtualMachineError e) {
                        // That job has ended (failed); the rest of the batch will not run on this
                        // worker, so end them too rather than leave them queued for ever.
                        for (Run<?> rest : runs.subList(i + 1, runs.size())) {
                            fail(rest.h, Strategy.BATCH, "error", e);
                        }
                        throw e;
                    }
                }
                return;
            }
            beginAll();
            for (Run<?> r : begun) {
                r.h.runner = Thread.currentThread();
            }
            finishAll(clock.nanoTime());
        }

        @Override
        public void discard() {
            for (Run<?> r : runs) {
                drop(r.h, DropReason.SHUTDOWN);
            }
        }

        @Override
        public List<? extends JobRun> runs() {
            return runs;
        }

        @Override
        public boolean runsAsOne() {
            return handler != null;
        }

        @Override
        public List<? extends JobRun> beginAll() {
            List<Run<?>> b = new ArrayList<>(runs.size());
            for (Run<?> r : runs) {
                if (r.begin()) {
                    b.add(r);
                }
            }
            begun = b;
            return b;
        }

        @Override
        public void finishAll(long start) {
            List<Run<?>> running = begun;
            if (running.isEmpty()) {
                return;
            }
            List<Job> input = new ArrayList<>(running.size());
            for (Run<?> r : running) {
                input.add(r.h.job());
            }
            List<?> results;
            try {
                results = handler.runBatch(List.copyOf(input));
                if (results == null || results.size() != running.size()) {
                    throw new IllegalStateException("batch handler for kind '" + kind + "' returned "
                            + (results == null ? "null" : results.size() + " results") + " for " + running.size()
                            + " jobs");
                }
            } catch (Throwable t) {
                for (Run<?> r : running) {
                    fail(r.h, Strategy.BATCH, "batch_handler", t);
                }
                if (t instanceof VirtualMachineError vme) {
                    throw vme;
                }
                return;
            }
            long end = clock.nanoTime();
            for (int i = 0; i < running.size(); i++) {
                completeUnchecked(running.get(i).h, results.get(i), start, end);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void completeUnchecked(JobHandle<T> h, Object value, long start, long end) {
        // The handler was registered for this kind; its output type is the submitters' contract.
        complete(h, Strategy.BATCH, (T) value, start, end);
    }

    // ---------------------------------------------------------------- ending handles

    private <T> void complete(JobHandle<T> h, Strategy s, T value, long start, long end) {
        if (!h.claimEnd()) {
            return;
        }
        live.remove(h);
        long latency = Math.max(0, end - h.intendedStart);
        long queue = Math.max(0, start - h.intendedStart);
        long service = Math.max(0, end - start);
        boolean met = latency <= h.job().latencyBudgetNanos();
        serviceEstimator.record(h.job(), service);
        if (s == Strategy.SPAWN && !h.job().blocking()) {
            double prev = spawnMeanNanos;
            spawnMeanNanos = Double.isNaN(prev) ? service : prev + 0.1 * (service - prev); // racy on purpose
        }
        metrics.completed(s, h.kind, latency, s == Strategy.INLINE || s == Strategy.SPAWN ? 0 : queue, service, met);
        h.finish(new Outcome.Completed<>(h.jobId(), s, value, latency,
                s == Strategy.INLINE || s == Strategy.SPAWN ? 0 : queue, service, met));
        teach(h, s, Feedback.Ended.COMPLETED, null, latency, service, met);
    }

    /** Hands a learned job's outcome to the learning policy; its failure never reaches the job. */
    private void teach(JobHandle<?> h, Strategy s, Feedback.Ended ended, DropReason reason, long latency,
                       long service, boolean met) {
        JobHandle.LearnedContext c = h.learnedContext;
        if (c == null || learner == null) {
            return;
        }
        try {
            learner.learn(new Feedback(h.job(), s, c.explored(), c.pressure(), c.saturation(), c.queueFill(),
                    c.budgetLeftNanos(), ended, reason, latency, service, met, load.pressureAt(clock.nanoTime())));
        } catch (RuntimeException e) {
            LOG.warn("the learning policy failed on job {}: {}", h.jobId(), e.toString());
        }
    }

    private void drop(JobHandle<?> h, DropReason reason) {
        if (h.claimEnd()) {
            dropClaimed(h, reason);
        }
    }

    private <T> void dropClaimed(JobHandle<T> h, DropReason reason) {
        live.remove(h);
        metrics.dropped(reason, h.kind);
        h.finish(new Outcome.Dropped<>(h.jobId(), reason));
        if (reason != DropReason.CANCELLED) {
            teach(h, h.strategy, Feedback.Ended.DROPPED, reason, 0, 0, false);
        }
    }

    private <T> void fail(JobHandle<T> h, Strategy s, String reason, Throwable cause) {
        if (!h.claimEnd()) {
            return;
        }
        live.remove(h);
        metrics.failed(s, h.kind);
        h.finish(new Outcome.Failed<>(h.jobId(), s, reason, cause));
        teach(h, s, Feedback.Ended.FAILED, null, 0, 0, false);
    }

    /** Called by {@link JobHandle#cancel()} after it claimed the end of a QUEUED job. */
    void cancelled(JobHandle<?> h) {
        Object c = h.container;
        if (c instanceof LaneTask task) {
            lane.remove(task);
        } else if (c != null) {
            batches.remove(h);
        }
        dropClaimed(h, DropReason.CANCELLED);
    }

    // ---------------------------------------------------------------- configuration

    /** The versioned configuration: read it, patch it, replace it; every key applies live. */
    public ConfigStore config() {
        return configStore;
    }

    /** The configuration in force and its version. */
    public AppliedConfig currentConfig() {
        return configStore.current();
    }

    private void onConfigApplied(ConfigUpdate.Applied update) {
        RouterConfig next = update.current().config();
        RouterConfig prev = update.previous().config();
        config = next;
        if (next.cpuParallelism() != prev.cpuParallelism()) {
            lane.resize(next.cpuParallelism());
        }
        if (next.cpuQueueCap() != prev.cpuQueueCap()) {
            lane.setCapacity(next.cpuQueueCap());
        }
        if (next.routingPolicy() != prev.routingPolicy()) {
            policy = choosePolicy(next);
        }
        if (next.metricsIntervalMs() != prev.metricsIntervalMs()) {
            scheduleSampler(next.metricsIntervalMs());
        }
        LOG.info("config v{} applied", update.current().version());
    }

    private RoutingPolicy choosePolicy(RouterConfig cfg) {
        if (cfg.routingPolicy() == PolicyKind.LEARNED) {
            if (learned != null) {
                return learned;
            }
            LOG.warn("routing_policy=learned but no learned policy is installed; using the heuristic");
        }
        return heuristic;
    }

    // ---------------------------------------------------------------- pressure

    /**
     * Reports pressure from an upstream system, in [0, 1], valid for {@code ttl}. Effective
     * pressure is the larger of this and the internal score; at or above
     * {@code pressure_shed_threshold} jobs bound for the lane or a batch are shed.
     */
    public void reportExternalPressure(double pressure, Duration ttl) {
        externalPressure.report(pressure, ttl.toNanos());
    }

    /** Pressure now. */
    public PressureReading pressure() {
        long now = clock.nanoTime();
        double internal = clampUnit(internalPressure.internalPressure(now));
        double external = externalPressure.read(now);
        return new PressureReading(internal, external, Math.max(internal, external));
    }

    private static double clampUnit(double v) {
        return v >= 0 ? Math.min(1.0, v) : 0.0; // NaN -> 0
    }

    // ---------------------------------------------------------------- observation

    /** The latest published snapshot (a read of one reference: free). */
    public RouterSnapshot snapshot() {
        return latest;
    }

    /** Since-start latency distributions as buckets, as of the latest snapshot (for Prometheus). */
    public dev.helixrouter.engine.metrics.LatencyHistograms latencyHistograms() {
        return metrics.histograms();
    }

    /** The stream of routing decisions. */
    public DecisionFeed decisions() {
        return feed;
    }

    /** The live load as policies see it. */
    public LoadView load() {
        return load;
    }

    /** The CPU lane (package-private: tests inspect its workers). */
    Lane lane() {
        return lane;
    }

    /** The router's clock. */
    public Clock clock() {
        return clock;
    }

    /** Jobs not yet ended, read live (the snapshot's value is as of the last interval). */
    public long inFlight() {
        return metrics.inFlight();
    }

    /** Closes the current interval now and publishes its snapshot (tests, reports, the simulation). */
    public RouterSnapshot sampleNow() {
        return closeIntervalNow();
    }

    private void scheduleSampler(long intervalMs) {
        synchronized (samplerLock) {
            if (sampler != null) {
                sampler.cancel();
            }
            samplerPeriodNanos = intervalMs * 1_000_000L;
            if (state.get() == CLOSED) {
                return;
            }
            sampler = scheduler.scheduleAtFixedRate(this::closeIntervalNow, samplerPeriodNanos, samplerPeriodNanos);
        }
    }

    private RouterSnapshot closeIntervalNow() {
        synchronized (samplerLock) {
            long now = clock.nanoTime();
            RouterConfig cfg = config;
            Map<String, Object> ext = new LinkedHashMap<>();
            extensions.forEach((name, supplier) -> ext.put(name, supplier.get()));
            RouterMetrics.Gauges g = new RouterMetrics.Gauges(configStore.current().version(), lane.depth(),
                    lane.capacity(), lane.busy(), lane.parallelism(), lane.checkStuck(), spawned.get(), batches.depths(), pressure(),
                    spawnThresholdSource.spawnThreshold(cfg), feed.published(), ext);
            RouterSnapshot s = metrics.closeInterval(snapshotSequence++, now, now - startNanos, now - lastCloseNanos,
                    cfg.emaAlpha(), g);
            lastCloseNanos = now;
            latest = s;
            for (Consumer<RouterSnapshot> l : intervalListeners) {
                try {
                    l.accept(s);
                } catch (RuntimeException e) {
                    LOG.error("interval listener failed", e);
                }
            }
            return s;
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return state.get() != RUNNING;
    }

    /**
     * Shuts down: refuses new work (dropped: shutdown), drops queued and buffered jobs (shutdown),
     * gives running work {@code shutdown_grace_ms} to finish, then ends what is left as failed
     * {@code shutdown_timeout}, interrupts its threads and stops the router's own threads.
     * Idempotent. Inline work running on a caller's thread is the caller's; it is not waited for.
     */
    @Override
    public void close() {
        if (!state.compareAndSet(RUNNING, CLOSING)) {
            return;
        }
        long graceNanos = config.shutdownGraceMs() * 1_000_000L;
        for (JobHandle<?> h : batches.close()) {
            drop(h, DropReason.SHUTDOWN);
        }
        for (LaneTask t : lane.shutdown()) {
            t.discard();
        }
        long deadline = System.nanoTime() + graceNanos;
        try {
            lane.awaitIdle(graceNanos);
            // Spawned jobs: wait out the rest of the grace (bounded polling, shutdown only).
            while (!live.isEmpty() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(Math.min(1_000_000L, deadline - System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (JobHandle<?> h : List.copyOf(live)) {
            Thread t = h.runner;
            fail(h, h.strategy(), "shutdown_timeout",
                    new TimeoutException("still running after shutdown_grace_ms=" + config.shutdownGraceMs()));
            if (t != null) {
                t.interrupt();
            }
        }
        lane.terminate();
        synchronized (samplerLock) {
            if (sampler != null) {
                sampler.cancel();
            }
        }
        state.set(CLOSED);
        closeIntervalNow();
        for (Runnable hook : closeHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.error("close hook failed", e);
            }
        }
        if (ownedScheduler != null) {
            try {
                ownedScheduler.close();
            } catch (Exception e) {
                LOG.warn("scheduler did not close cleanly", e);
            }
        }
    }

    // ---------------------------------------------------------------- live load

    /** The router's live load, read by policies and the gate. */
    private final class Load implements LoadView {
        @Override
        public long nowNanos() {
            return clock.nanoTime();
        }

        @Override
        public int cpuBusy() {
            return lane.busy();
        }

        @Override
        public int queueDepth() {
            return lane.depth();
        }

        @Override
        public int queueCapacity() {
            return lane.capacity();
        }

        @Override
        public int parallelism() {
            return lane.parallelism();
        }

        @Override
        public int spawnedInFlight() {
            return spawned.get();
        }

        @Override
        public double pressure() {
            return pressureAt(clock.nanoTime());
        }

        double pressureAt(long now) {
            return Math.max(clampUnit(internalPressure.internalPressure(now)), externalPressure.read(now));
        }

        @Override
        public long spawnThreshold() {
            return spawnThresholdSource.spawnThreshold(config);
        }

        @Override
        public long estimatedLaneWaitNanos() {
            int p = lane.parallelism();
            long ahead = (long) lane.depth() + lane.busy() - p + 1;
            if (ahead <= 0) {
                return 0;
            }
            double observed = laneDelayPerAhead;
            return Double.isNaN(observed) ? ahead * lane.meanTaskNanos() / p : (long) (ahead * observed);
        }

        @Override
        public long estimatedSpawnWaitNanos() {
            long ahead = (long) spawnedCpu.get() - carriers + 1;
            double mean = spawnMeanNanos;
            if (ahead <= 0 || Double.isNaN(mean)) {
                return 0;
            }
            double observed = spawnDelayPerAhead;
            return (long) (ahead * (Double.isNaN(observed) ? mean / carriers : observed));
        }

        @Override
        public long estimatedServiceNanos(Job job) {
            return serviceEstimator.estimate(job);
        }

        @Override
        public long estimatedBatchFlushNanos(Job job) {
            return batches.flushEstimateNanos(job.kind(), config);
        }

        @Override
        public int batchDepth(Job job) {
            return batches.depth(job.kind());
        }
    }
}
