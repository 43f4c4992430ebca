package dev.helixrouter.bench.shootout;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One seeded open-loop trace: for every job its class and intended start (offset from the run's
 * start), Poisson arrivals at each segment's rate. The same seed, λ* and shape give the same
 * trace, and every system replays the same one.
 */
public final class ShootoutTrace {
    private final long seed;
    private final double lambdaStar;
    private final LoadShape shape;
    private final long[] offsets;
    private final JobClass[] classes;

    private ShootoutTrace(long seed, double lambdaStar, LoadShape shape, long[] offsets, JobClass[] classes) {
        this.seed = seed;
        this.lambdaStar = lambdaStar;
        this.shape = shape;
        this.offsets = offsets;
        this.classes = classes;
    }

    /**
     * Generates the trace. Inter-arrival gaps are exponential at the current segment's rate; a
     * gap that crosses into the next segment restarts there at the new rate (exact, since the
     * exponential distribution has no memory).
     */
    public static ShootoutTrace generate(long seed, double lambdaStar, LoadShape shape) {
        if (!(lambdaStar > 0 && Double.isFinite(lambdaStar))) {
            throw new IllegalArgumentException("lambda* must be > 0, was " + lambdaStar);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] offsets = new long[1024];
        JobClass[] classes = new JobClass[1024];
        int n = 0;
        for (LoadShape.Segment s : shape.segments()) {
            double ratePerNano = s.multiple() * lambdaStar / 1e9;
            double t = s.startNanos();
            while (true) {
                t += -Math.log(1.0 - rnd.nextDouble()) / ratePerNano;
                if (t >= s.endNanos()) {
                    break;
                }
                if (n == offsets.length) {
                    offsets = Arrays.copyOf(offsets, n * 2);
                    classes = Arrays.copyOf(classes, n * 2);
                }
                offsets[n] = (long) t;
                classes[n] = JobClass.ofUniform(rnd.nextDouble());
                n++;
            }
        }
        return new ShootoutTrace(seed, lambdaStar, shape, Arrays.copyOf(offsets, n), Arrays.copyOf(classes, n));
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The capacity the rates are multiples of, jobs per second. */
    public double lambdaStar() {
        return lambdaStar;
    }

    /** The phases and rates. */
    public LoadShape shape() {
        return shape;
    }

    /** Number of jobs. */
    public int size() {
        return offsets.length;
    }

    /** Intended start of job {@code i}, nanoseconds from the run's start (non-decreasing in i). */
    public long offsetNanos(int i) {
        return offsets[i];
    }

    /** Class of job {@code i}. */
    public JobClass jobClass(int i) {
        return classes[i];
    }

    /** How many jobs are meant to have started by {@code offsetNanos}. */
    public int dueBy(long offsetNanos) {
        int i = Arrays.binarySearch(offsets, offsetNanos);
        if (i < 0) {
            return -i - 1;
        }
        while (i < offsets.length && offsets[i] == offsetNanos) {
            i++;
        }
        return i;
    }
}
