package dev.helixrouter.workload;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The arrivals a run of a scenario will submit: the scenario's jobs paired, in order, with its
 * arrival offsets, for one machine's capacity λ* and one load multiplier.
 *
 * <p>This is the one place where a run's jobs and offsets are drawn. The live runner, the
 * virtual-time runner and trace recording all take their arrivals from here (or from a
 * {@link Trace} made here), so for the same scenario, seed, λ* and load they submit exactly the
 * same jobs at exactly the same offsets. The i-th arrival carries the i-th job of
 * {@link Scenario#generator()} (ids from 1) and the i-th offset of
 * {@link Scenario#schedule(double, double)}.
 *
 * <p>Iteration is lazy, so a long run never holds its jobs in memory; {@link #toTrace()}
 * materialises them. Each iteration starts from the beginning and gives the same sequence.
 * Instances are immutable and thread-safe; their iterators are not.
 */
public final class ArrivalPlan implements Iterable<Arrival> {

    private final Scenario scenario;
    private final ArrivalSchedule schedule;

    private ArrivalPlan(Scenario scenario, ArrivalSchedule schedule) {
        this.scenario = scenario;
        this.schedule = schedule;
    }

    /**
     * The plan of {@code scenario} with {@code overrides} applied.
     *
     * @param lambdaStar     calibrated capacity λ*, jobs per second ({@code > 0})
     * @param loadMultiplier scales every rate of the scenario's pattern ({@code > 0})
     * @throws IllegalArgumentException (a {@link ScenarioException} for a bad override) naming
     *                                  the value at fault
     */
    public static ArrivalPlan of(Scenario scenario, double lambdaStar, double loadMultiplier, RunOverrides overrides) {
        Scenario effective = Objects.requireNonNull(overrides, "overrides").applyTo(scenario);
        return new ArrivalPlan(effective, effective.schedule(lambdaStar, loadMultiplier));
    }

    /** The plan of {@code scenario} as written. */
    public static ArrivalPlan of(Scenario scenario, double lambdaStar, double loadMultiplier) {
        return of(scenario, lambdaStar, loadMultiplier, RunOverrides.NONE);
    }

    /** The scenario as run: overrides applied. */
    public Scenario scenario() {
        return scenario;
    }

    /** The arrival offsets. */
    public ArrivalSchedule schedule() {
        return schedule;
    }

    /** The header a trace of this plan starts with (the job count is unknown until the end). */
    public TraceHeader header() {
        return new TraceHeader(scenario.name(), scenario.seed(), OptionalLong.empty(),
                OptionalDouble.of(schedule.lambdaStar()), OptionalDouble.of(schedule.loadMultiplier()));
    }

    /** The arrivals, lazily, in order. */
    @Override
    public Iterator<Arrival> iterator() {
        PrimitiveIterator.OfLong offsets = schedule.iterator();
        JobGenerator jobs = scenario.generator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return offsets.hasNext();
            }

            @Override
            public Arrival next() {
                if (!offsets.hasNext()) {
                    throw new NoSuchElementException();
                }
                return Arrival.of(offsets.nextLong(), jobs.nextGenerated());
            }
        };
    }

    /** The arrivals as a sequential stream, lazily. */
    public Stream<Arrival> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }

    /**
     * Every arrival, materialised (fine up to a few million jobs).
     *
     * @throws IllegalStateException if there are more than a list can hold
     */
    public Trace toTrace() {
        List<Arrival> all = new ArrayList<>((int) Math.min(schedule.bound().maxJobs().orElse(1024), 1 << 16));
        for (Arrival a : this) {
            if (all.size() == Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more arrivals than a list can hold; iterate the plan instead");
            }
            all.add(a);
        }
        return new Trace(header().withJobs(all.size()), all);
    }
}
