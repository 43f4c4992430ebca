package dev.helixrouter.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.TestSupport;
import dev.helixrouter.engine.config.GateMode;
import dev.helixrouter.engine.config.RouterConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GateTest {
    private final FakeLoad load = new FakeLoad();

    @Nested
    class BusyGate {
        private final RouterConfig cfg = RouterConfig.defaults(8).toBuilder()
                .backpressureGate(GateMode.BUSY).backpressureBusyThreshold(7).build();

        @Test
        void busyAtThreshold_scalingAt065_batches() {
            load.cpuBusy = 7;
            assertEquals(Rule.BUSY_GATE_BATCH, Gate.preGate(TestSupport.job(1, 2, 0.65), load, cfg));
        }

        @Test
        void busyAtThreshold_scalingJustBelow065_dropsWithBackpressure_evenATinyJob() {
            load.cpuBusy = 7;
            Rule r = Gate.preGate(TestSupport.job(1, 2, 0.6499), load, cfg);
            assertEquals(Rule.BUSY_GATE_DROP, r);
            assertEquals(dev.helixrouter.engine.DropReason.BACKPRESSURE, r.dropReasonOrNull());
        }

        @Test
        void busyJustBelowThreshold_doesNotTrip() {
            load.cpuBusy = 6;
            assertNull(Gate.preGate(TestSupport.job(1, 2, 0.1), load, cfg));
        }

        @Test
        void busyGate_doesNotApplyDeadlineAdmission() {
            load.laneWait = 10_000_000_000L;
            assertEquals(Rule.CPU_DEFAULT, Gate.postGate(Rule.CPU_DEFAULT, TestSupport.job(1, 90_000, 0.1), load, cfg));
        }

        @Test
        void defaultBusyThreshold_followsParallelism() {
            RouterConfig c = RouterConfig.defaults(8).toBuilder().backpressureGate(GateMode.BUSY).build();
            load.cpuBusy = 7;
            assertNull(Gate.preGate(TestSupport.job(1, 2, 0.1), load, c));
            load.cpuBusy = 8;
            assertEquals(Rule.BUSY_GATE_DROP, Gate.preGate(TestSupport.job(1, 2, 0.1), load, c));
        }
    }

    @Nested
    class DeadlineGate {
        // deadline gate by default; headroom 1 so that "fits" means estimate <= budget left
        private final RouterConfig cfg = RouterConfig.defaults(8).toBuilder().deadlineHeadroom(1.0).build();
        // budget 100 ms, submitted now: 100 ms left
        private final Job pool = TestSupport.job(1, 90_000, 0.1);
        private final Job batch = TestSupport.job(2, 90_000, 0.9);

        @Test
        void neverPreGates() {
            load.cpuBusy = 8;
            assertNull(Gate.preGate(pool, load, cfg));
        }

        @Test
        void poolJob_thatJustFits_isAdmitted() {
            load.laneWait = 60_000_000;
            load.service = 40_000_000; // exactly 100 ms
            assertEquals(Rule.CPU_DEFAULT, Gate.postGate(Rule.CPU_DEFAULT, pool, load, cfg));
        }

        @Test
        void poolJob_thatJustMisses_isDroppedForDeadline() {
            load.laneWait = 60_000_000;
            load.service = 40_000_001;
            assertEquals(Rule.DEADLINE_DROP, Gate.postGate(Rule.CPU_DEFAULT, pool, load, cfg));
        }

        @Test
        void budgetAlreadySpentBeforeSubmit_counts() {
            Job late = pool.withIntendedStart(load.now - 50_000_000); // started 50 ms ago
            load.service = 50_000_000;
            assertEquals(Rule.CPU_DEFAULT, Gate.postGate(Rule.CPU_DEFAULT, late, load, cfg));
            load.service = 50_000_001;
            assertEquals(Rule.DEADLINE_DROP, Gate.postGate(Rule.CPU_DEFAULT, late, load, cfg));
        }

        @Test
        void batchThatMissesInTheBuffer_triesThePool() {
            load.batchFlush = 95_000_000;
            load.service = 10_000_000;
            assertEquals(Rule.DEADLINE_BATCH_TO_POOL, Gate.postGate(Rule.BATCH_SCALABLE, batch, load, cfg));
        }

        @Test
        void batchThatFitsNowhere_isDroppedForDeadline() {
            load.batchFlush = 95_000_000;
            load.service = 101_000_000;
            assertEquals(Rule.DEADLINE_DROP, Gate.postGate(Rule.BATCH_SCALABLE, batch, load, cfg));
        }

        @Test
        void batchThatFits_staysBatch() {
            load.batchFlush = 10_000_000;
            load.batchDepth = 3;
            load.service = 1_000_000;
            assertEquals(Rule.BATCH_SCALABLE, Gate.postGate(Rule.BATCH_SCALABLE, batch, load, cfg));
        }

        @Test
        void inlineAndSpawn_areNeverGated() {
            load.laneWait = Long.MAX_VALUE / 4;
            load.pressure = 1.0;
            assertEquals(Rule.INLINE_CHEAP, Gate.postGate(Rule.INLINE_CHEAP, pool, load, cfg));
            assertEquals(Rule.SPAWN_BELOW_THRESHOLD, Gate.postGate(Rule.SPAWN_BELOW_THRESHOLD, pool, load, cfg));
        }
    }

    @Nested
    class PressureShed {
        @Test
        void pressureAtThreshold_shedsPoolAndBatch_inBothModes() {
            for (GateMode mode : GateMode.values()) {
                RouterConfig cfg = RouterConfig.defaults(8).toBuilder().backpressureGate(mode)
                        .pressureShedThreshold(0.9).build();
                load.pressure = 0.9;
                assertEquals(Rule.PRESSURE_SHED, Gate.postGate(Rule.CPU_DEFAULT, TestSupport.job(1, 90_000, 0.1), load, cfg));
                assertEquals(Rule.PRESSURE_SHED, Gate.postGate(Rule.BATCH_SCALABLE, TestSupport.job(1, 90_000, 0.9), load, cfg));
            }
        }

        @Test
        void pressureJustBelowThreshold_doesNotShed() {
            RouterConfig cfg = RouterConfig.defaults(8);
            load.pressure = 0.8999;
            assertEquals(Rule.CPU_DEFAULT, Gate.postGate(Rule.CPU_DEFAULT, TestSupport.job(1, 90_000, 0.1), load, cfg));
        }

        @Test
        void busyGateBatchVerdict_isAlsoShedUnderPressure() {
            RouterConfig cfg = RouterConfig.defaults(8).toBuilder().backpressureGate(GateMode.BUSY).build();
            load.pressure = 1.0;
            assertEquals(Rule.PRESSURE_SHED, Gate.postGate(Rule.BUSY_GATE_BATCH, TestSupport.job(1, 2, 0.9), load, cfg));
        }
    }

    @Test
    void admittedMask_isAdmitsForEveryStrategy_overRandomLoads() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        for (int trial = 0; trial < 20_000; trial++) {
            RouterConfig cfg = RouterConfig.defaults(8).toBuilder()
                    .backpressureGate(rnd.nextInt(4) == 0 ? GateMode.BUSY : GateMode.DEADLINE)
                    .deadlineHeadroom(rnd.nextDouble(1.0, 4.0)).build();
            load.laneWait = rnd.nextLong(0, 80_000_000);
            load.service = rnd.nextLong(0, 80_000_000);
            load.batchFlush = rnd.nextLong(0, 10_000_000);
            load.batchDepth = rnd.nextInt(0, 20);
            load.spawned = rnd.nextInt(0, cfg.spawnMaxInFlight() + 2);
            load.pressure = rnd.nextDouble();
            Job job = TestSupport.job(trial, rnd.nextLong(1, 200_000), rnd.nextDouble());
            if (rnd.nextBoolean()) {
                job = job.withIntendedStart(load.now - rnd.nextLong(0, 150_000_000));
            }
            int expected = 0;
            for (dev.helixrouter.engine.Strategy s : dev.helixrouter.engine.Strategy.values()) {
                if (Gate.admits(s, job, load, cfg)) {
                    expected |= 1 << s.ordinal();
                }
            }
            assertEquals(expected, Gate.admittedMask(job, load, cfg), "trial " + trial);
        }
    }
}
