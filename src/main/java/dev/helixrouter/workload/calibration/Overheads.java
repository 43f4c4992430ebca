package dev.helixrouter.workload.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helixrouter.engine.Strategy;
import java.util.List;

/**
 * What running a job through the live router costs on this machine besides the job's own work,
 * in CPU nanoseconds per job: on the caller (pacing to the intended time, routing, bookkeeping)
 * and on the thread that executes it (a virtual thread's start and hand-back, the CPU lane's
 * queue hand-off and worker wake-up, a batch's share of its flush).
 *
 * <p>With the built-in kernels (about 50 µs a job) these costs are of the same order as the work,
 * so the capacity λ* and the virtual-time model both include them.
 *
 * @param callerNanos   per job, on the caller that submits it
 * @param inlineNanos   per inline job, on the caller, besides {@code callerNanos}
 * @param spawnNanos    per spawned job, on its carrier
 * @param cpuPoolNanos  per CPU-lane job, on its worker
 * @param batchNanos    per batched job, on the lane worker running its batch
 */
public record Overheads(double callerNanos, double inlineNanos, double spawnNanos, double cpuPoolNanos,
                        double batchNanos) {
    /** No overhead: the model charges only the kernels. */
    public static final Overheads NONE = new Overheads(0, 0, 0, 0, 0);

    /** JSON key of {@link #callerNanos()}. */
    public static final String CALLER = "caller_ns";
    /** JSON key of {@link #inlineNanos()}. */
    public static final String INLINE = "inline_ns";
    /** JSON key of {@link #spawnNanos()}. */
    public static final String SPAWN = "spawn_ns";
    /** JSON key of {@link #cpuPoolNanos()}. */
    public static final String CPU_POOL = "cpu_pool_ns";
    /** JSON key of {@link #batchNanos()}. */
    public static final String BATCH = "batch_ns";
    /** Every JSON key, in the order {@link #toJsonTree()} writes them (and the components' order). */
    public static final List<String> JSON_KEYS = List.of(CALLER, INLINE, SPAWN, CPU_POOL, BATCH);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Validates: every value finite and {@code >= 0}. */
    public Overheads {
        for (double v : new double[] {callerNanos, inlineNanos, spawnNanos, cpuPoolNanos, batchNanos}) {
            if (!(v >= 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException("overheads must be finite and >= 0, got " + v);
            }
        }
    }

    /** The executing thread's overhead for a job run with {@code s} (0 for drop). */
    public double executorNanos(Strategy s) {
        return switch (s) {
            case INLINE -> inlineNanos;
            case SPAWN -> spawnNanos;
            case CPU_POOL -> cpuPoolNanos;
            case BATCH -> batchNanos;
            case DROP -> 0;
        };
    }

    /** As JSON. */
    public ObjectNode toJsonTree() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put(CALLER, callerNanos);
        n.put(INLINE, inlineNanos);
        n.put(SPAWN, spawnNanos);
        n.put(CPU_POOL, cpuPoolNanos);
        n.put(BATCH, batchNanos);
        return n;
    }

    /** From {@link #toJsonTree()}'s shape; throws with the key at fault. */
    public static Overheads fromJsonTree(JsonNode n) {
        return new Overheads(num(n, CALLER), num(n, INLINE), num(n, SPAWN), num(n, CPU_POOL), num(n, BATCH));
    }

    private static double num(JsonNode n, String key) {
        JsonNode v = n == null ? null : n.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("overheads." + key + ": must be a number");
        }
        return v.asDouble();
    }
}
