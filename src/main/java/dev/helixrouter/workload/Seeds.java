package dev.helixrouter.workload;

/**
 * Independent random streams derived from one scenario seed.
 *
 * <p>A scenario has a single seed, but its jobs, its blocking draws and its arrival times must
 * come from streams that do not share numbers: seeding two {@code SplittableRandom}s with the
 * same value gives the same sequence, so the first gap would be a function of the first job's
 * kind. Each stream therefore gets {@code mix64(seed + stream * golden gamma)}, a bijective
 * scramble (Stafford's variant 13 of the MurmurHash3 finaliser, the same mixer
 * {@code SplittableRandom} uses). The job stream itself keeps the raw seed, so the original
 * generator's jobs are unchanged.
 */
final class Seeds {
    /** Stream of the blocking draws of {@link JobGenerator}. */
    static final long BLOCKING = 1;
    /** Stream of the arrival times of {@link ArrivalSchedule}. */
    static final long ARRIVALS = 2;

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {}

    /** The seed of stream {@code stream} of {@code seed}. */
    static long derive(long seed, long stream) {
        return mix64(seed + stream * GOLDEN_GAMMA);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
