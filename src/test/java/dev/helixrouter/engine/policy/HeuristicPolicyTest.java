package dev.helixrouter.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.TestSupport;
import dev.helixrouter.engine.config.RouterConfig;
import org.junit.jupiter.api.Test;

class HeuristicPolicyTest {
    private final RouterConfig cfg = RouterConfig.defaults(8); // inline 8000, spawn 60000
    private final FakeLoad load = new FakeLoad();
    private final HeuristicPolicy policy = HeuristicPolicy.INSTANCE;

    private Rule choose(long cost, double scaling) {
        return policy.choose(TestSupport.job(1, cost, scaling), load, cfg);
    }

    @Test
    void costAtInlineThreshold_runsInline() {
        assertEquals(Rule.INLINE_CHEAP, choose(8000, 0.9));
        assertEquals(Rule.INLINE_CHEAP, choose(0, 0.0));
    }

    @Test
    void costJustAboveInlineThreshold_spawns() {
        assertEquals(Rule.SPAWN_BELOW_THRESHOLD, choose(8001, 0.9));
    }

    @Test
    void costJustBelowSpawnThreshold_spawns() {
        assertEquals(Rule.SPAWN_BELOW_THRESHOLD, choose(59_999, 0.9));
    }

    @Test
    void costAtSpawnThreshold_withScalingAt070_batches() {
        assertEquals(Rule.BATCH_SCALABLE, choose(60_000, 0.70));
    }

    @Test
    void costAtSpawnThreshold_withScalingJustBelow070_goesToCpuPool() {
        assertEquals(Rule.CPU_DEFAULT, choose(60_000, 0.6999));
    }

    @Test
    void blockingJob_spawnsWhateverItsCost() {
        Job cheap = TestSupport.job(1, 10, 0.1).withBlocking(true);
        Job heavy = TestSupport.job(2, 1_000_000, 0.9).withBlocking(true);
        assertEquals(Rule.BLOCKING_SPAWN, policy.choose(cheap, load, cfg));
        assertEquals(Rule.BLOCKING_SPAWN, policy.choose(heavy, load, cfg));
    }

    @Test
    void adaptiveSpawnThreshold_isTheOneInForce() {
        load.spawnThreshold = 100_000;
        assertEquals(Rule.SPAWN_BELOW_THRESHOLD, choose(99_999, 0.1));
        assertEquals(Rule.CPU_DEFAULT, choose(100_000, 0.1));
    }
}
