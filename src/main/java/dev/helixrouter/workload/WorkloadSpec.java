package dev.helixrouter.workload;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The distribution of the jobs a {@link JobGenerator} draws: kind shares, input counts and
 * values, costs, scaling potential, latency budgets and blocking.
 *
 * <p>{@link #ORIGINAL} is the original HelixRouter's mix (SPEC §8) exactly: PrimeCount 55 %,
 * otherwise HashMix 75 %, otherwise MonteCarloRisk; 2–6 inputs each in 0–200 000; 15 % heavy
 * jobs costing 80 000–300 000 whatever their kind, the others costing by kind (HashMix
 * 500–120 000, PrimeCount 2 000–80 000, MonteCarloRisk 20 000–250 000); scaling potential
 * uniform in [0, 1); budget 5–80 ms; no blocking jobs. Every range is inclusive.
 *
 * <p>A blocking job ({@link dev.helixrouter.engine.Job#blocking()}) is one whose work mostly
 * waits, as on I/O: with probability {@code blocking_share} a job is blocking and carries a
 * wait drawn uniformly from {@code min_blocking_wait_ms}–{@code max_blocking_wait_ms}
 * (see {@link GeneratedJob}).
 *
 * <p>Every field is described by a {@link WorkloadField} (JSON name, range, meaning). Invalid
 * values are refused at construction with a {@link ScenarioException} that lists every problem,
 * each naming its field. Build variants with {@link #toBuilder()}:
 * <pre>{@code
 * WorkloadSpec tight = WorkloadSpec.ORIGINAL.toBuilder().latencyBudgetMs(2, 10).heavyShare(0.02).build();
 * }</pre>
 */
public record WorkloadSpec(
        double primeCountShare,
        double hashMixShareOfRest,
        long minInputs,
        long maxInputs,
        long minInputValue,
        long maxInputValue,
        double heavyShare,
        long heavyMinCost,
        long heavyMaxCost,
        long hashMixMinCost,
        long hashMixMaxCost,
        long primeCountMinCost,
        long primeCountMaxCost,
        long monteCarloRiskMinCost,
        long monteCarloRiskMaxCost,
        double minScalingPotential,
        double maxScalingPotential,
        long minLatencyBudgetMs,
        long maxLatencyBudgetMs,
        double blockingShare,
        long minBlockingWaitMs,
        long maxBlockingWaitMs) {

    /** Most inputs a job may be given. */
    public static final int MAX_INPUT_COUNT = 64;
    /** Longest latency budget allowed, in milliseconds (one day). */
    public static final long MAX_BUDGET_MS = 86_400_000L;
    /** Longest blocking wait allowed, in milliseconds (one minute). */
    public static final long MAX_BLOCKING_WAIT_MS = 60_000L;

    /** The original HelixRouter's workload (SPEC §8), with no blocking jobs. */
    public static final WorkloadSpec ORIGINAL = new WorkloadSpec(
            JobGenerator.PRIME_COUNT_SHARE, JobGenerator.HASH_MIX_SHARE_OF_REST,
            JobGenerator.MIN_INPUTS, JobGenerator.MAX_INPUTS, 0, JobGenerator.MAX_INPUT,
            JobGenerator.HEAVY_SHARE, JobGenerator.HEAVY_MIN_COST, JobGenerator.HEAVY_MAX_COST,
            500, 120_000, 2_000, 80_000, 20_000, 250_000,
            0.0, 1.0,
            JobGenerator.MIN_BUDGET_MS, JobGenerator.MAX_BUDGET_MS,
            0.0, 2, 10);

    /**
     * Validates every field.
     *
     * @throws ScenarioException listing every problem, each naming its field in snake_case
     */
    public WorkloadSpec {
        List<ScenarioProblem> problems = new Builder(primeCountShare, hashMixShareOfRest, minInputs, maxInputs,
                minInputValue, maxInputValue, heavyShare, heavyMinCost, heavyMaxCost, hashMixMinCost,
                hashMixMaxCost, primeCountMinCost, primeCountMaxCost, monteCarloRiskMinCost,
                monteCarloRiskMaxCost, minScalingPotential, maxScalingPotential, minLatencyBudgetMs,
                maxLatencyBudgetMs, blockingShare, minBlockingWaitMs, maxBlockingWaitMs).violations();
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
    }

    /** The value of {@code field}: a {@link Double} for shares, a {@link Long} otherwise. */
    public Number get(WorkloadField field) {
        return switch (field) {
            case PRIME_COUNT_SHARE -> primeCountShare;
            case HASH_MIX_SHARE_OF_REST -> hashMixShareOfRest;
            case MIN_INPUTS -> minInputs;
            case MAX_INPUTS -> maxInputs;
            case MIN_INPUT_VALUE -> minInputValue;
            case MAX_INPUT_VALUE -> maxInputValue;
            case HEAVY_SHARE -> heavyShare;
            case HEAVY_MIN_COST -> heavyMinCost;
            case HEAVY_MAX_COST -> heavyMaxCost;
            case HASH_MIX_MIN_COST -> hashMixMinCost;
            case HASH_MIX_MAX_COST -> hashMixMaxCost;
            case PRIME_COUNT_MIN_COST -> primeCountMinCost;
            case PRIME_COUNT_MAX_COST -> primeCountMaxCost;
            case MONTE_CARLO_RISK_MIN_COST -> monteCarloRiskMinCost;
            case MONTE_CARLO_RISK_MAX_COST -> monteCarloRiskMaxCost;
            case MIN_SCALING_POTENTIAL -> minScalingPotential;
            case MAX_SCALING_POTENTIAL -> maxScalingPotential;
            case MIN_LATENCY_BUDGET_MS -> minLatencyBudgetMs;
            case MAX_LATENCY_BUDGET_MS -> maxLatencyBudgetMs;
            case BLOCKING_SHARE -> blockingShare;
            case MIN_BLOCKING_WAIT_MS -> minBlockingWaitMs;
            case MAX_BLOCKING_WAIT_MS -> maxBlockingWaitMs;
        };
    }

    /** The fields whose values differ from {@link #ORIGINAL}'s, in declaration order. */
    public Set<WorkloadField> changedFromOriginal() {
        Set<WorkloadField> changed = EnumSet.noneOf(WorkloadField.class);
        for (WorkloadField f : WorkloadField.values()) {
            if (!get(f).equals(ORIGINAL.get(f))) {
                changed.add(f);
            }
        }
        return changed;
    }

    /** A builder starting from this spec's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (WorkloadField f : WorkloadField.values()) {
            b.set(f, get(f));
        }
        return b;
    }

    /** A builder starting from {@link #ORIGINAL}. */
    public static Builder builder() {
        return ORIGINAL.toBuilder();
    }

    /**
     * Builds specs field by field. Setters do not check; {@link #violations()} lists what
     * {@link #build()} would refuse.
     */
    public static final class Builder {
        private final Number[] values = new Number[WorkloadField.values().length];

        private Builder() {}

        private Builder(Number... inOrder) {
            System.arraycopy(inOrder, 0, values, 0, values.length);
        }

        /** Sets {@code field}: shares take any number (as a double), other fields a whole number (as a long). */
        public Builder set(WorkloadField field, Number value) {
            Objects.requireNonNull(value, field.jsonName());
            values[field.ordinal()] = field.type() == WorkloadField.Type.SHARE
                    ? (Number) value.doubleValue() : (Number) value.longValue();
            return this;
        }

        /** The value set for {@code field}. */
        public Number get(WorkloadField field) {
            return values[field.ordinal()];
        }

        /** Kind shares: PrimeCount, then HashMix among the rest (MonteCarloRisk takes what remains). */
        public Builder kindShares(double primeCountShare, double hashMixShareOfRest) {
            return set(WorkloadField.PRIME_COUNT_SHARE, primeCountShare)
                    .set(WorkloadField.HASH_MIX_SHARE_OF_REST, hashMixShareOfRest);
        }

        /** Number of inputs, inclusive. */
        public Builder inputs(long min, long max) {
            return set(WorkloadField.MIN_INPUTS, min).set(WorkloadField.MAX_INPUTS, max);
        }

        /** Input values, inclusive. */
        public Builder inputValues(long min, long max) {
            return set(WorkloadField.MIN_INPUT_VALUE, min).set(WorkloadField.MAX_INPUT_VALUE, max);
        }

        /** Share of heavy jobs. */
        public Builder heavyShare(double share) {
            return set(WorkloadField.HEAVY_SHARE, share);
        }

        /** Cost range of heavy jobs, inclusive. */
        public Builder heavyCost(long min, long max) {
            return set(WorkloadField.HEAVY_MIN_COST, min).set(WorkloadField.HEAVY_MAX_COST, max);
        }

        /** Cost range of HashMix jobs that are not heavy, inclusive. */
        public Builder hashMixCost(long min, long max) {
            return set(WorkloadField.HASH_MIX_MIN_COST, min).set(WorkloadField.HASH_MIX_MAX_COST, max);
        }

        /** Cost range of PrimeCount jobs that are not heavy, inclusive. */
        public Builder primeCountCost(long min, long max) {
            return set(WorkloadField.PRIME_COUNT_MIN_COST, min).set(WorkloadField.PRIME_COUNT_MAX_COST, max);
        }

        /** Cost range of MonteCarloRisk jobs that are not heavy, inclusive. */
        public Builder monteCarloRiskCost(long min, long max) {
            return set(WorkloadField.MONTE_CARLO_RISK_MIN_COST, min).set(WorkloadField.MONTE_CARLO_RISK_MAX_COST, max);
        }

        /** Scaling potential range. */
        public Builder scalingPotential(double min, double max) {
            return set(WorkloadField.MIN_SCALING_POTENTIAL, min).set(WorkloadField.MAX_SCALING_POTENTIAL, max);
        }

        /** Latency budget range in milliseconds, inclusive. */
        public Builder latencyBudgetMs(long min, long max) {
            return set(WorkloadField.MIN_LATENCY_BUDGET_MS, min).set(WorkloadField.MAX_LATENCY_BUDGET_MS, max);
        }

        /** Share of blocking jobs. */
        public Builder blockingShare(double share) {
            return set(WorkloadField.BLOCKING_SHARE, share);
        }

        /** Wait range of blocking jobs in milliseconds, inclusive. */
        public Builder blockingWaitMs(long min, long max) {
            return set(WorkloadField.MIN_BLOCKING_WAIT_MS, min).set(WorkloadField.MAX_BLOCKING_WAIT_MS, max);
        }

        /** Every problem {@link #build()} would report, each naming its field. */
        public List<ScenarioProblem> violations() {
            List<ScenarioProblem> problems = new ArrayList<>();
            for (WorkloadField f : WorkloadField.values()) {
                Number v = get(f);
                if (f.type() == WorkloadField.Type.SHARE) {
                    double x = v.doubleValue();
                    if (!(x >= f.lowest() && x <= f.highest())) {
                        problems.add(new ScenarioProblem(f.jsonName(), "must be within " + f.lowest() + ".."
                                + f.highest() + ", was " + Numbers.show(x)));
                        continue;
                    }
                } else {
                    long x = v.longValue();
                    if (x < f.lowest() || x > f.highest()) {
                        problems.add(new ScenarioProblem(f.jsonName(), f.highest() >= Long.MAX_VALUE - 1
                                ? "must be >= " + f.lowest() + " (and below 2^63 - 1), was " + x
                                : "must be within " + f.lowest() + ".." + f.highest() + ", was " + x));
                        continue;
                    }
                }
                f.lowerPartner().ifPresent(min -> {
                    boolean below = f.type() == WorkloadField.Type.SHARE
                            ? v.doubleValue() < get(min).doubleValue()
                            : v.longValue() < get(min).longValue();
                    if (below) {
                        problems.add(new ScenarioProblem(f.jsonName(), "must be >= " + min.jsonName() + " ("
                                + Numbers.show(get(min)) + "), was " + Numbers.show(v)));
                    }
                });
            }
            return problems;
        }

        /**
         * The spec.
         *
         * @throws ScenarioException listing every problem
         */
        public WorkloadSpec build() {
            return new WorkloadSpec(
                    d(WorkloadField.PRIME_COUNT_SHARE), d(WorkloadField.HASH_MIX_SHARE_OF_REST),
                    l(WorkloadField.MIN_INPUTS), l(WorkloadField.MAX_INPUTS),
                    l(WorkloadField.MIN_INPUT_VALUE), l(WorkloadField.MAX_INPUT_VALUE),
                    d(WorkloadField.HEAVY_SHARE), l(WorkloadField.HEAVY_MIN_COST), l(WorkloadField.HEAVY_MAX_COST),
                    l(WorkloadField.HASH_MIX_MIN_COST), l(WorkloadField.HASH_MIX_MAX_COST),
                    l(WorkloadField.PRIME_COUNT_MIN_COST), l(WorkloadField.PRIME_COUNT_MAX_COST),
                    l(WorkloadField.MONTE_CARLO_RISK_MIN_COST), l(WorkloadField.MONTE_CARLO_RISK_MAX_COST),
                    d(WorkloadField.MIN_SCALING_POTENTIAL), d(WorkloadField.MAX_SCALING_POTENTIAL),
                    l(WorkloadField.MIN_LATENCY_BUDGET_MS), l(WorkloadField.MAX_LATENCY_BUDGET_MS),
                    d(WorkloadField.BLOCKING_SHARE),
                    l(WorkloadField.MIN_BLOCKING_WAIT_MS), l(WorkloadField.MAX_BLOCKING_WAIT_MS));
        }

        private double d(WorkloadField f) {
            return get(f).doubleValue();
        }

        private long l(WorkloadField f) {
            return get(f).longValue();
        }
    }
}
