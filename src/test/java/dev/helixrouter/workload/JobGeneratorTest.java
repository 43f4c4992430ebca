package dev.helixrouter.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JobGeneratorTest {

    private static final int N = 100_000;
    private static List<Job> jobs;

    @BeforeAll
    static void generate() {
        jobs = new JobGenerator(20_250_101L).take(N);
    }

    @Test
    void sameSeed_sameJobs() {
        assertEquals(new JobGenerator(7).take(1_000), new JobGenerator(7).take(1_000));
        assertEquals(JobGenerator.warmup(7, 1_000), new JobGenerator(7).take(1_000));
    }

    @Test
    void sameSeed_sameJobs_whetherDrawnOneByOneOrInBulk() {
        JobGenerator a = new JobGenerator(8);
        List<Job> first = a.take(10);
        Job eleventh = a.next();
        List<Job> all = new JobGenerator(8).take(11);
        assertEquals(all.subList(0, 10), first);
        assertEquals(all.get(10), eleventh);
    }

    @Test
    void differentSeed_differentJobs() {
        List<Job> a = new JobGenerator(1).take(100);
        List<Job> b = new JobGenerator(2).take(100);
        long sameCost = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).computeCost() == b.get(i).computeCost()) {
                sameCost++;
            }
        }
        assertNotEquals(a, b);
        assertTrue(sameCost < 5, "costs matched " + sameCost + " times in 100");
    }

    @Test
    void idsCountUpFromOne_orFromTheStartId() {
        List<Job> w = JobGenerator.warmup(3, 5);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), w.stream().map(Job::id).toList());
        JobGenerator g = new JobGenerator(3, 1_000);
        assertEquals(1_000, g.next().id());
        assertEquals(1_001, g.next().id());
        // The start id changes ids only, not the drawn jobs.
        Job fromThousand = new JobGenerator(3, 1_000).next();
        Job fromOne = w.getFirst();
        assertEquals(fromOne.kind(), fromThousand.kind());
        assertEquals(fromOne.computeCost(), fromThousand.computeCost());
    }

    @Test
    void jobsAreNonBlockingAndStartAtSubmit() {
        for (Job j : jobs.subList(0, 1_000)) {
            assertFalse(j.blocking());
            assertEquals(Job.AT_SUBMIT, j.intendedStartNanos());
            assertTrue(j.intendedStart().isEmpty());
        }
    }

    @Test
    void kindShares_are55_33point75_11point25_withinOnePercent() {
        Map<JobKind, Long> counts = countByKind();
        assertEquals(3, counts.size(), counts.toString());
        assertShare(0.55, counts.get(JobKind.PRIME_COUNT), "PrimeCount");
        assertShare(0.3375, counts.get(JobKind.HASH_MIX), "HashMix");
        assertShare(0.1125, counts.get(JobKind.MONTE_CARLO_RISK), "MonteCarloRisk");
    }

    @Test
    void heavyShare_isFifteenPercent() {
        // PrimeCount's normal costs end at 80 000, so above it a PrimeCount job is heavy for sure;
        // a heavy job lands there with probability 220 000 / 220 001.
        long primes = 0;
        long heavyPrimes = 0;
        for (Job j : jobs) {
            if (j.kind() == JobKind.PRIME_COUNT) {
                primes++;
                if (j.computeCost() > 80_000) {
                    heavyPrimes++;
                }
            }
        }
        double share = (double) heavyPrimes / primes;
        assertTrue(Math.abs(share - 0.15) < 0.01, "heavy share " + share);
    }

    @Test
    void costs_lieInTheirKindsRangeOrTheHeavyRange() {
        for (Job j : jobs) {
            long c = j.computeCost();
            boolean heavy = c >= 80_000 && c <= 300_000;
            boolean normal = switch (j.kind().name()) {
                case "HashMix" -> c >= 500 && c <= 120_000;
                case "PrimeCount" -> c >= 2_000 && c <= 80_000;
                case "MonteCarloRisk" -> c >= 20_000 && c <= 250_000;
                default -> false;
            };
            assertTrue(heavy || normal, j.toString());
        }
        long min = jobs.stream().mapToLong(Job::computeCost).min().orElseThrow();
        long max = jobs.stream().mapToLong(Job::computeCost).max().orElseThrow();
        assertTrue(min < 1_000, "smallest cost " + min);
        assertTrue(max > 299_000, "largest cost " + max);
    }

    @Test
    void budgets_span5to80msInclusive() {
        long[] perBudget = new long[81];
        for (Job j : jobs) {
            long b = j.latencyBudgetMs();
            assertTrue(b >= 5 && b <= 80, "budget " + b);
            perBudget[(int) b]++;
        }
        // 76 values, about 1 316 jobs each: both ends occur, and the spread is even.
        for (int b = 5; b <= 80; b++) {
            assertTrue(perBudget[b] > 1_100 && perBudget[b] < 1_550, "budget " + b + ": " + perBudget[b]);
        }
    }

    @Test
    void inputs_twoToSix_eachAtMost200000() {
        long[] perCount = new long[7];
        for (Job j : jobs) {
            int n = j.inputCount();
            assertTrue(n >= 2 && n <= 6, "input count " + n);
            perCount[n]++;
            for (int i = 0; i < n; i++) {
                long v = j.input(i);
                assertTrue(v >= 0 && v <= 200_000, "input " + v);
            }
        }
        for (int n = 2; n <= 6; n++) {
            assertShare(0.2, perCount[n], n + " inputs");
        }
        // Uniform over 0..200 000: the mean is 100 000 (its standard error here is under 100).
        double mean = jobs.stream().flatMapToLong(j -> Arrays.stream(j.inputs())).average().orElseThrow();
        assertTrue(Math.abs(mean - 100_000) < 1_000, "mean input " + mean);
    }

    @Test
    void scaling_uniformInZeroToOne() {
        double sum = 0;
        long low = 0;
        for (Job j : jobs) {
            double s = j.scalingPotential();
            assertTrue(s >= 0.0 && s <= 1.0, "scaling " + s);
            sum += s;
            if (s < 0.1) {
                low++;
            }
        }
        assertTrue(Math.abs(sum / N - 0.5) < 0.01, "mean scaling " + sum / N);
        assertShare(0.1, low, "scaling below 0.1");
    }

    @Test
    void take_refusesNegativeCount_andAllowsZero() {
        assertThrows(IllegalArgumentException.class, () -> new JobGenerator(1).take(-1));
        assertEquals(List.of(), new JobGenerator(1).take(0));
    }

    private static Map<JobKind, Long> countByKind() {
        return jobs.stream().collect(Collectors.groupingBy(Job::kind, Collectors.counting()));
    }

    private static void assertShare(double expected, long count, String what) {
        double share = (double) count / N;
        assertTrue(Math.abs(share - expected) < 0.01, what + " share " + share + ", expected " + expected);
    }
}
