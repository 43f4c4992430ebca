package dev.helixrouter.workload;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fields of a {@link WorkloadSpec}, each with its snake_case JSON name (as written in a
 * scenario's {@code workload} object), its type, its allowed range and what it means, so a
 * form, a slider or the JSON codec can treat every field alike.
 *
 * <p>Fields come in {@code min_…}/{@code max_…} pairs (inclusive ranges) and shares
 * (probabilities within 0–1). A pair's {@code max} must be at least its {@code min}.
 */
public enum WorkloadField {
    PRIME_COUNT_SHARE("prime_count_share", Type.SHARE, 0, 1, null,
            "Probability that a job is PrimeCount."),
    HASH_MIX_SHARE_OF_REST("hash_mix_share_of_rest", Type.SHARE, 0, 1, null,
            "Probability that a job which is not PrimeCount is HashMix; the rest are MonteCarloRisk."),
    MIN_INPUTS("min_inputs", Type.INTEGER, 0, WorkloadSpec.MAX_INPUT_COUNT, null,
            "Fewest inputs of a job."),
    MAX_INPUTS("max_inputs", Type.INTEGER, 0, WorkloadSpec.MAX_INPUT_COUNT, MIN_INPUTS,
            "Most inputs of a job."),
    MIN_INPUT_VALUE("min_input_value", Type.INTEGER, 0, Long.MAX_VALUE - 1, null,
            "Smallest input value."),
    MAX_INPUT_VALUE("max_input_value", Type.INTEGER, 0, Long.MAX_VALUE - 1, MIN_INPUT_VALUE,
            "Largest input value."),
    HEAVY_SHARE("heavy_share", Type.SHARE, 0, 1, null,
            "Probability that a job is heavy: its cost comes from the heavy range whatever its kind."),
    HEAVY_MIN_COST("heavy_min_cost", Type.INTEGER, 0, Long.MAX_VALUE - 1, null,
            "Smallest compute_cost of a heavy job."),
    HEAVY_MAX_COST("heavy_max_cost", Type.INTEGER, 0, Long.MAX_VALUE - 1, HEAVY_MIN_COST,
            "Largest compute_cost of a heavy job."),
    HASH_MIX_MIN_COST("hash_mix_min_cost", Type.INTEGER, 0, Long.MAX_VALUE - 1, null,
            "Smallest compute_cost of a HashMix job that is not heavy."),
    HASH_MIX_MAX_COST("hash_mix_max_cost", Type.INTEGER, 0, Long.MAX_VALUE - 1, HASH_MIX_MIN_COST,
            "Largest compute_cost of a HashMix job that is not heavy."),
    PRIME_COUNT_MIN_COST("prime_count_min_cost", Type.INTEGER, 0, Long.MAX_VALUE - 1, null,
            "Smallest compute_cost of a PrimeCount job that is not heavy."),
    PRIME_COUNT_MAX_COST("prime_count_max_cost", Type.INTEGER, 0, Long.MAX_VALUE - 1, PRIME_COUNT_MIN_COST,
            "Largest compute_cost of a PrimeCount job that is not heavy."),
    MONTE_CARLO_RISK_MIN_COST("monte_carlo_risk_min_cost", Type.INTEGER, 0, Long.MAX_VALUE - 1, null,
            "Smallest compute_cost of a MonteCarloRisk job that is not heavy."),
    MONTE_CARLO_RISK_MAX_COST("monte_carlo_risk_max_cost", Type.INTEGER, 0, Long.MAX_VALUE - 1,
            MONTE_CARLO_RISK_MIN_COST, "Largest compute_cost of a MonteCarloRisk job that is not heavy."),
    MIN_SCALING_POTENTIAL("min_scaling_potential", Type.SHARE, 0, 1, null,
            "Smallest scaling_potential (drawn uniformly between min and max)."),
    MAX_SCALING_POTENTIAL("max_scaling_potential", Type.SHARE, 0, 1, MIN_SCALING_POTENTIAL,
            "Largest scaling_potential."),
    MIN_LATENCY_BUDGET_MS("min_latency_budget_ms", Type.INTEGER, 1, WorkloadSpec.MAX_BUDGET_MS, null,
            "Shortest latency budget, in milliseconds."),
    MAX_LATENCY_BUDGET_MS("max_latency_budget_ms", Type.INTEGER, 1, WorkloadSpec.MAX_BUDGET_MS,
            MIN_LATENCY_BUDGET_MS, "Longest latency budget, in milliseconds."),
    BLOCKING_SHARE("blocking_share", Type.SHARE, 0, 1, null,
            "Probability that a job is blocking: its work mostly waits (I/O), for a wait drawn from the "
                    + "blocking wait range."),
    MIN_BLOCKING_WAIT_MS("min_blocking_wait_ms", Type.INTEGER, 0, WorkloadSpec.MAX_BLOCKING_WAIT_MS, null,
            "Shortest wait of a blocking job, in milliseconds."),
    MAX_BLOCKING_WAIT_MS("max_blocking_wait_ms", Type.INTEGER, 0, WorkloadSpec.MAX_BLOCKING_WAIT_MS,
            MIN_BLOCKING_WAIT_MS, "Longest wait of a blocking job, in milliseconds.");

    /** How a field's value is written. */
    public enum Type {
        /** A probability or fraction: a finite decimal within its range (0–1). */
        SHARE,
        /** A whole number within its range. */
        INTEGER
    }

    private static final List<WorkloadField> ALL = List.of(values());
    private static final List<String> NAMES = Arrays.stream(values()).map(WorkloadField::jsonName).toList();

    private final String jsonName;
    private final Type type;
    private final long lowest;
    private final long highest;
    private final WorkloadField lowerPartner;
    private final String description;

    WorkloadField(String jsonName, Type type, long lowest, long highest, WorkloadField lowerPartner,
                  String description) {
        this.jsonName = jsonName;
        this.type = type;
        this.lowest = lowest;
        this.highest = highest;
        this.lowerPartner = lowerPartner;
        this.description = description;
    }

    /** The snake_case name used in JSON and in messages. */
    public String jsonName() {
        return jsonName;
    }

    /** Whether the value is a share (decimal) or a whole number. */
    public Type type() {
        return type;
    }

    /** Smallest allowed value (for shares: 0). */
    public long lowest() {
        return lowest;
    }

    /** Largest allowed value (for shares: 1). */
    public long highest() {
        return highest;
    }

    /** For the {@code max_…} field of a pair, its {@code min_…} field, which it must not be below. */
    public Optional<WorkloadField> lowerPartner() {
        return Optional.ofNullable(lowerPartner);
    }

    /** What the field does, for tooltips and docs. */
    public String description() {
        return description;
    }

    /** This field's value in {@code spec}: a {@link Double} for shares, a {@link Long} otherwise. */
    public Number valueIn(WorkloadSpec spec) {
        return spec.get(this);
    }

    /** Every field's JSON name, in declaration order. */
    public static List<String> jsonNames() {
        return NAMES;
    }

    /** The field of that JSON name. */
    public static Optional<WorkloadField> byJsonName(String name) {
        return ALL.stream().filter(f -> f.jsonName.equals(name)).findFirst();
    }
}
