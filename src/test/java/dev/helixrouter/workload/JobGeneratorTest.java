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
    void originalStream_isPinned_soRecordedWorkloadsNeverChange() {
        // Fingerprints taken from the generator before it learned WorkloadSpec: the original
        // workload must stay bit-for-bit the same forever.
        assertEquals(6695573218953789719L, fingerprint(new JobGenerator(7).take(10_000)));
        assertEquals(-7895517733274568523L, fingerprint(new JobGenerator(42).take(10_000)));
        assertEquals(1873832650011565664L, fingerprint(new JobGenerator(20_250_101L).take(10_000)));
        assertEquals(new Job(1, JobKind.PRIME_COUNT, new long[] {137868, 129250, 73562, 50194, 69419}, 46358,
                0.41314139741777933, 66), new JobGenerator(7).next());
    }

    @Test
    void originalSpec_givesTheSameJobsAsTheSeedConstructor() {
        assertEquals(new JobGenerator(11).take(2_000), new JobGenerator(WorkloadSpec.ORIGINAL, 11).take(2_000));
        assertEquals(new JobGenerator(11, 50).take(10), new JobGenerator(WorkloadSpec.ORIGINAL, 11, 50).take(10));
        assertTrue(new JobGenerator(11).takeGenerated(1_000).stream().allMatch(g -> g.blockingWaitNanos() == 0));
    }

    @Test
    void spec_rangesAreRespected() {
        WorkloadSpec spec = WorkloadSpec.builder().latencyBudgetMs(2, 10).scalingPotential(0.7, 1.0)
                .inputs(1, 1).inputValues(1_000, 1_000).heavyShare(0).kindShares(0, 1).hashMixCost(65_000, 70_000)
                .build();
        for (Job j : new JobGenerator(spec, 5).take(20_000)) {
            assertEquals(JobKind.HASH_MIX, j.kind());
            assertTrue(j.latencyBudgetMs() >= 2 && j.latencyBudgetMs() <= 10, j.toString());
            assertTrue(j.scalingPotential() >= 0.7 && j.scalingPotential() <= 1.0, j.toString());
            assertTrue(j.computeCost() >= 65_000 && j.computeCost() <= 70_000, j.toString());
            assertEquals(1, j.inputCount());
            assertEquals(1_000, j.input(0));
        }
    }

    @Test
    void heavyShare_andKindShares_followTheSpec() {
        WorkloadSpec spec = WorkloadSpec.builder().heavyShare(0.35).kindShares(1.0, 0.5).build();
        List<Job> js = new JobGenerator(spec, 9).take(N);
        assertTrue(js.stream().allMatch(j -> j.kind() == JobKind.PRIME_COUNT));
        double heavy = js.stream().filter(j -> j.computeCost() > 80_000).count() / (double) N;
        assertTrue(Math.abs(heavy - 0.35) < 0.01, "heavy share " + heavy);
    }

    @Test
    void blockingShare_marksThatShare_withWaitsInRange_andLeavesEveryOtherPropertyUnchanged() {
        WorkloadSpec spec = WorkloadSpec.builder().blockingShare(0.2).blockingWaitMs(2, 10).build();
        List<GeneratedJob> blocking = new JobGenerator(spec, 13).takeGenerated(N);
        List<Job> plain = new JobGenerator(13).take(N);
        long count = 0;
        for (int i = 0; i < N; i++) {
            GeneratedJob g = blocking.get(i);
            assertEquals(plain.get(i), g.job().withBlocking(false), "job " + i + " differs beyond its blocking flag");
            if (g.job().blocking()) {
                count++;
                assertTrue(g.blockingWaitNanos() >= 2_000_000 && g.blockingWaitNanos() <= 10_000_000,
                        "wait " + g.blockingWaitNanos());
            } else {
                assertEquals(0, g.blockingWaitNanos());
            }
        }
        assertShare(0.2, count, "blocking");
        // next() and nextGenerated() draw the same jobs.
        assertEquals(blocking.subList(0, 100).stream().map(GeneratedJob::job).toList(),
                new JobGenerator(spec, 13).take(100));
    }

    @Test
    void raisingTheBlockingShare_onlyAddsBlockingJobs() {
        List<GeneratedJob> low = new JobGenerator(WorkloadSpec.builder().blockingShare(0.1).build(), 3).takeGenerated(5_000);
        List<GeneratedJob> high = new JobGenerator(WorkloadSpec.builder().blockingShare(0.3).build(), 3).takeGenerated(5_000);
        for (int i = 0; i < low.size(); i++) {
            if (low.get(i).job().blocking()) {
                assertEquals(low.get(i), high.get(i));
            }
        }
    }

    @Test
    void take_refusesNegativeCount_andAllowsZero() {
        assertThrows(IllegalArgumentException.class, () -> new JobGenerator(1).take(-1));
        assertEquals(List.of(), new JobGenerator(1).take(0));
    }

    private static long fingerprint(List<Job> js) {
        long h = 1125899906842597L;
        for (Job j : js) {
            h = 31 * h + j.id();
            h = 31 * h + j.kind().name().hashCode();
            for (long x : j.inputs()) {
                h = 31 * h + x;
            }
            h = 31 * h + j.computeCost();
            h = 31 * h + Double.doubleToLongBits(j.scalingPotential());
            h = 31 * h + j.latencyBudgetMs();
        }
        return h;
    }

    private static Map<JobKind, Long> countByKind() {
        return jobs.stream().collect(Collectors.groupingBy(Job::kind, Collectors.counting()));
    }

    private static void assertShare(double expected, long count, String what) {
        double share = (double) count / N;
        assertTrue(Math.abs(share - expected) < 0.01, what + " share " + share + ", expected " + expected);
    }
}
