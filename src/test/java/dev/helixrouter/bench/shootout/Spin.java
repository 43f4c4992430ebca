package dev.helixrouter.bench.shootout;

import dev.helixrouter.engine.kernel.Kernels;
import java.util.Arrays;

/**
 * Real CPU work of a given length: rounds of the project's {@code HashMix} kernel, with the time
 * per round calibrated on this machine at start. The result is published to a volatile field so
 * the JIT cannot drop the work.
 */
public final class Spin {
    private static final long CALIBRATION_ROUNDS = 200_000;
    private static volatile long sink;

    private final double nanosPerRound;

    private Spin(double nanosPerRound) {
        if (!(nanosPerRound > 0)) {
            throw new IllegalArgumentException("nanos per round must be > 0, was " + nanosPerRound);
        }
        this.nanosPerRound = nanosPerRound;
    }

    /** Times the kernel here: the median of 21 runs of 200 000 rounds, after a warm-up. */
    public static Spin calibrate() {
        long[] inputs = {1, 2, 3};
        for (int i = 0; i < 200; i++) {
            sink = Kernels.hashMix(inputs, CALIBRATION_ROUNDS * Kernels.HASH_COST_PER_ROUND / 10);
        }
        long[] times = new long[21];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            sink = Kernels.hashMix(inputs, CALIBRATION_ROUNDS * Kernels.HASH_COST_PER_ROUND);
            times[i] = System.nanoTime() - t0;
        }
        Arrays.sort(times);
        return new Spin((double) times[times.length / 2] / CALIBRATION_ROUNDS);
    }

    /** A spin with a known time per round (tests). */
    static Spin withNanosPerRound(double nanosPerRound) {
        return new Spin(nanosPerRound);
    }

    /** Calibrated nanoseconds per kernel round. */
    public double nanosPerRound() {
        return nanosPerRound;
    }

    /** Computes for about {@code nanos} nanoseconds (nothing for 0). */
    public void run(long nanos, long input) {
        if (nanos <= 0) {
            return;
        }
        long rounds = Math.max(1, Math.round(nanos / nanosPerRound));
        sink = Kernels.hashMix(new long[] {input}, rounds * Kernels.HASH_COST_PER_ROUND);
    }
}
