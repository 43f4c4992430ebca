package dev.helixrouter.engine.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The keys of a {@link RouterConfig} document, in document order, each with what a form, a
 * slider or a tooltip needs to know about it: its JSON name, its value type, its choices, a
 * description of what it does to routing, and a suggested slider range.
 *
 * <p>The same keys name the fields of the config file, the HTTP API, the lab's export and the
 * {@code config} object of a scenario (SPEC §5). {@link RouterConfigJson} parses and writes
 * them; {@link ConfigPatch} changes some of them.
 *
 * <p>Value shapes, as {@link #valueIn(RouterConfig)} returns them and as
 * {@link ConfigPatch.Builder#set(ConfigKey, Object)} accepts them: {@link ValueType#INTEGER}
 * keys are {@link Integer} or {@link Long} (see {@link #isLong()}), {@link ValueType#DECIMAL}
 * keys {@link Double}, {@link ValueType#CHOICE} keys the {@link String} of one of
 * {@link #choices()}.
 */
public enum ConfigKey {
    INLINE_THRESHOLD("inline_threshold", ValueType.INTEGER, true,
            "Jobs whose compute_cost is at or below this run inline, on the caller's thread: no hand-off "
                    + "cost, but the caller waits. Raise it to save scheduling overhead on small jobs; lower "
                    + "it when callers must stay responsive.",
            1, 100_000, RouterConfig::inlineThreshold, (b, v) -> b.inlineThreshold(((Number) v).longValue())),
    SPAWN_THRESHOLD("spawn_threshold", ValueType.INTEGER, true,
            "Jobs cheaper than this (and above inline_threshold) run on their own virtual thread; costlier "
                    + "ones go to a batch or the CPU lane. Virtual threads are not time-sliced, so set too high "
                    + "it lets CPU-heavy jobs starve every other spawned job; the adaptive layer may raise it "
                    + "at most tenfold.",
            1, 300_000, RouterConfig::spawnThreshold, (b, v) -> b.spawnThreshold(((Number) v).longValue())),
    CPU_QUEUE_CAP("cpu_queue_cap", ValueType.INTEGER, false,
            "How many jobs may wait for a CPU-lane worker; a job that finds the queue full is dropped as "
                    + "queue_full. A longer queue drops less but lets waiting jobs blow their latency budget.",
            1, 4096, RouterConfig::cpuQueueCap, (b, v) -> b.cpuQueueCap(((Number) v).intValue())),
    CPU_PARALLELISM("cpu_parallelism", ValueType.INTEGER, false,
            "Number of platform worker threads of the CPU lane, which also runs flushed batches. Around the "
                    + "number of cores keeps them busy without fighting each other; it resizes live.",
            1, 128, RouterConfig::cpuParallelism, (b, v) -> b.cpuParallelism(((Number) v).intValue())),
    BACKPRESSURE_GATE("backpressure_gate", ValueType.CHOICE, false,
            "How load is shed before the CPU lane. 'deadline' admits a job to the lane or a batch only if "
                    + "its estimated completion fits its budget; 'busy' is the original's gate, which sheds "
                    + "every job, even tiny ones, once backpressure_busy_threshold workers are busy.",
            Double.NaN, Double.NaN, c -> c.backpressureGate().wireName(),
            (b, v) -> b.backpressureGate(GateMode.valueOf(((String) v).toUpperCase(Locale.ROOT)))),
    BACKPRESSURE_BUSY_THRESHOLD("backpressure_busy_threshold", ValueType.INTEGER, false,
            "With the 'busy' gate: once this many CPU workers are busy, every new job goes to a batch "
                    + "(scaling_potential >= 0.65) or is dropped as backpressure. Leave it out (or null) to "
                    + "follow cpu_parallelism; the original used 7 of 8.",
            1, 128,
            c -> c.backpressureBusyThreshold().isPresent() ? c.backpressureBusyThreshold().getAsInt() : null,
            (b, v) -> b.backpressureBusyThreshold(v == null ? OptionalInt.empty() : OptionalInt.of(((Number) v).intValue()))),
    PRESSURE_SHED_THRESHOLD("pressure_shed_threshold", ValueType.DECIMAL, false,
            "When effective pressure (0 to 1, internal or injected by an upstream system) reaches this, "
                    + "jobs bound for the CPU lane or a batch are dropped as pressure. 1 sheds only at full "
                    + "pressure; lower values shed earlier to protect latency.",
            0.05, 1.0, RouterConfig::pressureShedThreshold, (b, v) -> b.pressureShedThreshold(((Number) v).doubleValue())),
    DEADLINE_HEADROOM("deadline_headroom", ValueType.DECIMAL, false,
            "With the 'deadline' gate: a job is admitted only if its estimated completion times this factor "
                    + "fits the budget it has left. Estimates are averages and a loaded machine slows down, so "
                    + "1 admits jobs that then finish late; higher values shed earlier and keep tails short.",
            1.0, 5.0, RouterConfig::deadlineHeadroom, (b, v) -> b.deadlineHeadroom(((Number) v).doubleValue())),
    SPAWN_MAX_IN_FLIGHT("spawn_max_in_flight", ValueType.INTEGER, false,
            "At most this many spawned virtual threads run at once; beyond it a job routed to spawn is "
                    + "dropped as spawn_full. It bounds memory and carrier contention under a flood.",
            1, 100_000, RouterConfig::spawnMaxInFlight, (b, v) -> b.spawnMaxInFlight(((Number) v).intValue())),
    BATCH_MAX_SIZE("batch_max_size", ValueType.INTEGER, false,
            "A kind's batch buffer flushes to the CPU lane as one task once it holds this many jobs. "
                    + "Bigger batches amortise more overhead, but their jobs wait for each other.",
            1, 256, RouterConfig::batchMaxSize, (b, v) -> b.batchMaxSize(((Number) v).intValue())),
    BATCH_MAX_DELAY_MS("batch_max_delay_ms", ValueType.INTEGER, true,
            "A batch buffer also flushes when its oldest job has waited this long, in milliseconds, so a "
                    + "quiet kind is not held back. It adds up to this much latency to every batched job.",
            1, 1000, RouterConfig::batchMaxDelayMs, (b, v) -> b.batchMaxDelayMs(((Number) v).longValue())),
    ROUTING_POLICY("routing_policy", ValueType.CHOICE, false,
            "Who picks the strategy: 'heuristic' applies the original's fixed rules; 'learned' is a bandit "
                    + "that learns from each job's outcome. Either way the gate decides first.",
            Double.NaN, Double.NaN, c -> c.routingPolicy().wireName(),
            (b, v) -> b.routingPolicy(PolicyKind.valueOf(((String) v).toUpperCase(Locale.ROOT)))),
    EMA_ALPHA("ema_alpha", ValueType.DECIMAL, false,
            "Weight of the newest sample in the moving averages (latency, drop rate) that pressure and the "
                    + "adaptive layer read. Near 1 reacts at once but is jumpy; near 0 is smooth but slow.",
            0.01, 1.0, RouterConfig::emaAlpha, (b, v) -> b.emaAlpha(((Number) v).doubleValue())),
    ADAPTIVE_STEP("adaptive_step", ValueType.DECIMAL, false,
            "How far the adaptive spawn threshold moves per interval, as a fraction (0.10 raises it by 10 %) "
                    + "when the CPU lane is late because of queue wait, and back down when it recovers.",
            0.01, 1.0, RouterConfig::adaptiveStep, (b, v) -> b.adaptiveStep(((Number) v).doubleValue())),
    CPU_P95_BUDGET_MS("cpu_p95_budget_ms", ValueType.INTEGER, true,
            "The p95 latency, in milliseconds, the CPU lane should stay under. When queue wait pushes the "
                    + "lane past it (times adaptive_p95_threshold_factor), the adaptive layer raises the spawn "
                    + "threshold to move work off the lane; back under budget, it lowers it again.",
            1, 5000, RouterConfig::cpuP95BudgetMs, (b, v) -> b.cpuP95BudgetMs(((Number) v).longValue())),
    ADAPTIVE_P95_THRESHOLD_FACTOR("adaptive_p95_threshold_factor", ValueType.DECIMAL, false,
            "The adaptive spawn threshold rises only when the lane's p95 exceeds cpu_p95_budget_ms times "
                    + "this factor. Higher values tolerate more lateness before work moves off the lane.",
            1.0, 10.0, RouterConfig::adaptiveP95ThresholdFactor,
            (b, v) -> b.adaptiveP95ThresholdFactor(((Number) v).doubleValue())),
    SHUTDOWN_GRACE_MS("shutdown_grace_ms", ValueType.INTEGER, true,
            "On shutdown, queued and buffered jobs are dropped as shutdown and running jobs get this long, "
                    + "in milliseconds, to finish; jobs still running after it fail as shutdown_timeout. "
                    + "0 stops at once.",
            0, 60_000, RouterConfig::shutdownGraceMs, (b, v) -> b.shutdownGraceMs(((Number) v).longValue())),
    METRICS_INTERVAL_MS("metrics_interval_ms", ValueType.INTEGER, true,
            "Length of a metrics interval, in milliseconds: snapshots, the adaptive threshold and the "
                    + "autoscaler update once per interval. Short intervals react faster but are noisier.",
            10, 10_000, RouterConfig::metricsIntervalMs, (b, v) -> b.metricsIntervalMs(((Number) v).longValue())),
    LEARNED_EPSILON("learned_epsilon", ValueType.DECIMAL, false,
            "With routing_policy 'learned': the share of jobs routed to a random allowed strategy at the start, "
                    + "to keep learning what the others are worth. It decays towards learned_epsilon_floor.",
            0.0, 1.0, RouterConfig::learnedEpsilon, (b, v) -> b.learnedEpsilon(((Number) v).doubleValue())),
    LEARNED_EPSILON_FLOOR("learned_epsilon_floor", ValueType.DECIMAL, false,
            "The exploration share the learned policy never goes below, so it notices when the load changes. "
                    + "0 stops exploring once decayed; at most learned_epsilon.",
            0.0, 0.5, RouterConfig::learnedEpsilonFloor, (b, v) -> b.learnedEpsilonFloor(((Number) v).doubleValue())),
    LEARNED_EPSILON_HALF_LIFE("learned_epsilon_half_life", ValueType.INTEGER, true,
            "Learned outcomes after which the exploration share above the floor has halved. Short half-lives "
                    + "settle fast; long ones keep trying alternatives for longer.",
            100, 1_000_000, RouterConfig::learnedEpsilonHalfLife,
            (b, v) -> b.learnedEpsilonHalfLife(((Number) v).longValue())),
    LEARNED_RATE("learned_rate", ValueType.DECIMAL, false,
            "Step size of the learned policy's weight updates. Larger learns faster from each outcome but "
                    + "chases noise; smaller is steadier but slower to adapt.",
            0.001, 1.0, RouterConfig::learnedRate, (b, v) -> b.learnedRate(((Number) v).doubleValue())),
    LEARNED_L2("learned_l2", ValueType.DECIMAL, false,
            "Weight decay of the learned policy per update: pulls weights towards zero so none grows without "
                    + "bound and stale lessons fade. 0 turns it off.",
            0.0, 0.01, RouterConfig::learnedL2, (b, v) -> b.learnedL2(((Number) v).doubleValue())),
    LEARNED_WEIGHT_CLIP("learned_weight_clip", ValueType.DECIMAL, false,
            "Every weight of the learned policy stays within plus or minus this bound, whatever the rewards.",
            0.5, 20.0, RouterConfig::learnedWeightClip, (b, v) -> b.learnedWeightClip(((Number) v).doubleValue())),
    LEARNED_SEED("learned_seed", ValueType.INTEGER, true,
            "Seed of the learned policy's exploration: whether a job explores is a hash of this seed and the "
                    + "job's id, so a run is reproducible even with many submitting threads.",
            0, 1_000_000, RouterConfig::learnedSeed, (b, v) -> b.learnedSeed(((Number) v).longValue())),
    AUTOSCALER_MODE("autoscaler_mode", ValueType.CHOICE, false,
            "Mode 'off' does nothing; 'recommend' forecasts the arrival rate and recommends a CPU-lane size and queue "
                    + "bound by Little's law; 'apply' also resizes the lane to the recommendation, live.",
            Double.NaN, Double.NaN, c -> c.autoscalerMode().wireName(),
            (b, v) -> b.autoscalerMode(AutoscalerMode.valueOf(((String) v).toUpperCase(Locale.ROOT)))),
    AUTOSCALER_HORIZON_S("autoscaler_horizon_s", ValueType.INTEGER, true,
            "How far ahead, in seconds, the autoscaler forecasts the arrival rate from its recent trend; the "
                    + "lane is sized for the rate expected then, not now.",
            1, 600, RouterConfig::autoscalerHorizonS, (b, v) -> b.autoscalerHorizonS(((Number) v).longValue())),
    AUTOSCALER_WINDOW_S("autoscaler_window_s", ValueType.INTEGER, true,
            "How many seconds of history the autoscaler fits its trend to. A short window follows changes "
                    + "fast; a long one ignores bursts.",
            2, 600, RouterConfig::autoscalerWindowS, (b, v) -> b.autoscalerWindowS(((Number) v).longValue())),
    AUTOSCALER_MIN_PARALLELISM("autoscaler_min_parallelism", ValueType.INTEGER, false,
            "The fewest CPU-lane workers the autoscaler recommends, however quiet the forecast arrival rate.",
            1, 128, RouterConfig::autoscalerMinParallelism, (b, v) -> b.autoscalerMinParallelism(((Number) v).intValue())),
    AUTOSCALER_MAX_PARALLELISM("autoscaler_max_parallelism", ValueType.INTEGER, false,
            "The most CPU-lane workers the autoscaler recommends; by default the number of cores, since more "
                    + "workers than cores only adds contention for CPU-bound work.",
            1, 128, RouterConfig::autoscalerMaxParallelism, (b, v) -> b.autoscalerMaxParallelism(((Number) v).intValue())),
    AUTOSCALER_HYSTERESIS("autoscaler_hysteresis", ValueType.INTEGER, false,
            "The recommendation grows as soon as Little's law asks for more workers than it, and shrinks only "
                    + "when it asks for more than this many fewer, so a steady load does not make the lane flap.",
            0, 16, RouterConfig::autoscalerHysteresis, (b, v) -> b.autoscalerHysteresis(((Number) v).intValue())),
    AUTOSCALER_COOLDOWN_S("autoscaler_cooldown_s", ValueType.INTEGER, true,
            "Seconds the autoscaler waits after changing its recommendation before it changes it again.",
            0, 600, RouterConfig::autoscalerCooldownS, (b, v) -> b.autoscalerCooldownS(((Number) v).longValue()));

    /** The JSON value type of a key. */
    public enum ValueType {
        /** A whole number (JSON number without a fractional part). */
        INTEGER,
        /** A finite decimal number. */
        DECIMAL,
        /** One string among {@link ConfigKey#choices()}. */
        CHOICE
    }

    private static final Map<String, ConfigKey> BY_JSON_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ConfigKey::jsonName, k -> k));

    private final String jsonName;
    private final ValueType type;
    private final boolean isLong;
    private final String description;
    private final double uiMin;
    private final double uiMax;
    private final Function<RouterConfig, Object> getter;
    private final BiConsumer<RouterConfig.Builder, Object> setter;

    ConfigKey(String jsonName, ValueType type, boolean isLong, String description, double uiMin, double uiMax,
              Function<RouterConfig, Object> getter, BiConsumer<RouterConfig.Builder, Object> setter) {
        this.jsonName = jsonName;
        this.type = type;
        this.isLong = isLong;
        this.description = description;
        this.uiMin = uiMin;
        this.uiMax = uiMax;
        this.getter = getter;
        this.setter = setter;
    }

    /** The snake_case name of the key in JSON documents. */
    public String jsonName() {
        return jsonName;
    }

    /** The type of the key's JSON value. */
    public ValueType type() {
        return type;
    }

    /**
     * For {@link ValueType#INTEGER} keys: whether the value is a {@code long} (otherwise an
     * {@code int}); this is the range a number must fit before the key's rules are checked.
     */
    public boolean isLong() {
        return isLong;
    }

    /**
     * Whether the key accepts JSON {@code null}: only {@code backpressure_busy_threshold},
     * where null (like leaving it out) means "follow {@code cpu_parallelism}".
     */
    public boolean nullable() {
        return this == BACKPRESSURE_BUSY_THRESHOLD;
    }

    /** The allowed strings of a {@link ValueType#CHOICE} key, in display order; empty for other keys. */
    public List<String> choices() {
        return switch (this) {
            case BACKPRESSURE_GATE -> Arrays.stream(GateMode.values()).map(GateMode::wireName).toList();
            case ROUTING_POLICY -> Arrays.stream(PolicyKind.values()).map(PolicyKind::wireName).toList();
            case AUTOSCALER_MODE -> Arrays.stream(AutoscalerMode.values()).map(AutoscalerMode::wireName).toList();
            default -> List.of();
        };
    }

    /** What the key does to routing, in a sentence or two (for tooltips and help). */
    public String description() {
        return description;
    }

    /**
     * Suggested lower end of a slider for this key. Always a valid value on its own (cross-key
     * rules aside). For {@link ValueType#CHOICE} keys: 0, the index of the first choice.
     */
    public double uiMin() {
        return type == ValueType.CHOICE ? 0 : uiMin;
    }

    /**
     * Suggested upper end of a slider for this key; the rules may allow more. For
     * {@link ValueType#CHOICE} keys: the index of the last choice.
     */
    public double uiMax() {
        return type == ValueType.CHOICE ? choices().size() - 1 : uiMax;
    }

    /**
     * The key's value in {@code config}, JSON-friendly: {@link Integer} or {@link Long} for
     * integer keys, {@link Double} for decimal keys, the choice's {@link String} for choice keys.
     * Returns {@code null} only for {@code backpressure_busy_threshold} when it follows
     * {@code cpu_parallelism} (written as JSON null, or left out of a document).
     */
    public Object valueIn(RouterConfig config) {
        return getter.apply(Objects.requireNonNull(config, "config"));
    }

    /** The key whose JSON name is exactly {@code jsonName}. */
    public static Optional<ConfigKey> byJsonName(String jsonName) {
        return Optional.ofNullable(BY_JSON_NAME.get(jsonName));
    }

    /**
     * Sets a value already checked by {@link ConfigValues} (so in the shape {@link #valueIn}
     * returns) on a builder.
     */
    void setIn(RouterConfig.Builder builder, Object checkedValue) {
        setter.accept(builder, checkedValue);
    }

    /** The JSON name, so that messages and logs read like the document. */
    @Override
    public String toString() {
        return jsonName;
    }
}
