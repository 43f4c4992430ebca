package dev.helixrouter.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The router's tunable configuration (SPEC §5). Immutable; JSON keys are the snake_case names
 * of the original HelixRouter (see {@link ConfigKey} and {@link RouterConfigJson}).
 *
 * <p>A {@code RouterConfig} may hold invalid values; {@link #violations()} lists every broken
 * rule and {@link #validate()} throws with all of them. The router only ever applies a valid one.
 *
 * @param backpressureBusyThreshold explicit {@code backpressure_busy_threshold}; empty means
 *                                  "follow {@code cpu_parallelism}" (see {@link #busyThreshold()})
 */
public record RouterConfig(
        long inlineThreshold,
        long spawnThreshold,
        int cpuQueueCap,
        int cpuParallelism,
        GateMode backpressureGate,
        OptionalInt backpressureBusyThreshold,
        double pressureShedThreshold,
        int spawnMaxInFlight,
        int batchMaxSize,
        long batchMaxDelayMs,
        PolicyKind routingPolicy,
        double emaAlpha,
        double adaptiveStep,
        long cpuP95BudgetMs,
        double adaptiveP95ThresholdFactor,
        long shutdownGraceMs,
        long metricsIntervalMs) {

    /** Null-safety only; value rules live in {@link #violations()}. */
    public RouterConfig {
        java.util.Objects.requireNonNull(backpressureGate, "backpressure_gate");
        java.util.Objects.requireNonNull(backpressureBusyThreshold, "backpressure_busy_threshold");
        java.util.Objects.requireNonNull(routingPolicy, "routing_policy");
    }

    /** Number of processors of this machine: the default {@code cpu_parallelism}. */
    public static int machineCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The defaults of SPEC §5 on this machine. */
    public static RouterConfig defaults() {
        return defaults(machineCores());
    }

    /** The defaults of SPEC §5 for a machine of {@code cores} processors. */
    public static RouterConfig defaults(int cores) {
        return new RouterConfig(8000, 60000, Math.max(512, cores), cores, GateMode.DEADLINE,
                OptionalInt.empty(), 0.9, 10_000, 8, 10, PolicyKind.HEURISTIC,
                0.15, 0.10, 200, 1.5, 2000, 1000);
    }

    /** The effective busy threshold: the explicit one, or {@code cpu_parallelism}. */
    public int busyThreshold() {
        return backpressureBusyThreshold.orElse(cpuParallelism);
    }

    /** Every broken rule, each naming its key; empty when valid. */
    public List<ConfigViolation> violations() {
        List<ConfigViolation> v = new ArrayList<>();
        if (inlineThreshold < 1) {
            v.add(new ConfigViolation("inline_threshold", "must be >= 1, was " + inlineThreshold));
        }
        if (spawnThreshold < 1) {
            v.add(new ConfigViolation("spawn_threshold", "must be >= 1, was " + spawnThreshold));
        }
        if (inlineThreshold >= 1 && spawnThreshold >= 1 && inlineThreshold >= spawnThreshold) {
            v.add(new ConfigViolation("inline_threshold", "must be < spawn_threshold (" + spawnThreshold
                    + "), was " + inlineThreshold));
        }
        if (cpuParallelism < 1) {
            v.add(new ConfigViolation("cpu_parallelism", "must be >= 1, was " + cpuParallelism));
        } else if (cpuParallelism > 4096) {
            v.add(new ConfigViolation("cpu_parallelism", "must be <= 4096, was " + cpuParallelism));
        }
        if (cpuQueueCap < Math.max(1, cpuParallelism)) {
            v.add(new ConfigViolation("cpu_queue_cap", "must be >= cpu_parallelism (" + cpuParallelism
                    + "), was " + cpuQueueCap));
        }
        if (backpressureBusyThreshold.isPresent()) {
            int t = backpressureBusyThreshold.getAsInt();
            if (t < 1 || t > cpuParallelism) {
                v.add(new ConfigViolation("backpressure_busy_threshold",
                        "must be within 1.." + cpuParallelism + " (cpu_parallelism), was " + t));
            }
        }
        if (!(pressureShedThreshold > 0.0 && pressureShedThreshold <= 1.0)) {
            v.add(new ConfigViolation("pressure_shed_threshold", "must be within (0, 1], was " + pressureShedThreshold));
        }
        if (spawnMaxInFlight < 1) {
            v.add(new ConfigViolation("spawn_max_in_flight", "must be >= 1, was " + spawnMaxInFlight));
        }
        if (batchMaxSize < 1) {
            v.add(new ConfigViolation("batch_max_size", "must be >= 1, was " + batchMaxSize));
        }
        if (batchMaxDelayMs < 1) {
            v.add(new ConfigViolation("batch_max_delay_ms", "must be >= 1, was " + batchMaxDelayMs));
        }
        if (!(emaAlpha > 0.0 && emaAlpha <= 1.0)) {
            v.add(new ConfigViolation("ema_alpha", "must be within (0, 1], was " + emaAlpha));
        }
        if (!(adaptiveStep > 0.0 && adaptiveStep <= 1.0)) {
            v.add(new ConfigViolation("adaptive_step", "must be within (0, 1], was " + adaptiveStep));
        }
        if (cpuP95BudgetMs < 1) {
            v.add(new ConfigViolation("cpu_p95_budget_ms", "must be >= 1, was " + cpuP95BudgetMs));
        }
        if (!(adaptiveP95ThresholdFactor >= 1.0) || Double.isInfinite(adaptiveP95ThresholdFactor)) {
            v.add(new ConfigViolation("adaptive_p95_threshold_factor", "must be >= 1 and finite, was "
                    + adaptiveP95ThresholdFactor));
        }
        if (shutdownGraceMs < 0) {
            v.add(new ConfigViolation("shutdown_grace_ms", "must be >= 0, was " + shutdownGraceMs));
        }
        if (metricsIntervalMs < 10 || metricsIntervalMs > 60_000) {
            v.add(new ConfigViolation("metrics_interval_ms", "must be within 10..60000, was " + metricsIntervalMs));
        }
        return v;
    }

    /** Returns this config if valid; otherwise throws with every violation. */
    public RouterConfig validate() {
        List<ConfigViolation> v = violations();
        if (!v.isEmpty()) {
            throw new ConfigException(v);
        }
        return this;
    }

    /** A builder starting from this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds configs key by key; {@link #build()} does not validate (see {@link #validate()}). */
    public static final class Builder {
        private long inlineThreshold;
        private long spawnThreshold;
        private int cpuQueueCap;
        private int cpuParallelism;
        private GateMode backpressureGate;
        private OptionalInt backpressureBusyThreshold;
        private double pressureShedThreshold;
        private int spawnMaxInFlight;
        private int batchMaxSize;
        private long batchMaxDelayMs;
        private PolicyKind routingPolicy;
        private double emaAlpha;
        private double adaptiveStep;
        private long cpuP95BudgetMs;
        private double adaptiveP95ThresholdFactor;
        private long shutdownGraceMs;
        private long metricsIntervalMs;

        Builder(RouterConfig c) {
            inlineThreshold = c.inlineThreshold;
            spawnThreshold = c.spawnThreshold;
            cpuQueueCap = c.cpuQueueCap;
            cpuParallelism = c.cpuParallelism;
            backpressureGate = c.backpressureGate;
            backpressureBusyThreshold = c.backpressureBusyThreshold;
            pressureShedThreshold = c.pressureShedThreshold;
            spawnMaxInFlight = c.spawnMaxInFlight;
            batchMaxSize = c.batchMaxSize;
            batchMaxDelayMs = c.batchMaxDelayMs;
            routingPolicy = c.routingPolicy;
            emaAlpha = c.emaAlpha;
            adaptiveStep = c.adaptiveStep;
            cpuP95BudgetMs = c.cpuP95BudgetMs;
            adaptiveP95ThresholdFactor = c.adaptiveP95ThresholdFactor;
            shutdownGraceMs = c.shutdownGraceMs;
            metricsIntervalMs = c.metricsIntervalMs;
        }

        public Builder inlineThreshold(long v) { inlineThreshold = v; return this; }
        public Builder spawnThreshold(long v) { spawnThreshold = v; return this; }
        public Builder cpuQueueCap(int v) { cpuQueueCap = v; return this; }
        public Builder cpuParallelism(int v) { cpuParallelism = v; return this; }
        public Builder backpressureGate(GateMode v) { backpressureGate = v; return this; }
        public Builder backpressureBusyThreshold(int v) { backpressureBusyThreshold = OptionalInt.of(v); return this; }
        public Builder backpressureBusyThreshold(OptionalInt v) { backpressureBusyThreshold = v; return this; }
        public Builder pressureShedThreshold(double v) { pressureShedThreshold = v; return this; }
        public Builder spawnMaxInFlight(int v) { spawnMaxInFlight = v; return this; }
        public Builder batchMaxSize(int v) { batchMaxSize = v; return this; }
        public Builder batchMaxDelayMs(long v) { batchMaxDelayMs = v; return this; }
        public Builder routingPolicy(PolicyKind v) { routingPolicy = v; return this; }
        public Builder emaAlpha(double v) { emaAlpha = v; return this; }
        public Builder adaptiveStep(double v) { adaptiveStep = v; return this; }
        public Builder cpuP95BudgetMs(long v) { cpuP95BudgetMs = v; return this; }
        public Builder adaptiveP95ThresholdFactor(double v) { adaptiveP95ThresholdFactor = v; return this; }
        public Builder shutdownGraceMs(long v) { shutdownGraceMs = v; return this; }
        public Builder metricsIntervalMs(long v) { metricsIntervalMs = v; return this; }

        /** The config as set (not validated). */
        public RouterConfig build() {
            return new RouterConfig(inlineThreshold, spawnThreshold, cpuQueueCap, cpuParallelism, backpressureGate,
                    backpressureBusyThreshold, pressureShedThreshold, spawnMaxInFlight, batchMaxSize, batchMaxDelayMs,
                    routingPolicy, emaAlpha, adaptiveStep, cpuP95BudgetMs, adaptiveP95ThresholdFactor,
                    shutdownGraceMs, metricsIntervalMs);
        }
    }
}
