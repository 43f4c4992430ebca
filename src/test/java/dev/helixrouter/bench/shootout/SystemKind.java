package dev.helixrouter.bench.shootout;

import dev.helixrouter.bench.shootout.systems.CallerInline;
import dev.helixrouter.bench.shootout.systems.ExecutorSystem;
import dev.helixrouter.bench.shootout.systems.HelixSystem;
import dev.helixrouter.bench.shootout.systems.NetflixLimited;
import dev.helixrouter.bench.shootout.systems.Resilience4jBulkhead;
import dev.helixrouter.bench.shootout.systems.StaticRouter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The systems of the shootout, numbered as in BENCHMARKS.md (system 3 has two rows), each built
 * with the same core budget: as many workers or carriers as cores, and where a system has a
 * bounded queue, the same bound ({@value #QUEUE_BOUND}, HelixRouter's default {@code cpu_queue_cap}).
 */
public enum SystemKind {
    INLINE(1, "inline", "everything inline on the caller threads"),
    VIRTUAL_THREADS(2, "virtual-threads", "Executors.newVirtualThreadPerTaskExecutor()"),
    POOL_UNBOUNDED(3, "fixed-pool", "Executors.newFixedThreadPool(cores), unbounded queue"),
    POOL_BOUNDED(3, "fixed-pool-bounded", "ThreadPoolExecutor(cores), queue 512, rejection = drop"),
    FORK_JOIN(4, "fork-join", "new ForkJoinPool(cores)"),
    NETFLIX(5, "netflix-gradient2", "concurrency-limits SimpleLimiter(Gradient2Limit, defaults) before a fixed pool; rejection = drop"),
    RESILIENCE4J(6, "resilience4j-bulkhead", "Resilience4j ThreadPoolBulkhead, cores threads, queue 512; full = drop"),
    STATIC_ROUTER(7, "static-router", "hand-written by class: tiny inline, waiting on virtual threads, medium and heavy on a bounded pool, batchable batched (8 / 10 ms)"),
    HELIX_HEURISTIC(8, "helix-heuristic-busy", "HelixRouter defaults, heuristic policy, backpressure_gate = busy, no adaptive layer"),
    HELIX_ADAPTIVE(9, "helix-adaptive", "HelixRouter defaults + AdaptiveLayer.install, routing_policy = learned, autoscaler_mode = apply");

    /** The queue bound of every bounded system. */
    public static final int QUEUE_BOUND = 512;

    private final int number;
    private final String label;
    private final String description;

    SystemKind(int number, String label, String description) {
        this.number = number;
        this.label = label;
        this.description = description;
    }

    /** The system's number in BENCHMARKS.md (1–9). */
    public int number() {
        return number;
    }

    /** Name in tables and on the command line. */
    public String label() {
        return label;
    }

    /** How it is built. */
    public String description() {
        return description;
    }

    /** Whether this is one of the library systems 1–6 the adaptive router must beat by 1.3×. */
    public boolean isLibrary() {
        return number <= 6;
    }

    /** Builds a fresh instance for a machine of {@code cores} cores. */
    public SystemUnderTest create(int cores, Spin spin) {
        return switch (this) {
            case INLINE -> new CallerInline();
            case VIRTUAL_THREADS -> ExecutorSystem.virtualThreads();
            case POOL_UNBOUNDED -> ExecutorSystem.fixedUnbounded(cores);
            case POOL_BOUNDED -> ExecutorSystem.fixedBounded(cores, QUEUE_BOUND);
            case FORK_JOIN -> ExecutorSystem.forkJoin(cores);
            case NETFLIX -> new NetflixLimited(cores);
            case RESILIENCE4J -> new Resilience4jBulkhead(cores, QUEUE_BOUND);
            case STATIC_ROUTER -> new StaticRouter(cores, QUEUE_BOUND, spin);
            case HELIX_HEURISTIC -> HelixSystem.heuristicBusyGate(cores, spin);
            case HELIX_ADAPTIVE -> HelixSystem.adaptive(cores, spin);
        };
    }

    /** The kind labelled {@code label}; the message lists the labels. */
    public static SystemKind ofLabel(String label) {
        for (SystemKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown system '" + label + "'; systems: " + labels());
    }

    /** Every label, comma-separated. */
    public static String labels() {
        return Arrays.stream(values()).map(SystemKind::label).collect(Collectors.joining(", "));
    }

    /** All systems, in table order. */
    public static List<SystemKind> all() {
        return List.of(values());
    }
}
