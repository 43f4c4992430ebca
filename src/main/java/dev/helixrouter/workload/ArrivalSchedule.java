package dev.helixrouter.workload;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

/**
 * The intended arrival offsets of a run, in nanoseconds from its start: an
 * {@link ArrivalPattern} made concrete for one machine (λ*), one load multiplier, one seed and
 * one {@link RunBound}.
 *
 * <p>Offsets are non-decreasing and exactly reproducible: the same inputs give the same offsets
 * on any JVM. Every pattern but {@link ArrivalPattern.AllAtOnce} is a Poisson process, possibly
 * non-homogeneous, with rate {@code λ(t) = λ* × loadMultiplier × pattern.loadAt(t)} jobs per
 * second; {@code AllAtOnce} gives {@code maxJobs} zeros.
 *
 * <p>How: the rate of every pattern is piecewise linear in time (constant for Poisson, bursts
 * and spikes; linear along a ramp), so arrivals are drawn by inverting the integrated rate
 * (the time-rescaling theorem) instead of by thinning: each arrival takes one exponential draw
 * {@code E = -ln(1 - U)} and advances time until the expected number of arrivals since the
 * previous one reaches {@code E}, crossing segment boundaries as needed and solving a quadratic
 * on a ramp. Compared with thinning this needs exactly one random number per arrival and no
 * rate bound, and it is exact for these rates. {@link StrictMath} keeps the logarithm
 * bit-identical across platforms. Randomness comes from a {@link SplittableRandom} on a stream
 * derived from the seed, so arrivals and jobs drawn with the same scenario seed are independent.
 *
 * <p>When the rate is zero forever after some point (a ramp down to 0, a spike on a zero base),
 * the schedule simply ends there, even without a bound being reached.
 *
 * <p>{@link #toArray()} materialises every offset (fine up to a few million); {@link #iterator()}
 * and {@link #stream()} produce them lazily, for long runs. Each call starts from the beginning.
 * Instances are immutable and thread-safe; iterators are not.
 */
public final class ArrivalSchedule {

    private final ArrivalPattern pattern;
    private final double lambdaStar;
    private final double loadMultiplier;
    private final long seed;
    private final RunBound bound;

    private ArrivalSchedule(ArrivalPattern pattern, double lambdaStar, double loadMultiplier, long seed,
                            RunBound bound) {
        this.pattern = pattern;
        this.lambdaStar = lambdaStar;
        this.loadMultiplier = loadMultiplier;
        this.seed = seed;
        this.bound = bound;
    }

