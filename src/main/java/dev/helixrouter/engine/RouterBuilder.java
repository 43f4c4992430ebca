package dev.helixrouter.engine;

import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.lane.Lane;
import dev.helixrouter.engine.lane.ThreadLane;
import dev.helixrouter.engine.metrics.RouterSnapshot;
import dev.helixrouter.engine.policy.HeuristicPolicy;
import dev.helixrouter.engine.policy.RoutingPolicy;
import dev.helixrouter.engine.time.Clock;
import dev.helixrouter.engine.time.Scheduler;
import dev.helixrouter.engine.time.ThreadScheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Configures and builds a {@link HelixRouter}. The config is validated at {@link #build()}, which
 * throws a {@link dev.helixrouter.engine.config.ConfigException} naming every broken rule.
 */
public final class RouterBuilder {
    /** Makes the CPU lane; the virtual-time mode supplies a modelled one. */
    @FunctionalInterface
    public interface LaneFactory {
        /** A lane of {@code parallelism} workers bounded at {@code capacity}. */
        Lane create(int parallelism, int capacity, Clock clock, String threadPrefix);
    }

    RouterConfig config = RouterConfig.defaults();
    Clock clock = Clock.system();
    Scheduler scheduler;
    AutoCloseable ownedScheduler;
    RoutingPolicy heuristic = HeuristicPolicy.INSTANCE;
    RoutingPolicy learned;
    PressureSource pressureSource = now -> 0.0;
    SpawnThresholdSource spawnThresholdSource = SpawnThresholdSource.CONFIGURED;
    final Map<JobKind, BatchHandler<?>> batchHandlers = new HashMap<>();
    final List<Consumer<RouterSnapshot>> intervalListeners = new ArrayList<>();
    final Map<String, Supplier<Object>> extensions = new LinkedHashMap<>();
    final List<Runnable> closeHooks = new ArrayList<>();
    LaneFactory laneFactory = ThreadLane::new;
    java.util.function.Function<HelixRouter, JobExecution> execution;
    int decisionRingCapacity = 4096;
    boolean publishDecisions = true;
    int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
            Runtime.getRuntime().availableProcessors());
    String threadPrefix = "helix";

    RouterBuilder() {}

    /** The initial configuration (default: {@link RouterConfig#defaults()}). */
    public RouterBuilder config(RouterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    /** The clock (default: {@link System#nanoTime()}). */
    public RouterBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The scheduler for the sampler and batch timers (default: one owned platform thread). */
    public RouterBuilder scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /** Replaces the heuristic policy (e.g. to wrap it). */
    public RouterBuilder heuristicPolicy(RoutingPolicy policy) {
        this.heuristic = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Installs the policy used when {@code routing_policy = learned}. */
    public RouterBuilder learnedPolicy(RoutingPolicy policy) {
        this.learned = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** The source of internal pressure (default: none, 0). */
    public RouterBuilder pressureSource(PressureSource source) {
        this.pressureSource = Objects.requireNonNull(source, "source");
        return this;
    }

    /** The source of the spawn threshold in force (default: the configured one). */
    public RouterBuilder spawnThresholdSource(SpawnThresholdSource source) {
        this.spawnThresholdSource = Objects.requireNonNull(source, "source");
        return this;
    }

    /** Runs whole batches of {@code kind} with {@code handler} instead of job by job. */
    public <T> RouterBuilder batchHandler(JobKind kind, BatchHandler<T> handler) {
        batchHandlers.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Called on the sampler thread with each new snapshot; must be quick. */
    public RouterBuilder onInterval(Consumer<RouterSnapshot> listener) {
        intervalListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Adds {@code name -> state.get()} to every snapshot's extensions (learned policy, autoscaler, …). */
    public RouterBuilder extension(String name, Supplier<Object> state) {
        extensions.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(state, "state"));
        return this;
    }

    /**
     * Runs {@code hook} once at the end of {@link HelixRouter#close()}, after every job has
     * ended (e.g. to save a learned policy's weights). A failing hook is logged, not rethrown.
     */
    public RouterBuilder onClose(Runnable hook) {
        closeHooks.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** The CPU lane's implementation (default: {@link ThreadLane}). */
    public RouterBuilder laneFactory(LaneFactory factory) {
        this.laneFactory = Objects.requireNonNull(factory, "factory");
        return this;
    }

    /**
     * Where inline and spawned jobs execute (default: the caller's thread, and virtual threads).
     * The virtual-time mode installs a modelled machine; the function receives the router being
     * built.
     */
    public RouterBuilder execution(java.util.function.Function<HelixRouter, JobExecution> execution) {
        this.execution = Objects.requireNonNull(execution, "execution");
        return this;
    }

    /** Decision events kept for late readers (default 4096; rounded up to a power of two). */
    public RouterBuilder decisionRingCapacity(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("decision ring capacity must be >= 2, was " + capacity);
        }
        this.decisionRingCapacity = capacity;
        return this;
    }

    /**
     * Whether every routing decision is published to {@link HelixRouter#decisions()} (default
     * true). An embedder that never reads the feed may turn it off; the micro benchmarks measure
     * what publishing costs {@code submit}.
     */
    public RouterBuilder publishDecisions(boolean publish) {
        this.publishDecisions = publish;
        return this;
    }

    /**
     * Carrier threads of the virtual-thread scheduler, which the {@code deadline} gate uses to
     * estimate a spawned job's wait (default: the JDK's, {@code jdk.virtualThreadScheduler.parallelism}
     * or the number of processors; the virtual-time mode sets its modelled cores).
     */
    public RouterBuilder carriers(int carriers) {
        if (carriers < 1) {
            throw new IllegalArgumentException("carriers must be >= 1, was " + carriers);
        }
        this.carriers = carriers;
        return this;
    }

    /** Prefix of the router's thread names (default {@code helix}). */
    public RouterBuilder threadPrefix(String prefix) {
        this.threadPrefix = Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    /** Validates the config and starts the router. */
    public HelixRouter build() {
        config.validate();
        RouterBuilder b = this;
        if (scheduler == null) {
            ThreadScheduler s = new ThreadScheduler(threadPrefix + "-timer");
            b = copyWith(s);
        }
        return new HelixRouter(b);
    }

    private RouterBuilder copyWith(ThreadScheduler s) {
        RouterBuilder b = new RouterBuilder();
        b.config = config;
        b.clock = clock;
        b.scheduler = s;
        b.ownedScheduler = s;
        b.heuristic = heuristic;
        b.learned = learned;
        b.pressureSource = pressureSource;
        b.spawnThresholdSource = spawnThresholdSource;
        b.batchHandlers.putAll(batchHandlers);
        b.intervalListeners.addAll(intervalListeners);
        b.extensions.putAll(extensions);
        b.closeHooks.addAll(closeHooks);
        b.laneFactory = laneFactory;
        b.execution = execution;
        b.publishDecisions = publishDecisions;
        b.decisionRingCapacity = decisionRingCapacity;
        b.carriers = carriers;
        b.threadPrefix = threadPrefix;
        return b;
    }
}
