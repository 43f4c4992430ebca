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
        double deadlineHeadroom,
        int spawnMaxInFlight,
        int batchMaxSize,
        long batchMaxDelayMs,
        PolicyKind routingPolicy,
        double emaAlpha,
        double adaptiveStep,
        long cpuP95BudgetMs,
        double adaptiveP95ThresholdFactor,
        long shutdownGraceMs,
        long metricsIntervalMs,
        double learnedEpsilon,
        double learnedEpsilonFloor,
        long learnedEpsilonHalfLife,
        double learnedRate,
        double learnedL2,
        double learnedWeightClip,
        long learnedSeed,
        AutoscalerMode autoscalerMode,
        long autoscalerHorizonS,
        long autoscalerWindowS,
        int autoscalerMinParallelism,
        int autoscalerMaxParallelism,
        int autoscalerHysteresis,
        long autoscalerCooldownS) {

    /** Null-safety only; value rules live in {@link #violations()}. */
    public RouterConfig {
        java.util.Objects.requireNonNull(backpressureGate, "backpressure_gate");
        java.util.Objects.requireNonNull(backpressureBusyThreshold, "backpressure_busy_threshold");
        java.util.Objects.requireNonNull(routingPolicy, "routing_policy");
        java.util.Objects.requireNonNull(autoscalerMode, "autoscaler_mode");
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
                OptionalInt.empty(), 0.9, 2.0, 10_000, 8, 10, PolicyKind.HEURISTIC,
                0.15, 0.10, 200, 1.5, 2000, 1000,
                0.05, 0.002, 2_000, 0.05, 1e-4, 4.0, 0,
                AutoscalerMode.RECOMMEND, 30, 60, 1, cores, 1, 10);
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
        if (!(deadlineHeadroom >= 1.0 && deadlineHeadroom <= 10.0)) {
            v.add(new ConfigViolation("deadline_headroom", "must be within [1, 10], was " + deadlineHeadroom));
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
        if (!(learnedEpsilon >= 0.0 && learnedEpsilon <= 1.0)) {
            v.add(new ConfigViolation("learned_epsilon", "must be within [0, 1], was " + learnedEpsilon));
        }
        if (!(learnedEpsilonFloor >= 0.0 && learnedEpsilonFloor <= 1.0)) {
            v.add(new ConfigViolation("learned_epsilon_floor", "must be within [0, 1], was " + learnedEpsilonFloor));
        } else if (learnedEpsilon >= 0.0 && learnedEpsilon <= 1.0 && learnedEpsilonFloor > learnedEpsilon) {
            v.add(new ConfigViolation("learned_epsilon_floor", "must be <= learned_epsilon (" + learnedEpsilon
                    + "), was " + learnedEpsilonFloor));
        }
        if (learnedEpsilonHalfLife < 1) {
            v.add(new ConfigViolation("learned_epsilon_half_life", "must be >= 1, was " + learnedEpsilonHalfLife));
        }
        if (!(learnedRate > 0.0 && learnedRate <= 1.0)) {
            v.add(new ConfigViolation("learned_rate", "must be within (0, 1], was " + learnedRate));
        }
        if (!(learnedL2 >= 0.0 && learnedL2 <= 0.1)) {
            v.add(new ConfigViolation("learned_l2", "must be within [0, 0.1], was " + learnedL2));
        }
        if (!(learnedWeightClip > 0.0 && learnedWeightClip <= 100.0)) {
            v.add(new ConfigViolation("learned_weight_clip", "must be within (0, 100], was " + learnedWeightClip));
        }
        if (autoscalerHorizonS < 1 || autoscalerHorizonS > 3600) {
            v.add(new ConfigViolation("autoscaler_horizon_s", "must be within 1..3600, was " + autoscalerHorizonS));
        }
        if (autoscalerWindowS < 2 || autoscalerWindowS > 3600) {
            v.add(new ConfigViolation("autoscaler_window_s", "must be within 2..3600, was " + autoscalerWindowS));
        }
        if (autoscalerMinParallelism < 1) {
            v.add(new ConfigViolation("autoscaler_min_parallelism", "must be >= 1, was " + autoscalerMinParallelism));
        }
        if (autoscalerMaxParallelism < 1 || autoscalerMaxParallelism > 4096) {
            v.add(new ConfigViolation("autoscaler_max_parallelism", "must be within 1..4096, was "
                    + autoscalerMaxParallelism));
        } else if (autoscalerMinParallelism >= 1 && autoscalerMinParallelism > autoscalerMaxParallelism) {
            v.add(new ConfigViolation("autoscaler_min_parallelism", "must be <= autoscaler_max_parallelism ("
                    + autoscalerMaxParallelism + "), was " + autoscalerMinParallelism));
        }
        if (autoscalerHysteresis < 0 || autoscalerHysteresis > 1024) {
            v.add(new ConfigViolation("autoscaler_hysteresis", "must be within 0..1024, was " + autoscalerHysteresis));
        }
        if (autoscalerCooldownS < 0 || autoscalerCooldownS > 3600) {
            v.add(new ConfigViolation("autoscaler_cooldown_s", "must be within 0..3600, was " + autoscalerCooldownS));
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
        private double deadlineHeadroom;
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
        private double learnedEpsilon;
        private double learnedEpsilonFloor;
        private long learnedEpsilonHalfLife;
        private double learnedRate;
        private double learnedL2;
        private double learnedWeightClip;
        private long learnedSeed;
        private AutoscalerMode autoscalerMode;
        private long autoscalerHorizonS;
        private long autoscalerWindowS;
        private int autoscalerMinParallelism;
        private int autoscalerMaxParallelism;
        private int autoscalerHysteresis;
        private long autoscalerCooldownS;

        Builder(RouterConfig c) {
            inlineThreshold = c.inlineThreshold;
            spawnThreshold = c.spawnThreshold;
            cpuQueueCap = c.cpuQueueCap;
            cpuParallelism = c.cpuParallelism;
            backpressureGate = c.backpressureGate;
            backpressureBusyThreshold = c.backpressureBusyThreshold;
            pressureShedThreshold = c.pressureShedThreshold;
            deadlineHeadroom = c.deadlineHeadroom;
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
            learnedEpsilon = c.learnedEpsilon;
            learnedEpsilonFloor = c.learnedEpsilonFloor;
            learnedEpsilonHalfLife = c.learnedEpsilonHalfLife;
            learnedRate = c.learnedRate;
            learnedL2 = c.learnedL2;
            learnedWeightClip = c.learnedWeightClip;
            learnedSeed = c.learnedSeed;
            autoscalerMode = c.autoscalerMode;
            autoscalerHorizonS = c.autoscalerHorizonS;
            autoscalerWindowS = c.autoscalerWindowS;
            autoscalerMinParallelism = c.autoscalerMinParallelism;
            autoscalerMaxParallelism = c.autoscalerMaxParallelism;
            autoscalerHysteresis = c.autoscalerHysteresis;
            autoscalerCooldownS = c.autoscalerCooldownS;
        }

        public Builder inlineThreshold(long v) { inlineThreshold = v; return this; }
        public Builder spawnThreshold(long v) { spawnThreshold = v; return this; }
        public Builder cpuQueueCap(int v) { cpuQueueCap = v; return this; }
        public Builder cpuParallelism(int v) { cpuParallelism = v; return this; }
        public Builder backpressureGate(GateMode v) { backpressureGate = v; return this; }
        public Builder backpressureBusyThreshold(int v) { backpressureBusyThreshold = OptionalInt.of(v); return this; }
        public Builder backpressureBusyThreshold(OptionalInt v) { backpressureBusyThreshold = v; return this; }
        public Builder pressureShedThreshold(double v) { pressureShedThreshold = v; return this; }
        public Builder deadlineHeadroom(double v) { deadlineHeadroom = v; return this; }
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
        public Builder learnedEpsilon(double v) { learnedEpsilon = v; return this; }
        public Builder learnedEpsilonFloor(double v) { learnedEpsilonFloor = v; return this; }
        public Builder learnedEpsilonHalfLife(long v) { learnedEpsilonHalfLife = v; return this; }
        public Builder learnedRate(double v) { learnedRate = v; return this; }
        public Builder learnedL2(double v) { learnedL2 = v; return this; }
        public Builder learnedWeightClip(double v) { learnedWeightClip = v; return this; }
        public Builder learnedSeed(long v) { learnedSeed = v; return this; }
        public Builder autoscalerMode(AutoscalerMode v) { autoscalerMode = v; return this; }
        public Builder autoscalerHorizonS(long v) { autoscalerHorizonS = v; return this; }
        public Builder autoscalerWindowS(long v) { autoscalerWindowS = v; return this; }
        public Builder autoscalerMinParallelism(int v) { autoscalerMinParallelism = v; return this; }
        public Builder autoscalerMaxParallelism(int v) { autoscalerMaxParallelism = v; return this; }
        public Builder autoscalerHysteresis(int v) { autoscalerHysteresis = v; return this; }
        public Builder autoscalerCooldownS(long v) { autoscalerCooldownS = v; return this; }

        /** The config as set (not validated). */
        public RouterConfig build() {
            return new RouterConfig(inlineThreshold, spawnThreshold, cpuQueueCap, cpuParallelism, backpressureGate,
                    backpressureBusyThreshold, pressureShedThreshold, deadlineHeadroom, spawnMaxInFlight, batchMaxSize, batchMaxDelayMs,
                    routingPolicy, emaAlpha, adaptiveStep, cpuP95BudgetMs, adaptiveP95ThresholdFactor,
                    shutdownGraceMs, metricsIntervalMs, learnedEpsilon, learnedEpsilonFloor, learnedEpsilonHalfLife,
                    learnedRate, learnedL2, learnedWeightClip, learnedSeed, autoscalerMode, autoscalerHorizonS,
                    autoscalerWindowS, autoscalerMinParallelism, autoscalerMaxParallelism, autoscalerHysteresis,
                    autoscalerCooldownS);
        }
    }
}
