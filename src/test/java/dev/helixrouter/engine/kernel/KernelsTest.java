package dev.helixrouter.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Output;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Known answers for hashMix and monteCarloRisk were computed by an independent Python
 * implementation of the documented algorithms (arbitrary-precision integers masked to 64 bits,
 * IEEE doubles summed in the same order), so they check the Java code against its documentation,
 * not against itself.
 */
class KernelsTest {

    // ---- primeCount -------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "10000, 1229",
            "100000, 9592",
            "250000, 22044",
            "65536, 6542",
            "12345, 1474",
    })
    void primeCount_knownAnswers(long cost, long primes) {
        assertEquals(primes, Kernels.primeCount(cost));
    }

    @Test
    void primeCount_clampsCostBelowTenThousand() {
        assertEquals(1229, Kernels.primeCount(0));
        assertEquals(1229, Kernels.primeCount(1));
        assertEquals(1229, Kernels.primeCount(9_999));
    }

    @Test
    void primeCount_clampsCostAboveTwoHundredFiftyThousand() {
        assertEquals(22044, Kernels.primeCount(250_001));
        assertEquals(22044, Kernels.primeCount(10_000_000));
        assertEquals(22044, Kernels.primeCount(Long.MAX_VALUE));
    }

    @Test
    void primeCount_agreesWithTrialDivisionAcrossTheRange() {
        // Every limit from 10 000 to 10 300 crosses word boundaries of the bit sieve and several primes.
        long expected = countPrimesByTrialDivision(10_000);
        for (int limit = 10_000; limit <= 10_300; limit++) {
            if (limit > 10_000 && isPrime(limit)) {
                expected++;
            }
            assertEquals(expected, Kernels.primeCount(limit), "limit " + limit);
        }
    }

    @Test
    void primeCount_refusesNegativeCost() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.primeCount(-1));
        assertTrue(e.getMessage().contains("compute_cost"), e.getMessage());
    }

    // ---- hashMix ----------------------------------------------------------------------------

    @Test
    void hashMix_fnvStageIsPlainFnv1aOverLittleEndianBytes() {
        // FNV-1a of the bytes 01 02 … 08 equals FNV-1a of the one input whose little-endian bytes they are.
        assertEquals(fnv1aOfBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), Kernels.fnv1a(new long[] {0x0807060504030201L}));
        assertEquals(fnv1aOfBytes(littleEndian(1, 2, 3)), Kernels.fnv1a(new long[] {1, 2, 3}));
        assertEquals(0xda2bfb225e0d1f05L, Kernels.fnv1a(new long[] {1, 2, 3}));
        assertEquals(Kernels.FNV_OFFSET_BASIS, Kernels.fnv1a(new long[0]));
    }

    @Test
    void hashMix_knownAnswers() {
        assertEquals(0x1aa5c3c349912b79L, Kernels.hashMix(new long[0], 0));
        assertEquals(0xc1a1b03f5ac6855dL, Kernels.hashMix(new long[] {1, 2, 3}, 0));
        assertEquals(0xd1ac794910d71c18L, Kernels.hashMix(new long[] {1, 2, 3}, 1_000));
        assertEquals(0x7913a1b0e465f36aL, Kernels.hashMix(new long[] {Long.MAX_VALUE, 0}, 1_000));
        assertEquals(0xa0eaf120f38315a6L, Kernels.hashMix(new long[] {42, 200_000}, 300_000));
    }

    @Test
    void hashMix_inputsAbove2To63_giveStableDocumentedValue() {
        // 2^64 - 1 and 2^63 are negative as Java longs; they are read as unsigned bytes all the same.
        long[] high = {0xFFFF_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0000L};
        long value = Kernels.hashMix(high, 1_000);
        assertEquals(0x083c8ce7640a1e53L, value);
        assertEquals("593504176349781587", Long.toUnsignedString(value));
        assertEquals(value, Kernels.hashMix(high.clone(), 1_000));
        assertNotEquals(value, Kernels.hashMix(new long[] {Long.MAX_VALUE, 0}, 1_000));
        assertNotEquals(value, Kernels.hashMix(new long[] {0x8000_0000_0000_0000L, 0xFFFF_FFFF_FFFF_FFFFL}, 1_000));
        assertNotEquals(value, Kernels.hashMix(new long[] {-1L}, 1_000));
    }

    @Test
    void hashMix_roundsFollowCostDividedBy64_atLeastOne() {
        long[] in = {1, 2, 3};
        // 0..127 all give one round.
        assertEquals(Kernels.hashMix(in, 0), Kernels.hashMix(in, 63));
        assertEquals(Kernels.hashMix(in, 0), Kernels.hashMix(in, 64));
        assertEquals(Kernels.hashMix(in, 0), Kernels.hashMix(in, 127));
        assertEquals(0x63897b048c228679L, Kernels.hashMix(in, 128));
        // Each extra round changes the value: no two of the first 200 round counts collide.
        Set<Long> seen = new HashSet<>();
        for (long rounds = 1; rounds <= 200; rounds++) {
            assertTrue(seen.add(Kernels.hashMix(in, rounds * 64)), "rounds " + rounds);
            assertEquals(Kernels.hashMix(in, rounds * 64), Kernels.hashMix(in, rounds * 64 + 63));
        }
    }

    @Test
    void hashMix_differentInputsDiffer_orderMatters() {
        long a = Kernels.hashMix(new long[] {1, 2, 3}, 5_000);
        assertNotEquals(a, Kernels.hashMix(new long[] {3, 2, 1}, 5_000));
        assertNotEquals(a, Kernels.hashMix(new long[] {1, 2, 3, 0}, 5_000));
        assertNotEquals(a, Kernels.hashMix(new long[] {1, 2, 4}, 5_000));
    }

    @Test
    void hashMix_jobOverloadMatchesArrayForm() {
        long[] in = {7, 0xFFFF_FFFF_0000_0000L, 200_000};
        Job job = new Job(1, JobKind.HASH_MIX, in, 9_000, 0.5, 10);
        assertEquals(Kernels.hashMix(in, 9_000), Kernels.hashMix(job));
    }

    @Test
    void hashMix_isDeterministic() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 50; i++) {
            long[] in = r.longs(r.nextInt(0, 7)).toArray();
            long cost = r.nextLong(0, 20_000);
            assertEquals(Kernels.hashMix(in, cost), Kernels.hashMix(in.clone(), cost));
        }
    }

    @Test
    void hashMix_refusesNegativeCost() {
        assertThrows(IllegalArgumentException.class, () -> Kernels.hashMix(new long[] {1}, -64));
    }

    // ---- monteCarloRisk ---------------------------------------------------------------------

    @Test
    void monteCarloRisk_knownAnswers() {
        assertEquals(-0.03352146683199357, Kernels.monteCarloRisk(new long[] {1, 2, 3}, 0));
        assertEquals(-0.03249564764474134, Kernels.monteCarloRisk(new long[] {1, 2, 3}, 10_000_000));
        assertEquals(-0.0336781787731672, Kernels.monteCarloRisk(new long[] {-1L}, 0));
    }

    @Test
    void monteCarloRisk_isALossQuantileNearTheNormalOne() {
        // Normal 5 % quantile: 0.0005 - 1.645 * 0.02 = -0.0324; with 5 000 samples its standard
        // error is about 0.0006, so ±0.004 is more than six of them.
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20; i++) {
            long[] in = r.longs(r.nextInt(1, 7), 0, 200_001).toArray();
            double var = Kernels.monteCarloRisk(in, 0);
            assertTrue(var < -0.0284 && var > -0.0364, "VaR " + var + " for " + Arrays.toString(in));
        }
    }

    @Test
    void monteCarloRisk_equalForEqualInputs_differsForOthers() {
        long[] in = {42, 1_000, 200_000};
        double v = Kernels.monteCarloRisk(in, 60_000);
        assertEquals(v, Kernels.monteCarloRisk(in.clone(), 60_000));
        assertEquals(v, Kernels.monteCarloRisk(new long[] {42, 1_000, 200_000}, 60_000));
        assertNotEquals(v, Kernels.monteCarloRisk(new long[] {42, 1_000, 200_001}, 60_000));
    }

    @Test
    void monteCarloRisk_clampsSampleCount() {
        long[] in = {5, 6};
        // cost / 200 below 5 000 draws 5 000 returns; above 50 000 draws 50 000.
        assertEquals(Kernels.monteCarloRisk(in, 0), Kernels.monteCarloRisk(in, 1_000_000));
        assertEquals(Kernels.monteCarloRisk(in, 10_000_000), Kernels.monteCarloRisk(in, Long.MAX_VALUE));
        assertNotEquals(Kernels.monteCarloRisk(in, 1_000_000), Kernels.monteCarloRisk(in, 10_000_000));
    }

    @Test
    void seedIsNeverZero() {
        // The SplitMix64 finalizer maps only 0 to 0.
        assertEquals(Kernels.NONZERO_SEED, Kernels.seedFrom(0));
        assertNotEquals(0, Kernels.seedFrom(1));
    }

    @Test
    void quantileRank_isCeilingOfFivePercent() {
        assertEquals(250, Kernels.quantileRank(5_000));
        assertEquals(251, Kernels.quantileRank(5_001));
        assertEquals(2_500, Kernels.quantileRank(50_000));
        assertEquals(1, Kernels.quantileRank(1));
    }

    @Test
    void lowestK_selectsTheSameValueAsSorting() {
        SplittableRandom r = new SplittableRandom(99);
        for (int trial = 0; trial < 200; trial++) {
            int n = r.nextInt(1, 3_000);
            int k = r.nextInt(1, n + 1);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // Few distinct values in some trials, to exercise ties.
                values[i] = trial % 2 == 0 ? r.nextDouble() - 0.5 : r.nextInt(-5, 6);
            }
            Kernels.LowestK lowest = new Kernels.LowestK(k);
            for (double v : values) {
                lowest.offer(v);
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            assertEquals(sorted[k - 1], lowest.max(), "n=" + n + " k=" + k);
        }
    }

    // ---- run / isBuiltin --------------------------------------------------------------------

    @Test
    void run_dispatchesOnKind() {
        long[] in = {9, 8, 7};
        assertEquals(new Output.U64(Kernels.hashMix(in, 5_000)),
                Kernels.run(new Job(1, JobKind.HASH_MIX, in, 5_000, 0.1, 5)));
        assertEquals(new Output.U64(9_592),
                Kernels.run(new Job(2, JobKind.PRIME_COUNT, in, 100_000, 0.1, 5)));
        assertEquals(new Output.F64(Kernels.monteCarloRisk(in, 60_000)),
                Kernels.run(new Job(3, JobKind.MONTE_CARLO_RISK, in, 60_000, 0.1, 5)));
    }

    @Test
    void run_refusesOtherKinds_namingTheKind() {
        Job job = new Job(1, JobKind.of("resize-image"), new long[] {1}, 100, 0.5, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.run(job));
        assertTrue(e.getMessage().contains("resize-image"), e.getMessage());
    }

    @Test
    void isBuiltin_onlyForTheThreeKinds() {
        assertTrue(Kernels.isBuiltin(JobKind.HASH_MIX));
        assertTrue(Kernels.isBuiltin(JobKind.PRIME_COUNT));
        assertTrue(Kernels.isBuiltin(JobKind.MONTE_CARLO_RISK));
        assertTrue(Kernels.isBuiltin(JobKind.of("HashMix")));
        assertFalse(Kernels.isBuiltin(JobKind.of("hashmix")));
        assertFalse(Kernels.isBuiltin(JobKind.of("Custom")));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static long fnv1aOfBytes(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static byte[] littleEndian(long... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buf.putLong(v);
        }
        return buf.array();
    }

    private static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int d = 2; (long) d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    private static long countPrimesByTrialDivision(int limit) {
        long c = 0;
        for (int i = 2; i <= limit; i++) {
            if (isPrime(i)) {
                c++;
            }
        }
        return c;
    }
}