    /**
     * The schedule of {@code pattern} on a machine of capacity {@code lambdaStar}.
     *
     * @param pattern        when jobs arrive, rates as multiples of λ*
     * @param lambdaStar     the calibrated capacity λ*, in jobs per second, finite and {@code > 0}
     * @param loadMultiplier scales every rate (the CLI's {@code --load}, the lab's slider),
     *                       finite and {@code > 0}; 1 keeps the pattern's rates
     * @param seed           seeds the arrival times
     * @param bound          when arrivals stop; at least one bound is required, and
     *                       {@code AllAtOnce} requires a job count
     * @throws IllegalArgumentException naming the argument at fault
     */
    public static ArrivalSchedule of(ArrivalPattern pattern, double lambdaStar, double loadMultiplier, long seed,
                                     RunBound bound) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(bound, "bound");
        if (!(lambdaStar > 0) || Double.isInfinite(lambdaStar)) {
            throw new IllegalArgumentException("lambda_star must be a finite number of jobs per second > 0, was "
                    + lambdaStar);
        }
        if (!(loadMultiplier > 0) || Double.isInfinite(loadMultiplier)) {
            throw new IllegalArgumentException("load multiplier must be finite and > 0, was " + loadMultiplier);
        }
        if (pattern instanceof ArrivalPattern.AllAtOnce && bound.maxJobs().isEmpty()) {
            throw new IllegalArgumentException("jobs: all_at_once needs a job count (a duration alone does not "
                    + "bound it: every job arrives at offset 0)");
        }
        if (bound.isUnbounded()) {
            throw new IllegalArgumentException("jobs, duration_s: the " + pattern.wireName()
                    + " pattern needs a bound: a job count, a duration, or both");
        }
        return new ArrivalSchedule(pattern, lambdaStar, loadMultiplier, seed, bound);
    }

    /** The pattern. */
    public ArrivalPattern pattern() {
        return pattern;
    }

    /** The calibrated capacity λ*, in jobs per second. */
    public double lambdaStar() {
        return lambdaStar;
    }

    /** The load multiplier applied to every rate. */
    public double loadMultiplier() {
        return loadMultiplier;
    }

    /** The seed of the arrival times. */
    public long seed() {
        return seed;
    }

    /** When arrivals stop. */
    public RunBound bound() {
        return bound;
    }

    /** The intended arrival rate at {@code offsetNanos}, in jobs per second ({@code NaN} for AllAtOnce). */
    public double ratePerSecondAt(long offsetNanos) {
        return lambdaStar * loadMultiplier * pattern.loadAt(offsetNanos);
    }

    /** The offsets, lazily, from the first. */
    public PrimitiveIterator.OfLong iterator() {
        return pattern instanceof ArrivalPattern.AllAtOnce
                ? LongStream.generate(() -> 0L).limit(bound.maxJobs().orElseThrow()).iterator()
                : new PoissonIterator();
    }

    /** The offsets as a sequential stream, lazily. */
    public LongStream stream() {
        Spliterator.OfLong s = Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE | Spliterator.SORTED);
        return StreamSupport.longStream(s, false);
    }

    /**
     * Every offset, in order.
     *
     * @throws IllegalStateException if there are more than a Java array can hold
     */
    public long[] toArray() {
        long[] out = new long[(int) Math.min(bound.maxJobs().orElse(1024), 1 << 16)];
        int n = 0;
        PrimitiveIterator.OfLong it = iterator();
        while (it.hasNext()) {
            if (n == out.length) {
                if (out.length >= Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("more arrivals than an array can hold; use iterator()");
                }
                out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8L, out.length * 2L));
            }
            out[n++] = it.nextLong();
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    // ---- the piecewise-linear rate ----

    /**
     * A stretch {@code [start, end)} of time, in nanoseconds, over which the rate is
     * {@code rate + slope × (t − start)} arrivals per nanosecond; {@code end == Long.MAX_VALUE}
     * means "forever".
     */
    private record Segment(long start, long end, double rate, double slope) {
        boolean endless() {
            return end == Long.MAX_VALUE;
        }
    }

    /** Segment number {@code i} of the pattern's rate, or null after the last. */
    private Segment segment(long i) {
        double perNs = lambdaStar * loadMultiplier / 1e9;
        return switch (pattern) {
            case ArrivalPattern.AllAtOnce a -> null;
            case ArrivalPattern.Poisson p -> i == 0 ? new Segment(0, Long.MAX_VALUE, p.load() * perNs, 0) : null;
            case ArrivalPattern.Bursts b -> {
                long on = b.onMs() * 1_000_000L;
                long off = b.offMs() * 1_000_000L;
                long cycle = i / 2;
                if (cycle > (Long.MAX_VALUE - on - off) / (on + off) - 1) {
                    yield null; // beyond 292 years of nanoseconds: time itself ends here
                }
                long start = cycle * (on + off) + (i % 2 == 0 ? 0 : on);
                yield i % 2 == 0 ? new Segment(start, start + on, b.onLoad() * perNs, 0)
                        : new Segment(start, start + off, b.offLoad() * perNs, 0);
            }
            case ArrivalPattern.Ramp r -> {
                long ramp = r.rampMs() * 1_000_000L;
                if (i == 0) {
                    yield new Segment(0, ramp, r.fromLoad() * perNs, (r.toLoad() - r.fromLoad()) * perNs / ramp);
                }
                yield i == 1 ? new Segment(ramp, Long.MAX_VALUE, r.toLoad() * perNs, 0) : null;
            }
            case ArrivalPattern.Spike s -> {
                long at = s.spikeAtMs() * 1_000_000L;
                long end = at + s.spikeMs() * 1_000_000L;
                yield switch ((int) Math.min(i, 3)) {
                    case 0 -> new Segment(0, at, s.baseLoad() * perNs, 0); // empty when the spike starts at 0
                    case 1 -> new Segment(at, end, s.spikeLoad() * perNs, 0);
                    case 2 -> new Segment(end, Long.MAX_VALUE, s.baseLoad() * perNs, 0);
                    default -> null;
                };
            }
        };
    }

    /** Walks the segments, drawing one exponential per arrival. */
    private final class PoissonIterator implements PrimitiveIterator.OfLong {
        private final SplittableRandom random = new SplittableRandom(Seeds.derive(seed, Seeds.ARRIVALS));
        private final long maxJobs = bound.maxJobs().orElse(Long.MAX_VALUE);
        private final double durationNanos = bound.maxDuration().map(d -> (double) d.toNanos())
                .orElse(Double.POSITIVE_INFINITY);
        private long index;
        private Segment segment = segment(0);
        private double t;
        private long emitted;
        private long pending = -1;
        private boolean done;

        @Override
        public boolean hasNext() {
            if (pending < 0 && !done) {
                advance();
            }
            return pending >= 0;
        }

        @Override
        public long nextLong() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            long offset = pending;
            pending = -1;
            emitted++;
            return offset;
        }

        private void advance() {
            if (emitted >= maxJobs) {
                done = true;
                return;
            }
            double e = -StrictMath.log1p(-random.nextDouble()); // Exp(1): expected arrivals until the next
            while (true) {
                if (segment == null || t >= durationNanos) {
                    done = true;
                    return;
                }
                double rate = segment.rate() + segment.slope() * (t - segment.start());
                if (segment.endless()) {
                    if (rate <= 0) {
                        done = true; // the rate is zero from here on: no job will ever arrive again
                        return;
                    }
                    t += e / rate;
                    break;
                }
                double length = segment.end() - t;
                double mass = length <= 0 ? 0 : rate * length + 0.5 * segment.slope() * length * length;
                if (e <= mass) {
                    t += Math.min(length, solve(rate, segment.slope(), e));
                    break;
                }
                e -= Math.max(0, mass);
                t = segment.end();
                segment = segment(++index);
            }
            if (t >= durationNanos || t >= 0x1p62) {
                done = true;
                return;
            }
            pending = (long) t;
        }
    }

    /**
     * The time {@code x >= 0} at which {@code rate·x + slope·x²/2} reaches {@code e}, written
     * in the form that does not cancel when the slope is negative or tiny.
     */
    private static double solve(double rate, double slope, double e) {
        if (e <= 0) {
            return 0;
        }
        double root = Math.sqrt(Math.max(0, rate * rate + 2 * slope * e));
        return 2 * e / (rate + root);
    }
}
