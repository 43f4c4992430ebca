package dev.helixrouter.engine;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One unit of work and its declared intent: what it costs, how it scales, how long the caller
 * can wait, whether it blocks.
 *
 * <p>Invalid values are refused at construction with a message naming the field. Inputs are
 * {@code long}s read as unsigned 64-bit values.
 *
 * @param id                caller-chosen identifier (also seeds the learned policy's exploration)
 * @param kind              kind of work; jobs of one kind batch together
 * @param inputs            inputs, unsigned 64-bit (copied)
 * @param computeCost       cost proxy, {@code >= 0}
 * @param scalingPotential  how well the job parallelises or batches, 0.0–1.0
 * @param latencyBudgetMs   how long the caller can wait, {@code >= 1}
 * @param blocking          the work mostly waits (I/O), so it belongs on a virtual thread
 * @param intendedStartNanos when the job was meant to start, on the router's clock, or
 *                          {@link #AT_SUBMIT} for the moment of submission
 */
public record Job(long id, JobKind kind, long[] inputs, long computeCost, double scalingPotential,
                  long latencyBudgetMs, boolean blocking, long intendedStartNanos) {

    /** Marker for "the job starts when it is submitted". */
    public static final long AT_SUBMIT = Long.MIN_VALUE;

    /** Validates every field and copies the inputs. */
    public Job {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(inputs, "inputs must not be null");
        inputs = inputs.clone();
        if (computeCost < 0) {
            throw new IllegalArgumentException("compute_cost must be >= 0, was " + computeCost);
        }
        if (!(scalingPotential >= 0.0 && scalingPotential <= 1.0)) {
            throw new IllegalArgumentException("scaling_potential must be within 0.0-1.0, was " + scalingPotential);
        }
        if (latencyBudgetMs < 1) {
            throw new IllegalArgumentException("latency_budget_ms must be >= 1, was " + latencyBudgetMs);
        }
    }

    /** A job starting at submission, with no blocking. */
    public Job(long id, JobKind kind, long[] inputs, long computeCost, double scalingPotential, long latencyBudgetMs) {
        this(id, kind, inputs, computeCost, scalingPotential, latencyBudgetMs, false, AT_SUBMIT);
    }

    /** Inputs (a copy). */
    @Override
    public long[] inputs() {
        return inputs.clone();
    }

    /** Number of inputs, without copying. */
    public int inputCount() {
        return inputs.length;
    }

    /** Input {@code i}, without copying. */
    public long input(int i) {
        return inputs[i];
    }

    /** The intended start, if one was given. */
    public OptionalLong intendedStart() {
        return intendedStartNanos == AT_SUBMIT ? OptionalLong.empty() : OptionalLong.of(intendedStartNanos);
    }

    /** Budget in nanoseconds. */
    public long latencyBudgetNanos() {
        return latencyBudgetMs * 1_000_000L;
    }

    /** A copy with the given intended start. */
    public Job withIntendedStart(long nanos) {
        return new Job(id, kind, inputs, computeCost, scalingPotential, latencyBudgetMs, blocking, nanos);
    }

    /** A copy with the given blocking flag. */
    public Job withBlocking(boolean b) {
        return new Job(id, kind, inputs, computeCost, scalingPotential, latencyBudgetMs, b, intendedStartNanos);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Job j && id == j.id && kind == j.kind && Arrays.equals(inputs, j.inputs)
                && computeCost == j.computeCost
                && Double.compare(scalingPotential, j.scalingPotential) == 0
                && latencyBudgetMs == j.latencyBudgetMs && blocking == j.blocking
                && intendedStartNanos == j.intendedStartNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, kind, Arrays.hashCode(inputs), computeCost, scalingPotential,
                latencyBudgetMs, blocking, intendedStartNanos);
    }

    @Override
    public String toString() {
        return "Job[id=" + id + ", kind=" + kind + ", inputs=" + Arrays.toString(inputs) + ", cost=" + computeCost
                + ", scaling=" + scalingPotential + ", budget_ms=" + latencyBudgetMs + ", blocking=" + blocking + "]";
    }
}
