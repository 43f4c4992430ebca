package dev.helixrouter.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helixrouter.engine.DecidedBy;
import dev.helixrouter.engine.DecisionEvent;
import dev.helixrouter.engine.HelixRouter;
import dev.helixrouter.engine.Job;
import dev.helixrouter.engine.JobKind;
import dev.helixrouter.engine.Strategy;
import org.junit.jupiter.api.Test;

/** The decision feed's model, reading a real router's feed. */
class DecisionFeedViewModelTest {

    private static void submit(HelixRouter r, int from, int n, String kind, long cost) {
        for (int i = from; i < from + n; i++) {
            r.submit(new Job(i, JobKind.of(kind), new long[0], cost, 0.1, 50), () -> 1).join();
        }
    }

    @Test
    void keepsTheNewest_filters_andFreezes() {
        try (HelixRouter r = HelixRouter.builder().decisionRingCapacity(8192).build()) {
            DecisionFeedViewModel vm = new DecisionFeedViewModel();
            vm.attach(r.decisions(), 0);
            submit(r, 1, 600, "Cheap", 100);          // inline
            submit(r, 601, 50, "Middle", 20_000);     // spawn
            vm.poll(0);
            assertEquals(650, vm.seenProperty().get());
            assertEquals(DecisionFeedViewModel.SHOWN, vm.rows().size(), "bounded");
            assertEquals(650, vm.rows().getFirst().jobId(), "newest first");
            assertEquals(java.util.List.of(DecisionFeedViewModel.ANY, "Cheap", "Middle"), vm.kinds());

            vm.strategyFilterProperty().set(Strategy.SPAWN);
            assertEquals(50, vm.rows().size());
            assertTrue(vm.rows().stream().allMatch(e -> e.strategy() == Strategy.SPAWN));
            vm.strategyFilterProperty().set(null);
            vm.kindFilterProperty().set("Cheap");
            assertTrue(vm.rows().stream().allMatch(e -> e.kind().equals("Cheap")));
            vm.decidedByFilterProperty().set(DecidedBy.GATE);
            assertEquals(0, vm.rows().size());
            vm.decidedByFilterProperty().set(null);
            vm.kindFilterProperty().set(DecisionFeedViewModel.ANY);

            vm.frozenProperty().set(true);
            DecisionEvent top = vm.rows().getFirst();
            submit(r, 651, 10, "Cheap", 100);
            vm.poll(0);
            assertEquals(top, vm.rows().getFirst(), "frozen: the table holds still");
            assertEquals(660, vm.seenProperty().get(), "but still counts");
            vm.frozenProperty().set(false);
            assertEquals(660, vm.rows().getFirst().jobId());
            assertTrue(vm.rows().getFirst().explain().contains("inline_threshold"));
        }
    }

    @Test
    void aSlowReader_countsWhatTheRingOverwrote() {
        try (HelixRouter r = HelixRouter.builder().decisionRingCapacity(64).build()) {
            DecisionFeedViewModel vm = new DecisionFeedViewModel();
            vm.attach(r.decisions(), 0);
            submit(r, 1, 200, "Cheap", 100);
            vm.poll(0);
            assertEquals(200 - 64, vm.lostProperty().get());
            assertEquals(64, vm.seenProperty().get());
        }
    }
}
