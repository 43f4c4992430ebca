package dev.helixrouter.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.DropReason;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.RouterBuilder;
import dev.helixrouter.engine.Strategy;
import dev.helixrouter.engine.config.PolicyKind;
import dev.helixrouter.engine.config.RouterConfig;
import dev.helixrouter.engine.policy.Feedback;
import dev.helixrouter.engine.policy.LoadView;
import dev.helixrouter.engine.policy.Rule;
import dev.helixrouter.engine.time.ManualTime;
import dev.helixrouter.workload.JobGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnedPolicyTest {
    private static final RouterConfig CFG = RouterConfig.defaults(2).toBuilder().routingPolicy(PolicyKind.LEARNED)
            .learnedEpsilon(0).learnedEpsilonFloor(0).build();

    /** An idle two-worker machine; {@code laneFull} makes the CPU lane and batches miss every budget. */
    private static final class Load implements LoadView {
        boolean laneFull;

        @Override public long nowNanos() { return 0; }
        @Override public int cpuBusy() { return laneFull ? 2 : 0; }
        @Override public int queueDepth() { return laneFull ? 512 : 0; }
        @Override public int queueCapacity() { return 512; }
        @Override public int parallelism() { return 2; }
        @Override public int spawnedInFlight() { return 0; }
        @Override public double pressure() { return 0; }
        @Override public long spawnThreshold() { return 60_000; }
        @Override public long estimatedLaneWaitNanos() { return laneFull ? 10_000_000_000L : 0; }
        @Override public long estimatedServiceNanos(Job job) { return 50_000; }
        @Override public long estimatedBatchFlushNanos(Job job) { return 0; }
        @Override public int batchDepth(Job job) { return 0; }
    }

    @Test
    void warmStart_routesLikeTheHeuristic_onTheOriginalWorkload() {
        LearnedPolicy p = LearnedPolicy.warmStart(CFG);
        Load load = new Load();
        JobGenerator gen = new JobGenerator(7);
        int same = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Job j = gen.next();
            if (p.choose(j, load, CFG).strategy() == LearnedPolicy.heuristicChoice(j, CFG)) {
                same++;
            }
        }
        double agreement = (double) same / n;
        System.out.printf("warm start agrees with the heuristic on %.1f %% of 20 000 jobs%n", 100 * agreement);
        // Least squares on tent features of the cost: most disagreements sit on the thresholds.
        assertTrue(agreement >= 0.70, "agreement " + agreement);
    }

    @Test
    void choosesOnlyAmongWhatTheGateAdmits_orLetsTheGateShed() {
        LearnedPolicy p = LearnedPolicy.warmStart(CFG);
        Load load = new Load();
        load.laneFull = true;
        JobGenerator gen = new JobGenerator(3);
        for (int i = 0; i < 5_000; i++) {
            Job j = gen.next();
            Rule r = p.choose(j, load, CFG);
            Strategy s = r.strategy();
            if (s == Strategy.CPU_POOL || s == Strategy.BATCH) {
                // not admitted: the policy preferred shedding, and the gate will drop it
                assertEquals(Rule.DEADLINE_DROP, dev.helixrouter.engine.policy.Gate.postGate(r, j, load, CFG), "job " + j);
            }
        }
    }

    @Test
    void exploration_isAFunctionOfSeedAndJobId() {
        RouterConfig explore = CFG.toBuilder().learnedEpsilon(0.5).learnedEpsilonFloor(0.5).learnedSeed(11).build();
        LearnedPolicy a = LearnedPolicy.warmStart(explore);
        LearnedPolicy b = LearnedPolicy.warmStart(explore);
        Load load = new Load();
        JobGenerator gen = new JobGenerator(5);
        int explored = 0;
        for (int i = 0; i < 10_000; i++) {
            Job j = gen.next();
            Rule ra = a.choose(j, load, explore);
            assertEquals(ra, b.choose(j, load, explore));
            explored += ra.isExploration() ? 1 : 0;
        }
        assertTrue(explored > 4_500 && explored < 5_500, "about half explore: " + explored);
    }

    @Test
    void weights_stayBounded_overAMillionAdversarialUpdates() {
        RouterConfig c = CFG.toBuilder().learnedRate(1.0).learnedL2(0).learnedWeightClip(3.0).build();
        LearnedPolicy p = LearnedPolicy.warmStart(c);
        p.choose(new Job(1, JobKind.HASH_MIX, new long[] {1}, 100, 0.5, 10), new Load(), c); // binds the config
        SplittableRandom rnd = new SplittableRandom(99);
        JobGenerator gen = new JobGenerator(1);
        Feedback.Ended[] ends = Feedback.Ended.values();
        for (int i = 0; i < 1_000_000; i++) {
            Job j = gen.next();
            Feedback.Ended e = ends[rnd.nextInt(ends.length)];
            long budget = j.latencyBudgetNanos();
            long latency = rnd.nextLong(0, 20 * budget);
            p.learn(new Feedback(j, LearnedPolicy.ARMS.get(rnd.nextInt(4)), rnd.nextBoolean(), rnd.nextDouble(),
                    rnd.nextDouble(), rnd.nextDouble(), rnd.nextLong(-budget, budget), e,
                    e == Feedback.Ended.DROPPED ? DropReason.QUEUE_FULL : null, latency, rnd.nextLong(0, budget),
                    latency <= budget, rnd.nextDouble()));
        }
        assertEquals(1_000_000, p.updates());
        double max = p.maxAbsWeight();
        System.out.printf("after 1 000 000 updates at learned_rate 1: max |weight| %.3f (clip 3)%n", max);
        assertTrue(max <= 3.0, "bounded by learned_weight_clip: " + max);
        for (JobKind k : new JobKind[] {JobKind.HASH_MIX, JobKind.PRIME_COUNT, JobKind.MONTE_CARLO_RISK}) {
            for (double[] row : p.weights(k)) {
                for (double v : row) {
                    assertTrue(Double.isFinite(v));
                }
            }
        }
    }

    @Test
    void reward_chargesLatenessAndHarm_clippedToPlusMinusOne() {
        Job j = new Job(1, JobKind.HASH_MIX, new long[] {1}, 10_000, 0.5, 10); // 10 ms budget
        Feedback met = new Feedback(j, Strategy.CPU_POOL, false, 0, 0, 0, 10_000_000, Feedback.Ended.COMPLETED, null,
                5_000_000, 50_000, true, 0.0);
        assertEquals(1.0, LearnedPolicy.reward(met, 50_000), 1e-12);
        Feedback inlineUnderPressure = new Feedback(j, Strategy.INLINE, false, 0, 0, 0, 10_000_000,
                Feedback.Ended.COMPLETED, null, 5_000_000, 50_000, true, 0.5);
        // harm = 0.5 x (50 us CPU + 50 us holding the caller) / 50 us mean = 1
        assertEquals(0.0, LearnedPolicy.reward(inlineUnderPressure, 50_000), 1e-12);
        Feedback late = new Feedback(j, Strategy.CPU_POOL, false, 0, 0, 0, 10_000_000, Feedback.Ended.COMPLETED, null,
                15_000_000, 50_000, false, 0.0);
        assertEquals(-0.5, LearnedPolicy.reward(late, 50_000), 1e-12);
        Feedback veryLate = new Feedback(j, Strategy.CPU_POOL, false, 0, 0, 0, 10_000_000, Feedback.Ended.COMPLETED,
                null, 500_000_000, 50_000, false, 0.0);
        assertEquals(-1.0, LearnedPolicy.reward(veryLate, 50_000), 1e-12);
        assertEquals(-1.0, LearnedPolicy.reward(new Feedback(j, Strategy.SPAWN, false, 0, 0, 0, 0,
                Feedback.Ended.FAILED, null, 0, 0, false, 0), 50_000), 1e-12);

        // A blocking job's service time is its wait: no CPU, and a spawned one holds no carrier...
        Job waits = new Job(2, JobKind.HASH_MIX, new long[] {1}, 100, 0.1, 10, true, Job.AT_SUBMIT);
        Feedback parked = new Feedback(waits, Strategy.SPAWN, false, 0, 0, 0, 10_000_000, Feedback.Ended.COMPLETED,
                null, 5_000_000, 50_000, true, 0.5);
        assertEquals(1.0, LearnedPolicy.reward(parked, 50_000), 1e-12);
        // ...but on the lane it holds a worker for the whole wait: 0.5 x 50 us / 50 us
        Feedback onLane = new Feedback(waits, Strategy.CPU_POOL, false, 0, 0, 0, 10_000_000,
                Feedback.Ended.COMPLETED, null, 5_000_000, 50_000, true, 0.5);
        assertEquals(0.5, LearnedPolicy.reward(onLane, 50_000), 1e-12);
    }

    @Test
    void weights_persist_andACorruptFileIsReportedKeptAsideAndReplaced(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("weights.json");
        RouterConfig cfg = CFG.toBuilder().metricsIntervalMs(100).batchMaxSize(1).build(); // batches flush at once
        ManualTime time = new ManualTime();
        RouterBuilder b = HelixRouter.builder().clock(time).scheduler(time);
        AdaptiveLayer layer = AdaptiveLayer.install(b, cfg, 2, Optional.of(file));
        try (HelixRouter router = layer.attach(b.build())) {
            JobGenerator gen = new JobGenerator(2);
            for (int i = 0; i < 200; i++) {
                router.submit(gen.next()).await(java.time.Duration.ofSeconds(30));
            }
        }
        assertTrue(Files.exists(file), "saved on close");
        LearnedWeights saved = LearnedWeights.load(file);
        assertEquals(layer.learned().updates(), saved.updates());
        assertTrue(saved.updates() > 0);

        RouterBuilder b2 = HelixRouter.builder().clock(time).scheduler(time);
        AdaptiveLayer again = AdaptiveLayer.install(b2, cfg, 2, Optional.of(file));
        assertEquals("file", again.learned().source());
        assertEquals(saved.updates(), again.learned().updates());
        assertEquals(java.util.Arrays.deepToString(saved.kinds().get("PrimeCount").weights()),
                java.util.Arrays.deepToString(again.learned().weights(JobKind.PRIME_COUNT)));

        Files.writeString(file, "{\"format\": \"helixrouter-learned-weights\", \"version\": 1, \"strategies\": [");
        AdaptiveLayer recovered = AdaptiveLayer.install(HelixRouter.builder().clock(time).scheduler(time), cfg, 2,
                Optional.of(file));
        assertEquals("warm_start", recovered.learned().source());
        String error = recovered.learned().loadError();
        assertNotNull(error);
        assertTrue(error.contains("weights.json") && error.contains("malformed JSON"), error);
        assertTrue(Files.readString(dir.resolve("weights.json.corrupt")).endsWith("["), "the bad file is kept");
        LearnedWeights replaced = LearnedWeights.load(file);
        assertEquals(0, replaced.updates(), "replaced by the warm start");
        assertEquals(error, recovered.learned().state().get("weights_error"));
    }

    @Test
    void aWeightsFileWithoutTheHeuristicColumn_isReadWithZeroThere() {
        java.util.List<String> older = LearnedPolicy.FEATURES.subList(0, LearnedPolicy.FEATURES.size() - 1);
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < LearnedPolicy.ARMS.size(); r++) {
            rows.append(r == 0 ? "" : ", ").append('[');
            for (int c = 0; c < older.size(); c++) {
                rows.append(c == 0 ? "" : ", ").append(0.01 * (r + 1) * (c + 1));
            }
            rows.append(']');
        }
        String json = "{\"format\": \"helixrouter-learned-weights\", \"version\": 1, "
                + "\"strategies\": [\"inline\", \"spawn\", \"cpu_pool\", \"batch\"], \"features\": "
                + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(older) + ", \"updates\": 7, "
                + "\"kinds\": {\"HashMix\": {\"weights\": [" + rows + "], \"baseline\": 0.5, \"updates\": 7}}}";
        LearnedWeights w = LearnedWeights.parse(json);
        assertEquals(LearnedPolicy.FEATURES, w.features());
        double[][] m = w.kinds().get("HashMix").weights();
        for (int r = 0; r < m.length; r++) {
            assertEquals(LearnedPolicy.FEATURES.size(), m[r].length);
            assertEquals(0.01 * (r + 1) * 3, m[r][2], 1e-12, "an old column keeps its weight");
            assertEquals(0.0, m[r][LearnedPolicy.HEURISTIC_COLUMN], "the added column starts at 0");
        }
        String reordered = json.replace("\"bias\",\"log_cost\"", "\"log_cost\",\"bias\"");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LearnedWeights.parse(reordered));
        assertTrue(e.getMessage().startsWith("features: written for"), e.getMessage());
    }
}
